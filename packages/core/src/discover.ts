import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { declaresAgentPlugins } from "./agent-plugins.js";
import { isDirectory, readTextFile, type TextReadResult } from "./fs-safe.js";
import { hostProfiles, type HostId, type TargetId } from "./hosts/index.js";
import type { WalkedKind } from "./walk.js";

export type Target =
  | { kind: "plugin"; root: string }
  | { kind: "marketplace"; root: string }
  | { kind: "skill"; path: string };

export interface Discovery {
  targets: Target[];
  /** Paths that do not exist: a usage error. */
  missing: string[];
  /** Files that belong to no plugin (pre-commit hands over every staged file). */
  unowned: string[];
}

const ALL_MANIFESTS = [".codex-plugin/plugin.json", ".claude-plugin/plugin.json"];
const HOST_FOLDERS = new Set([".codex-plugin", ".claude-plugin"]);

const AGENT_PLUGINS_MANIFEST_MAX_BYTES = 1024 * 1024;

/**
 * Whether `dir/plugin.json` is an Agent Plugins manifest (its "$schema" names the standard), read with `read` (a
 * plugin model's reader, so a file the load read already is not read again) and at most 1 MiB of it.
 */
export function hasAgentPluginsManifest(
  dir: string,
  read: (path: string, maxBytes: number) => TextReadResult = readTextFile,
): boolean {
  const result = read(join(dir, "plugin.json"), AGENT_PLUGINS_MANIFEST_MAX_BYTES);
  // A reader may serve a larger file from memory: it is over the limit all the same.
  return result.ok && result.size <= AGENT_PLUGINS_MANIFEST_MAX_BYTES && declaresAgentPlugins(result.text);
}

/** The nearest folder at or above `start` that holds a plugin manifest: a host's, or the standard's root plugin.json. */
export function findPluginRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (ALL_MANIFESTS.some((m) => existsSync(join(dir, m)))) return dir;
    // A host folder holds a host manifest, never the plugin root, whatever its plugin.json says.
    if (!HOST_FOLDERS.has(basename(dir)) && hasAgentPluginsManifest(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The targets a plugin declares by the manifests it has: the standard for an Agent Plugins root plugin.json, and
 * each host whose manifest is present. In the order agent-plugins, codex, claude-code.
 */
export function declaredTargets(root: string, walked?: (relative: string) => WalkedKind): TargetId[] {
  const targets: TargetId[] = [];
  // With the plugin's walk (walkedKinds), a manifest the walk did not find is not looked for on disk.
  if (walked?.("plugin.json") !== "missing" && hasAgentPluginsManifest(root)) targets.push("agent-plugins");
  for (const host of ["codex", "claude-code"] as const) {
    const path = hostProfiles[host].manifestPaths[0]!;
    const kind = walked?.(path);
    if (kind === undefined ? isFile(join(root, path)) : kind === "file") targets.push(host);
  }
  return targets;
}

/** A marketplace of `host`, or with no host, of any host (a run with no target follows the files it finds). */
function marketplaceRootOf(dir: string, host: HostId | undefined): string | undefined {
  const hosts = host === undefined ? (["codex", "claude-code"] as const) : [host];
  const candidates = new Set([
    ...hosts.flatMap((id) => hostProfiles[id].marketplacePaths),
    ".agents/plugins/marketplace.json",
  ]);
  return [...candidates].some((m) => existsSync(join(dir, m))) ? dir : undefined;
}

/**
 * Decides what each path given on the command line means: a marketplace repo, a plugin
 * (any file or folder inside one), or a standalone skill. Each target appears once.
 */
export function discoverTargets(paths: readonly string[], options: { cwd: string; host?: HostId }): Discovery {
  const host = options.host;
  const discovery: Discovery = { targets: [], missing: [], unowned: [] };
  const seen = new Set<string>();
  const add = (target: Target) => {
    const key = `${target.kind}:${target.kind === "skill" ? target.path : target.root}`;
    if (!seen.has(key)) {
      seen.add(key);
      discovery.targets.push(target);
    }
  };
  for (const input of paths.length > 0 ? paths : ["."]) {
    const path = resolve(options.cwd, input);
    if (!existsSync(path)) {
      discovery.missing.push(input);
      continue;
    }
    if (isDirectory(path)) {
      const marketplace = marketplaceRootOf(path, host);
      if (marketplace) {
        add({ kind: "marketplace", root: marketplace });
        continue;
      }
      const owner = findPluginRoot(path);
      if (owner) add({ kind: "plugin", root: owner });
      else if (existsSync(join(path, "SKILL.md"))) add({ kind: "skill", path: join(path, "SKILL.md") });
      else add({ kind: "plugin", root: path });
      continue;
    }
    const name = basename(path);
    if (
      name === "marketplace.json" &&
      (basename(dirname(path)) === "plugins" || basename(dirname(path)) === ".claude-plugin")
    ) {
      const root = basename(dirname(path)) === "plugins" ? dirname(dirname(dirname(path))) : dirname(dirname(path));
      add({ kind: "marketplace", root });
      continue;
    }
    const owner = findPluginRoot(dirname(path));
    if (owner) add({ kind: "plugin", root: owner });
    else if (name === "SKILL.md") add({ kind: "skill", path });
    else discovery.unowned.push(input);
  }
  return discovery;
}
