/**
 * Format-preserving edits of a Codex marketplace file's `plugins` list, shared by create-agent-plugin (the entry
 * of a new plugin) and plugin-pack install (the entry of an installed archive). Each edit touches only the bytes
 * of the entry or field it changes; new lines take the file's own indentation and line endings. Failures are
 * MarketplaceEditError with a `problem` code, so each tool words them (and picks its exit code) itself.
 */
import { findNodeAtLocation, type Node } from "jsonc-parser";
import { titleCase, toKebab } from "./names.js";
import { basename } from "node:path";
import {
  detectJsonStyle,
  formatJsonValue,
  lineIndent,
  parseJsonTree,
  propertiesOnOwnLines,
  setJsonProperty,
  splice,
  type JsonStyle,
} from "./json-edit.js";

/** Where Codex reads a marketplace, relative to the marketplace root. */
export const CODEX_MARKETPLACE_PATH = ".agents/plugins/marketplace.json";

export type MarketplaceEditProblem =
  /** Not one strict JSON value (comments and trailing commas count), or not an object. */
  | "invalid-json"
  | "plugins-not-list"
  /** An entry of that name exists and replacing it was not asked for. */
  | "duplicate-entry"
  | "no-entry"
  /** A field to set lies inside something that is not an object. */
  | "not-object";

