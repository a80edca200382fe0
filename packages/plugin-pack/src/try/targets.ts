import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { type HostId, isDirectory, isRecord, localSourcePath, ToolError } from "@agent-plugin/core";
import { marketplaceFile } from "@agent-plugin/hosts";

/** The manifests a folder is a plugin by (Codex reads all three; Claude Code its own, and loads one without). */
const PLUGIN_MANIFESTS = [".codex-plugin/plugin.json", ".claude-plugin/plugin.json", "plugin.json"];

/** What `try` loads for one host: a plugin folder, or a marketplace and its local plugins. */
export type TryTarget =
  | { kind: "plugin"; name: string; dir: string }
  | { kind: "marketplace"; dir: string; entries: { name: string; dir?: string }[] };

/** Whether a folder is a plugin or a marketplace; exit 2 in one line when it is neither, or not there. */
export function targetKind(dir: string): "plugin" | "marketplace" {
  if (!existsSync(dir)) throw new ToolError(`${dir}: no such folder; pass a plugin or marketplace folder`);
  if (!isDirectory(dir)) throw new ToolError(`${dir} is a file: pass a plugin or marketplace folder`);
  if (PLUGIN_MANIFESTS.some((path) => existsSync(join(dir, path)))) return "plugin";
  if (Object.values(marketplaceFile).some((path) => existsSync(join(dir, path)))) return "marketplace";
  throw new ToolError(
    `${dir} is not a plugin: it has no .codex-plugin/plugin.json, .claude-plugin/plugin.json or marketplace.json; pass a plugin folder (\`npm create agent-plugin\` makes one)`,
  );
}

/** The target for one host, or undefined (with why) when the folder is a marketplace for the other host only. */
export function targetFor(dir: string, host: HostId): TryTarget | string {
  const root = resolve(dir);
  if (targetKind(root) === "plugin") return { kind: "plugin", name: pluginName(root), dir: root };
  const file = join(root, marketplaceFile[host]);
  if (!existsSync(file)) return `${dir} has no ${marketplaceFile[host]}: not a ${host} marketplace, skipped`;
  return { kind: "marketplace", dir: root, entries: marketplaceEntries(root, file) };
}

/** The manifest's name (what a marketplace entry would be called), else the folder's. */
function pluginName(dir: string): string {
  for (const path of PLUGIN_MANIFESTS) {
    const manifest = readJson(join(dir, path));
    if (isRecord(manifest) && typeof manifest.name === "string" && /^[a-z0-9][a-z0-9._-]*$/i.test(manifest.name))
      return manifest.name;
  }
  return basename(dir).replace(/[^a-z0-9._-]/gi, "-");
}

/** The entries of a marketplace file, with the folder of each local one; the host decides what it accepts. */
function marketplaceEntries(root: string, file: string): { name: string; dir?: string }[] {
  const value = readJson(file);
  if (!isRecord(value) || !Array.isArray(value.plugins))
    throw new ToolError(`${file} is not a JSON object with a "plugins" list: fix it, then try again`);
  return value.plugins.flatMap((entry) => {
    if (!isRecord(entry) || typeof entry.name !== "string") return [];
    const path = localSourcePath(entry.source);
    return [path === undefined ? { name: entry.name } : { name: entry.name, dir: resolve(root, path) }];
  });
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
}
