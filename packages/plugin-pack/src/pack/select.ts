import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, type Dirent } from "node:fs";
import { join, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { isInside, lstatOrUndefined, toPosixRelative } from "@agent-plugin/core/model";
import { PackError } from "../errors.js";
import { DEFAULT_RULES, LOCKED_NAMES, LOCKED_NOTE, defaultReason, type DefaultRule } from "./ignore-defaults.js";
import { MANIFEST_PATH } from "../archive/index.js";
import type { Selection, SelectionDecision } from "./types.js";

export interface SelectOptions {
  /** Where archives are written (absolute, or relative to the current directory). Excluded when inside the plugin. */
  outDir?: string;
  /** Files to leave out, path → reason: the sources an esbuild bundle replaced. */
  exclude?: ReadonlyMap<string, string>;
}

export const PLUGINIGNORE = ".pluginignore";

/** One gitignore line, from the defaults or from `.pluginignore`. */
interface Rule {
  /** The line as written, `!` included. */
  pattern: string;
  negative: boolean;
  reason: string;
  fromPluginignore: boolean;
  onlyIf?: DefaultRule["onlyIf"];
}

type EntryKind = "file" | "directory" | "symlink" | "other";

type Verdict = { included: false; reason: string } | { included: true; reason: string | undefined };

/**
 * Chooses the files of a plugin folder that go into its archive, and records why each file or folder
 * is in or out. Walks the folder itself (sorted, never following links) so that every decision,
 * including skipped folders, can be explained by `ls --why`.
 */
export function selectFiles(root: string, options: SelectOptions = {}): Selection {
  const absoluteRoot = resolve(root);
  const rules = [...DEFAULT_RULES.map(ruleFromDefault), ...readPluginignore(absoluteRoot)];
  const matcher = new RuleMatcher(rules);
  const outDir = outDirInside(absoluteRoot, options.outDir);
  const selection: Selection = { root: absoluteRoot, files: [], decisions: [] };
  const visit = (dirAbsolute: string, dirRelative: string, inherited: string | undefined): void => {
    // Below the resolved root every folder path is already normal: a name appended by hand is what join() would give,
    // without normalising the whole path again for each of the plugin's files (a fifth of the walk's time).
    const prefix = dirAbsolute.endsWith(sep) ? dirAbsolute : `${dirAbsolute}${sep}`;
    for (const entry of listSorted(dirAbsolute)) {
      const absolute = `${prefix}${entry.name}`;
      const relative = dirRelative === "" ? entry.name : `${dirRelative}/${entry.name}`;
      const kind = kindOf(entry, absolute);
      const verdict = decide(relative, entry.name, kind, absolute);
      if (!verdict.included) {
        selection.decisions.push(excludedDecision(relative, kind, absolute, verdict.reason));
        continue;
      }
      const reason = verdict.reason ?? inherited;
      if (kind === "directory") visit(absolute, relative, reason);
      else if (kind === "file") includeFile(selection, relative, absolute, reason ?? "kept");
      else throw notRegularFile(relative, kind, absolute);
    }
  };
  const decide = (relative: string, name: string, kind: EntryKind, absolute: string): Verdict => {
    const locked = lockedReason(relative, name, kind === "directory", outDir);
    if (locked !== undefined) return { included: false, reason: locked };
    const rule = matcher.decidingRule(relative, kind === "directory");
    // Content-based defaults read regular files only: a link is never followed, not even to look.
    const applies =
      rule !== undefined &&
      (rule.onlyIf !== "plugin-pack-archive" || (kind === "file" && isPluginPackArchive(absolute)));
    if (applies && !rule.negative) return { included: false, reason: rule.reason };
    const explicit = applies && rule.fromPluginignore;
    // An explicit `!` line in .pluginignore keeps a file even when a bundle consumed it (e.g. to ship sources).
    const consumedReason = kind === "file" && !explicit ? options.exclude?.get(relative) : undefined;
    if (consumedReason !== undefined) return { included: false, reason: consumedReason };
    return { included: true, reason: applies ? rule.reason : undefined };
  };
  visit(absoluteRoot, "", undefined);
  checkCaseCollisions(selection.files.map((file) => file.path));
  sortByPath(selection.files);
  sortByPath(selection.decisions);
  return selection;
}

function ruleFromDefault(rule: DefaultRule): Rule {
  return {
    pattern: rule.pattern,
    negative: false,
    reason: defaultReason(rule.pattern, rule.why),
    fromPluginignore: false,
    ...(rule.onlyIf ? { onlyIf: rule.onlyIf } : {}),
  };
}

/** `.pluginignore` at the plugin root, one rule per non-blank, non-comment line, with its line number. */
function readPluginignore(root: string): Rule[] {
  const path = join(root, PLUGINIGNORE);
  const stats = lstatOrUndefined(path);
  if (!stats) return [];
  if (stats.isSymbolicLink()) throw symlinkError(PLUGINIGNORE, path);
  if (!stats.isFile()) throw new PackError(`${PLUGINIGNORE} is not a regular file`, path);
  const lines = readFileSync(path, "utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/);
  const rules: Rule[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const pattern = line.replace(/(?<!\\)\s+$/, "");
    rules.push({
      pattern,
      negative: pattern.startsWith("!"),
      reason: `${PLUGINIGNORE}:${index + 1}: ${pattern}`,
      fromPluginignore: true,
    });
  });
  return rules;
}

/**
 * Finds the last rule that matches a path itself, the way git decides (the last matching line wins).
 * Parent folders are not consulted: the walk never enters an excluded folder, which is exactly git's
 * "a file cannot be re-included if a parent directory is excluded".
 *
 * `ignore` reports no rule for a negative match, so every rule is added in its positive form, marked with
 * its index, between a catch-all `*` (no rule matched) and a last line re-including every folder (so
 * parent folders never decide). Folders are tested without their trailing slash against patterns
 * stripped of theirs, since that last line would otherwise match the folder itself.
 */
class RuleMatcher {
  private readonly files: LastMatch;
  private readonly directories: LastMatch;

  constructor(private readonly rules: readonly Rule[]) {
    this.files = new LastMatch(rules.map((rule) => positive(rule.pattern)));
    this.directories = new LastMatch(rules.map((rule) => withoutTrailingSlash(positive(rule.pattern))));
  }

  decidingRule(relative: string, isDirectory: boolean): Rule | undefined {
    const index = (isDirectory ? this.directories : this.files).of(relative);
    return index < 0 ? undefined : this.rules[index];
  }
}

/**
 * The index of the last pattern that matches a path, or -1. A pattern with no `/` in it (but a trailing one) can
 * only match a path's last segment, so those patterns, most of the defaults, are tested once per distinct name; one
 * anchored to the root with a single segment (`/coverage/`, the other defaults) can only match a top-level entry, so
 * it is tested against those alone; only the others run against every path. The same answer as testing them all
 * against each path, for a fraction of the regular expressions run on a plugin of hundreds of files that share a few
 * dozen names (with the defaults alone, none per nested path).
 */
class LastMatch {
  readonly #byName: Ignore;
  readonly #atRoot: Ignore | undefined;
  readonly #byPath: Ignore | undefined;
  readonly #names = new Map<string, number>();

  constructor(patterns: readonly string[]) {
    const byName: MarkedPattern[] = [];
    const atRoot: MarkedPattern[] = [];
    const byPath: MarkedPattern[] = [];
    patterns.forEach((pattern, index) => {
      if (pattern === "") return;
      const group = matchesNameOnly(pattern) ? byName : matchesRootEntryOnly(pattern) ? atRoot : byPath;
      group.push({ pattern, mark: String(index) });
    });
    this.#byName = probe(byName);
    // An empty group matches nothing: not asked at all.
    this.#atRoot = atRoot.length > 0 ? probe(atRoot) : undefined;
    this.#byPath = byPath.length > 0 ? probe(byPath) : undefined;
  }

  of(relative: string): number {
    const slash = relative.lastIndexOf("/");
    const name = relative.slice(slash + 1);
    let byName = this.#names.get(name);
    if (byName === undefined) {
      byName = markIndex(this.#byName.checkIgnore(name));
      this.#names.set(name, byName);
    }
    const atRoot = slash < 0 && this.#atRoot ? markIndex(this.#atRoot.checkIgnore(relative)) : -1;
    const byPath = this.#byPath ? markIndex(this.#byPath.checkIgnore(relative)) : -1;
    return Math.max(byName, atRoot, byPath);
  }
}

type MarkedPattern = { pattern: string; mark: string };

const NO_RULE = "none";

function probe(marked: readonly MarkedPattern[]): Ignore {
  return ignore().add([{ pattern: "*", mark: NO_RULE }, ...marked, { pattern: "!*/", mark: NO_RULE }]);
}

function markIndex(result: { rule?: { mark?: string } }): number {
  const mark = result.rule?.mark;
  return mark === undefined || mark === NO_RULE ? -1 : Number(mark);
}

/** No separator but a trailing one, and no escape: git matches such a pattern against the last segment alone. */
function matchesNameOnly(pattern: string): boolean {
  const slash = pattern.indexOf("/");
  return (slash < 0 || slash === pattern.length - 1) && !pattern.includes("\\");
}

/** A leading `/` and one segment (with or without a trailing `/`), no `**` and no escape: it matches a top-level entry or nothing. */
function matchesRootEntryOnly(pattern: string): boolean {
  const rest = withoutTrailingSlash(pattern.slice(1));
  return pattern.startsWith("/") && rest !== "" && !rest.includes("/") && !rest.includes("**") && !rest.includes("\\");
}

function positive(pattern: string): string {
  return pattern.startsWith("!") ? pattern.slice(1) : pattern;
}

function withoutTrailingSlash(pattern: string): string {
  return pattern.endsWith("/") ? pattern.slice(0, -1) : pattern;
}

/** The output folder, relative to the root, when it lies strictly inside the plugin. */
function outDirInside(root: string, outDir: string | undefined): string | undefined {
  if (outDir === undefined) return undefined;
  const absolute = resolve(outDir);
  return absolute !== root && isInside(root, absolute) ? toPosixRelative(root, absolute) : undefined;
}

/** Exclusions that `.pluginignore` cannot override, with the reason `ls --why` shows. */
function lockedReason(
  relative: string,
  name: string,
  isDirectory: boolean,
  outDir: string | undefined,
): string | undefined {
  const slash = isDirectory ? "/" : "";
  const anywhere = LOCKED_NAMES.get(name);
  if (anywhere !== undefined) return defaultReason(`${name}${slash}`, `${anywhere}; ${LOCKED_NOTE}`);
  if (relative === outDir)
    return defaultReason(`/${outDir}${slash}`, `the output folder, where archives are written; ${LOCKED_NOTE}`);
  return undefined;
}

function listSorted(dir: string): Dirent[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new PackError(`cannot list ${dir} (${(error as NodeJS.ErrnoException).code ?? "error"})`, dir);
  }
  // Sorted so that the walk, and every list built from it, never depends on the file system's order.
  return sortInByteOrder(entries, (entry) => entry.name);
}

function kindOf(entry: Dirent, absolute: string): EntryKind {
  if (entry.isSymbolicLink()) return "symlink";
  if (entry.isDirectory()) return "directory";
  if (entry.isFile()) return "file";
  // Some file systems report no type in readdir: ask lstat, which never follows a link.
  const stats = lstatOrUndefined(absolute);
  if (stats?.isSymbolicLink()) return "symlink";
  if (stats?.isDirectory()) return "directory";
  if (stats?.isFile()) return "file";
  return "other";
}

function includeFile(selection: Selection, path: string, absolute: string, reason: string): void {
  const stats = lstatSync(absolute);
  // Any execute bit makes a script executable for everyone; nothing else of the packing machine's umask survives.
  const mode = stats.mode & 0o111 ? 0o755 : 0o644;
  selection.files.push({ path, absolute, size: stats.size, mode });
  selection.decisions.push({ path, included: true, reason, size: stats.size });
}

function excludedDecision(relative: string, kind: EntryKind, absolute: string, reason: string): SelectionDecision {
  if (kind === "directory") return { path: `${relative}/`, included: false, reason };
  const size = kind === "file" ? lstatOrUndefined(absolute)?.size : undefined;
  return size === undefined
    ? { path: relative, included: false, reason }
    : { path: relative, included: false, reason, size };
}

function notRegularFile(relative: string, kind: EntryKind, absolute: string): PackError {
  if (kind === "symlink") return symlinkError(relative, absolute);
  return new PackError(
    `${relative} is not a regular file (a FIFO, socket or device): archives hold regular files only; remove it or list it in ${PLUGINIGNORE}`,
    absolute,
  );
}

function symlinkError(relative: string, absolute: string): PackError {
  return new PackError(
    `${relative} is a symbolic link: archives hold regular files only; replace it with the file it points to`,
    absolute,
  );
}

/** Two paths that one case-insensitive (or normalising) file system would store as one. */
function checkCaseCollisions(paths: readonly string[]): void {
  const files = new Map<string, string>();
  const folders = new Map<string, string>();
  const clash = (a: string, b: string) =>
    new PackError(
      `${a} and ${b} differ only in letter case or Unicode normalisation: they cannot coexist on Windows or macOS; rename or remove one`,
      a,
    );
  const seenFolders = new Set<string>();
  for (const path of paths) {
    const key = foldCase(path);
    const other = files.get(key) ?? folders.get(key);
    if (other !== undefined) throw clash(other, path);
    files.set(key, path);
    // Register the file's folders, stopping at the first one already seen (its parents were registered with it).
    for (
      let end = path.lastIndexOf("/");
      end > 0 && !seenFolders.has(path.slice(0, end));
      end = path.lastIndexOf("/", end - 1)
    ) {
      const folder = path.slice(0, end);
      seenFolders.add(folder);
      const file = files.get(foldCase(folder));
      if (file !== undefined) throw clash(file, `${folder}/`);
      folders.set(foldCase(folder), `${folder}/`);
    }
  }
}

function foldCase(path: string): string {
  return path.normalize("NFC").toLowerCase();
}

/** Orders strings by their UTF-8 bytes (code points), like the archive's file manifest. */
export function byteOrder(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
  }
  return a.length - b.length;
}