export class MarketplaceEditError extends Error {
  override name = "MarketplaceEditError";
  readonly problem: MarketplaceEditProblem;
  constructor(problem: MarketplaceEditProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

/** A marketplace entry to write (plain JSON data): `name` first, then whatever the caller puts in it, in that key order. */
export interface MarketplaceEntryValue {
  name: string;
}

export type JsonScalar = string | number | boolean | null;

/** One field of an entry to set, e.g. `{ path: ["policy", "installation"], value: "AVAILABLE" }`. */
export interface EntryFieldEdit {
  path: readonly [string, ...string[]];
  value: JsonScalar;
}

/** The parsed `plugins` list (empty when the file has none). Throws MarketplaceEditError for invalid JSON. */
export function marketplaceEntries(text: string): unknown[] {
  const { plugins } = parseMarketplace(text);
  if (plugins === undefined) return [];
  return (JSON.parse(text) as { plugins: unknown[] }).plugins;
}

/**
 * Adds the entry with one minimal edit: appended after the last entry of `plugins` (a missing `plugins` is
 * added), or, with `replace`, written over an entry of the same name where it stands.
 */
export function addMarketplaceEntry(
  text: string,
  entry: MarketplaceEntryValue,
  options: { replace?: boolean } = {},
): { text: string; action: "appended" | "replaced" } {
  const { tree, plugins } = parseMarketplace(text);
  const style = detectJsonStyle(text);
  if (plugins === undefined)
    return { text: setJsonProperty(text, [], "plugins", valueJsonIn(text, tree, [entry], style)), action: "appended" };
  const entries = plugins.children ?? [];
  const index = entries.findIndex((node) => nameOf(node) === entry.name);
  if (index !== -1) {
    if (!options.replace)
      throw new MarketplaceEditError("duplicate-entry", `already lists a plugin named "${entry.name}"`);
    const node = entries[index]!;
    const indent = entryIndent(text, node.offset, style);
    return { text: splice(text, node.offset, node.length, formatJsonValue(entry, indent, style)), action: "replaced" };
  }
  const last = entries.at(-1);
  if (last !== undefined) {
    const indent = entryIndent(text, last.offset, style);
    return {
      text: splice(
        text,
        last.offset + last.length,
        0,
        `,${style.eol}${indent}${formatJsonValue(entry, indent, style)}`,
      ),
      action: "appended",
    };
  }
  // An empty list: open it onto its own lines, one level deeper than the line holding `[`.
  const outer = lineIndent(text, plugins.offset);
  const inner = `${outer}${style.unit}`;
  return {
    text: splice(
      text,
      plugins.offset,
      plugins.length,
      `[${style.eol}${inner}${formatJsonValue(entry, inner, style)}${style.eol}${outer}]`,
    ),
    action: "appended",
  };
}

/**
 * Sets fields of the (first) entry named `name`, each in place: an existing value is replaced where it stands, a
 * missing one is added after its last sibling, and a missing parent object (`policy`) is added holding it.
 */
export function updateMarketplaceEntry(text: string, name: string, edits: readonly EntryFieldEdit[]): string {
  let result = text;
  for (const edit of edits) {
    const { plugins } = parseMarketplace(result);
    const index = (plugins?.children ?? []).findIndex((node) => nameOf(node) === name);
    if (index === -1) throw new MarketplaceEditError("no-entry", `lists no plugin named "${name}"`);
    result = setField(result, ["plugins", index], edit.path, edit.value);
  }
  return result;
}

/** A new marketplace file holding these entries, laid out as `JSON.stringify` does, with a final newline. */
export function newMarketplaceText(
  marketplace: { name: string; displayName: string },
  entries: readonly MarketplaceEntryValue[],
): string {
  return `${JSON.stringify({ name: marketplace.name, interface: { displayName: marketplace.displayName }, plugins: entries }, null, 2)}\n`;
}

/** The name and display name of a new marketplace in `root`: the folder's name in kebab-case ("Team Repo" → "team-repo"). */
export function defaultMarketplaceIdentity(root: string): { name: string; displayName: string } {
  const name = toKebab(basename(root)) || "plugins";
  return { name, displayName: titleCase(name) };
}

function parseMarketplace(text: string): { tree: Node; plugins: Node | undefined } {
  const tree = parseJsonTree(text);
  if (tree === undefined || tree.type !== "object") throw new MarketplaceEditError("invalid-json", "is not valid JSON");
  const plugins = findNodeAtLocation(tree, ["plugins"]);
  if (plugins !== undefined && plugins.type !== "array")
    throw new MarketplaceEditError("plugins-not-list", `"plugins" is not a list`);
  return { tree, plugins };
}

function nameOf(entry: Node): unknown {
  return entry.type === "object" ? findNodeAtLocation(entry, ["name"])?.value : undefined;
}

function setField(text: string, entryPath: (string | number)[], path: readonly string[], value: JsonScalar): string {
  const tree = parseJsonTree(text)!;
  // The deepest object on the path that exists; everything below it is written as one new value.
  let depth = 0;
  while (depth < path.length - 1 && findNodeAtLocation(tree, [...entryPath, ...path.slice(0, depth + 1)]) !== undefined)
    depth++;
  const holderPath = [...entryPath, ...path.slice(0, depth)];
  const holder = findNodeAtLocation(tree, holderPath);
  if (holder === undefined || holder.type !== "object") {
    throw new MarketplaceEditError("not-object", `"${path.slice(0, depth).join(".")}" of the entry is not an object`);
  }
  const key = path[depth]!;
  let nested: unknown = value;
  for (const segment of [...path.slice(depth + 1)].reverse()) nested = { [segment]: nested };
  return setJsonProperty(text, holderPath, key, valueJsonIn(text, holder, nested, detectJsonStyle(text)));
}

/** A value as the JSON text of a property of `holder`: laid out at its properties' indentation, or on one line where they are. */
function valueJsonIn(text: string, holder: Node, value: unknown, style: JsonStyle): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  return propertiesOnOwnLines(text, holder)
    ? formatJsonValue(value, propertyIndent(text, holder, style), style)
    : inlineJson(value);
}

/** The indentation of an object's properties: its first property's, else one level below the object's line. */
function propertyIndent(text: string, object: Node, style: JsonStyle): string {
  const first = object.children?.[0];
  if (first !== undefined) return entryIndent(text, first.offset, style);
  return `${lineIndent(text, object.offset)}${style.unit}`;
}

/** `{ "a": 1 }` on one line, for an object that sits on one line. */
function inlineJson(value: unknown): string {
  // JSON.stringify escapes newlines inside strings, so every raw newline here is layout.
  return JSON.stringify(value, null, 1).replace(/\n\s*/g, " ");
}

/** The whitespace before `offset` when it starts its own line; one indentation unit when something precedes it. */
function entryIndent(text: string, offset: number, style: JsonStyle): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : style.unit;
}
