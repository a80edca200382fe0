// Every create-agent-plugin option combination, written into a folder as create would write it (no git, no install).
import { generateFiles, resolveOptions } from "create-agent-plugin";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Every combination a user can ask create-agent-plugin for, written into `work` (those whose `--target` passes `only`). */
export function createdPlugins(work: string, only?: (target: string) => boolean): string[] {
  // Claude Code alone is not offered: create writes it beside a Codex or Agent Plugins manifest.
  const targets = [
    "codex",
    "codex,claude-code",
    "agent-plugins",
    "agent-plugins,claude-code",
    "agent-plugins,codex,claude-code",
  ];
  const mcps = ["none", "stdio", "http"];
  const dirs: string[] = [];
  for (const target of targets.filter((candidate) => only?.(candidate) ?? true)) {
    for (const mcp of mcps) {
      for (const extras of [false, true]) {
        const hosts = target.split(",");
        // Hooks and app connectors belong to a host's own manifest; the standard alone has neither, and create
        // refuses hooks beside the standard's manifest for Codex (Codex 0.171 runs none of them there).
        const hooks =
          hosts.some((host) => host !== "agent-plugins") &&
          !(hosts.includes("agent-plugins") && hosts.includes("codex"));
        const app = hosts.includes("codex");
        if (extras && !hooks && !app) continue;
        const name = `c-${target.replaceAll(",", "-")}-${mcp}${extras ? "-x" : ""}`.slice(0, 60);
        const options = resolveOptions({
          cwd: work,
          name,
          target,
          mcp,
          ...(mcp === "http" ? { mcpUrl: "https://mcp.example.com/mcp" } : {}),
          ...(extras && hooks ? { hooks: true } : {}),
          ...(extras && app ? { app: "connector_0123abcd" } : {}),
          skills: "summarize-notes",
          developer: "Test",
          year: 2026,
          nodeVersion: "20.19.0",
          packageManager: "npm",
          detectWorkspace: false,
          gitUserName: () => "Test",
        });
        for (const file of generateFiles(options)) {
          const path = join(options.dir, file.path);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, file.data, { mode: file.mode });
        }
        dirs.push(options.dir);
      }
    }
  }
  return dirs;
}