/** Code units from U+D800 up: surrogates (code points above U+FFFF) and the units that UTF-16 orders after them. */
const NOT_IN_CODE_POINT_ORDER = /[\ud800-\uffff]/;

/**
 * Sorts in place by `byteOrder` of each item's key. Keys without a unit from U+D800 up, nearly all, compare as their
 * UTF-16 units do, which the engine's own string comparison does far faster than byteOrder's loop.
 */
function sortInByteOrder<T>(items: T[], key: (item: T) => string): T[] {
  if (items.some((item) => NOT_IN_CODE_POINT_ORDER.test(key(item))))
    return items.sort((a, b) => byteOrder(key(a), key(b)));
  return items.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function sortByPath<T extends { path: string }>(items: T[]): void {
  sortInByteOrder(items, (item) => item.path);
}

/** True for a zip written by plugin-pack: its central directory names the archive's file manifest. */
export function isPluginPackArchive(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const size = lstatSync(path).size;
    const tail = readAt(fd, Math.max(0, size - 65_557), Math.min(size, 65_557));
    const eocd = tail.lastIndexOf(END_OF_CENTRAL_DIRECTORY);
    if (eocd < 0 || eocd + 22 > tail.length) return false;
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    // plugin-pack never writes zip64 (its limits keep archives small), so 0xFFFFFFFF means "someone else's".
    if (directoryOffset + directorySize > size || directorySize > MAX_DIRECTORY_BYTES) return false;
    return readAt(fd, directoryOffset, directorySize).includes(MANIFEST_PATH);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}
