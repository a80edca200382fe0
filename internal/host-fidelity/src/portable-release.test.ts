// Issue #10's acceptance for a new portable plugin: every `create-agent-plugin --target agent-plugins[,...]`
// combination lints clean for each target it declares, packs (signed), verifies, installs into a marketplace with
// plugin-pack install, and the real Codex loads every installed plugin whole from that marketplace (all but the
// Claude Code hooks of a plugin that does not declare Codex).
// Local servers are built first, as the plugin's own `npm run build` would. Needs the npm registry for the server's
// dependencies; skipped with AGENT_PLUGIN_SKIP_HOSTS=1 or offline.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { declaredTargets } from "@agent-plugin/core";
import { findLosses, inspectMarketplace, pins } from "@agent-plugin/hosts";
import { lint } from "@agent-plugin/plugin-lint";
import { generateSigningKey, install, loadTrust, pack, verifyArchive } from "@agent-plugin/plugin-pack";
import { tempDir } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { createdPlugins } from "./created-plugins.js";

const skipHosts = process.env.AGENT_PLUGIN_SKIP_HOSTS === "1" || process.env.AGENT_PLUGIN_OFFLINE === "1";
const codex = pins.find((pin) => pin.host === "codex" && pin.current)!;

/**
 * Builds the local servers the way each plugin's `build` script does (`tsc -p server`), with its runtime
 * dependencies and TypeScript installed once from npm into the folder that holds the plugins: Node, tsc and esbuild
 * find them there, and no plugin gets a link out of itself.
 */
function buildServers(dirs: readonly string[]): void {
  const local = dirs.filter((dir) => existsSync(join(dir, "server/tsconfig.json")));
  if (local.length === 0) return;
  const deps = dirname(local[0]!);
  writeFileSync(join(deps, "package.json"), '{ "private": true }\n');
  const wanted = JSON.parse(
    execFileSync("node", ["-p", "JSON.stringify(require('./package.json'))"], { cwd: local[0]!, encoding: "utf8" }),
  ) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  // The plugin's own devDependencies on this toolchain are not needed to build, and not published here.
  const packages = [
    ...Object.entries(wanted.dependencies),
    ...Object.entries(wanted.devDependencies).filter(([name]) => name === "typescript" || name === "@types/node"),
  ].map(([name, range]) => `${name}@${range}`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", ...packages], {
    cwd: deps,
    stdio: "pipe",
  });
  for (const dir of local) {
    execFileSync("node", [join(deps, "node_modules/typescript/bin/tsc"), "-p", "server"], { cwd: dir, stdio: "pipe" });
  }
}

describe.skipIf(skipHosts)(
  "create --target agent-plugins: lint, pack, verify, install, load in Codex [host] [slow]",
  () => {
    it("every combination with the standard, with and without an MCP server", { timeout: 900_000 }, async () => {
      const work = tempDir();
      const dirs = createdPlugins(join(work, "created"), (target) => target.split(",").includes("agent-plugins"));
      expect(dirs.length).toBe(15);
      buildServers(dirs);

      const problems: string[] = [];
      const market = join(work, "market");
      mkdirSync(market);
      const key = generateSigningKey();
      const trust = loadTrust([key.publicKey], { cwd: work });
      for (const dir of dirs) {
        const name = dir.split("/").pop()!;
        for (const target of declaredTargets(dir)) {
          const report = await lint({
            paths: [dir],
            cwd: dir,
            target,
            config: { rules: {}, ignores: [], baseDir: dir },
          });
          for (const d of report.diagnostics)
            problems.push(`${name} for ${target}: ${d.severity} ${d.ruleId}: ${d.message}`);
        }
        const packed = await pack({
          dir,
          cwd: dir,
          outDir: join(work, "dist", name),
          lint: true,
          env: { KEY: key.privateKeyPem },
          sign: "env:KEY",
        });
        const verified = await verifyArchive(packed.archive, { trust });
        if (!verified.ok || verified.signature.status !== "valid")
          problems.push(`${name}: verify ${verified.signature.status} ${verified.problems.join("; ")}`);
        const installed = await install(packed.archive, { trust, cwd: work, marketplace: market });
        if (installed.status !== "installed") problems.push(`${name}: install ${installed.status}`);
      }
      expect(problems).toEqual([]);

      // The marketplace plugin-pack install wrote, as Codex reads it: every plugin installs and loses nothing.
      const inventory = await inspectMarketplace({ host: codex.host, version: codex.version, marketplace: market });
      expect(inventory.marketplace.added, JSON.stringify(inventory.marketplace)).toBe(true);
      for (const dir of dirs) {
        const name = dir.split("/").pop()!;
        const plugin = inventory.plugins.find((candidate) => candidate.name === name);
        const losses =
          plugin === undefined
            ? ["no answer from the host"]
            : findLosses(join(market, "plugins", name), codex.host, plugin);
        // Hooks beside the standard's manifest are Claude Code's (create refuses them with codex in --target): Codex
        // 0.171 runs none of them, so a plugin that does not declare Codex loses only those there.
        const forCodex = declaredTargets(dir).includes("codex");
        for (const loss of losses.filter((line) => forCodex || !line.startsWith("hooks ")))
          problems.push(`${name} in Codex ${codex.version}: lost ${loss}`);
      }
      expect(problems).toEqual([]);
      expect(inventory.plugins.map((plugin) => plugin.name).sort()).toEqual(
        dirs.map((dir) => dir.split("/").pop()).sort(),
      );
    });
  },
);
