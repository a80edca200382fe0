/**
 * Brings every plugin.json `version` to its package.json version, and every marketplace entry that carries
 * a `version` to its plugin's, and every npm source range that excludes its plugin's new version (npm-ranges.ts):
 * one value edited per file, every other byte kept. Reads package.json only,
 * never changesets internals, so it works after changesets 2 and 3 alike.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { findNodeAtLocation, type Node } from "jsonc-parser";
import {
  localSourcePath,
  parseJsonTree,
  replaceJsonScalar,
  setJsonProperty,
  writeFileAtomic,
} from "@agent-plugin/core";
import { PackError } from "../errors.js";
import { npmPackages, updateNpmRanges } from "./npm-ranges.js";
import { MARKETPLACE_FILES, type Workspace } from "./workspace.js";

export interface VersionChange {
  file: string;
  /** The package the version comes from. */
  packageName: string;
  from: string | null;
  to: string;
}

/**
 * Plans every edit first, so a file that cannot be parsed stops the sync before anything is written;
 * then writes each changed file atomically.
 */
export function syncVersions(workspace: Workspace, options: { dryRun?: boolean } = {}): VersionChange[] {
  const packages = npmPackages(workspace);
  const edits = new Map<string, { text: string; bom: string }>();
  const changes: VersionChange[] = [];
  for (const plugin of workspace.plugins) {
    for (const manifest of plugin.manifests) {
      const { text, bom } = readJson(manifest);
      const tree = objectTree(text, manifest);
      const current = findNodeAtLocation(tree, ["version"]);
      const from = current?.type === "string" ? (current.value as string) : null;
      if (from === plugin.version) continue;
      const next = current
        ? replaceJsonScalar(text, ["version"], plugin.version)
        : setJsonProperty(text, [], "version", JSON.stringify(plugin.version), { after: "name" });
      edits.set(manifest, { text: next, bom });
      changes.push({ file: manifest, packageName: plugin.packageName, from, to: plugin.version });
    }
  }
  for (const relativePath of MARKETPLACE_FILES) {
    const file = join(workspace.root, relativePath);
    if (!existsSync(file)) continue;
    const read = readJson(file);
    let text = read.text;
    const entries = findNodeAtLocation(objectTree(text, file), ["plugins"]);
    if (entries?.type !== "array") continue;
    (entries.children ?? []).forEach((entry, index) => {
      const version = findNodeAtLocation(entry, ["version"]);
      if (version?.type !== "string") return;
      const plugin = pluginForEntry(workspace, entry);
      if (!plugin || version.value === plugin.version) return;
      text = replaceJsonScalar(text, ["plugins", index, "version"], plugin.version);
      changes.push({ file, packageName: plugin.packageName, from: version.value as string, to: plugin.version });
    });
    const ranges = updateNpmRanges(text, entries, packages);
    text = ranges.text;
    for (const change of ranges.changes) changes.push({ file, ...change });
    if (text !== read.text) edits.set(file, { text, bom: read.bom });
  }
  if (!options.dryRun) {
    for (const [file, edit] of edits) {
      try {
        writeFileAtomic(file, edit.bom + edit.text);
      } catch (error) {
        throw new PackError(
          `cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          file,
        );
      }
    }
  }
  return changes;
}

/** The plugin a marketplace entry's local source points at; both marketplace kinds resolve against the repo root. */
function pluginForEntry(workspace: Workspace, entry: Node) {
  const sourceNode = findNodeAtLocation(entry, ["source"]);
  const path = localSourcePath(sourceNode === undefined ? undefined : nodeValue(sourceNode));
  if (path === undefined) return undefined;
  const target = resolve(workspace.root, path);
  return workspace.plugins.find((plugin) => plugin.dir === target);
}

function nodeValue(node: Node): unknown {
  if (node.type !== "object") return node.value;
  return Object.fromEntries(
    (node.children ?? []).map((property) => [property.children?.[0]?.value as string, property.children?.[1]?.value]),
  );
}

function readJson(file: string): { text: string; bom: string } {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (error) {
    throw new PackError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`, file);
  }
  const bom = raw.startsWith("\uFEFF") ? "\uFEFF" : "";
  return { text: raw.slice(bom.length), bom };
}

function objectTree(text: string, file: string): Node {
  const tree = parseJsonTree(text);
  if (tree?.type !== "object")
    throw new PackError(
      `${file} is not a valid JSON object: fix it (plugin-lint shows where) and run again; nothing was changed`,
      file,
    );
  return tree;
}
