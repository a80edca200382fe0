import { lstatSync, realpathSync, type Stats, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

export type PathProblem =
  | "not-relative"
  | "empty"
  | "dot-dot"
  | "escapes-root"
  | "not-found"
  | "symlink-loop"
  | "wrong-kind";

export type PathResolution =
  | { ok: true; absolute: string; real: string; isDirectory: boolean; viaSymlink: boolean }
  | { ok: false; problem: PathProblem; message: string; absolute?: string };

export interface ResolveOptions {
  /** The plugin (or marketplace) root: nothing may resolve outside it. */
  root: string;
  /** The folder a relative path is taken from; defaults to `root`. */
  from?: string;
  /** Hosts require manifest paths to start with `./`. */
  requireDotSlash?: boolean;
  /** Whether `./` (the root itself) is an acceptable target. */
  allowRoot?: boolean;
  expect?: "file" | "directory" | "any";
  /** How messages name the root: "plugin root" (default) or "marketplace root". */
  rootName?: string;
  /** The root's real path, when the caller resolves many paths against one root: else it is resolved per path. */
  realRoot?: string;
}

/**
 * The path with every link resolved. On Linux, the C library's realpath (one call) gives what Node's JavaScript
 * realpath gives at a fraction of its cost: that one lstats every ancestor of the path, on every call, and a lint
 * resolves thousands of paths. Elsewhere the two can differ (macOS's spells a name as the disk does, Windows' follows
 * drive substitutions), so the JavaScript one stays.
 */
export const realpath: (path: string) => string =
  process.platform === "linux" ? (path) => realpathSync.native(path) : (path) => realpathSync(path);

/** True when `child` is `parent` or lies below it. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  // "..foo" is a child named "..foo", not a step out.
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Resolves a path written in a plugin file the way the hosts do, and says exactly why it fails:
 * `./`-relative, no `..`, inside the root after symlinks are resolved, and pointing at what exists.
 */
export function resolvePluginPath(raw: string, options: ResolveOptions): PathResolution {
  const { root, requireDotSlash = true, allowRoot = false, expect = "any", rootName = "plugin root" } = options;
  const from = options.from ?? root;
  if (isAbsolute(raw) || /^[A-Za-z]:[\\/]/.test(raw) || raw.startsWith("~")) {
    return {
      ok: false,
      problem: "not-relative",
      message: `"${raw}" is absolute; write it relative to the ${rootName}, starting with "./"`,
    };
  }
  if (requireDotSlash && !raw.startsWith("./")) {
    return {
      ok: false,
      problem: "not-relative",
      message: `"${raw}" must start with "./", relative to the ${rootName}`,
    };
  }
  const segments = raw.split(/[\\/]+/);
  if (segments.includes("..")) {
    return {
      ok: false,
      problem: "dot-dot",
      message: `"${raw}" must not contain ".."; hosts reject paths that climb out of the ${rootName}`,
    };
  }
  const absolute = resolve(from, raw);
  if (!allowRoot && absolute === resolve(root)) {
    return {
      ok: false,
      problem: "empty",
      message: `"${raw}" points at the ${rootName} itself; name a file or folder inside it`,
    };
  }
  let stats: Stats;
  // Set when a link may lie between the root and the path: then the C library resolves the whole path.
  let real = "";
  let below: string | undefined;
  try {
    stats = lstatSync(absolute);
    below = stats.isSymbolicLink() ? undefined : linkFreeBelow(root, absolute);
    if (below === undefined) real = realpath(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP")
      return { ok: false, problem: "symlink-loop", message: `"${raw}" is a symbolic link loop`, absolute };
    const dangling = safeIsSymlink(absolute);
    return {
      ok: false,
      problem: "not-found",
      message: dangling ? `"${raw}" is a symbolic link to something that does not exist` : `"${raw}" does not exist`,
      absolute,
    };
  }
  const viaSymlink = stats.isSymbolicLink();
  if (below !== undefined) {
    // No link between the root and the path: it is inside the root, the same folders below the root's real path.
    // Only the entries below the root were looked at; the root's own real path is resolved when a caller asks.
    const isDirectory = stats.isDirectory();
    const wrongKind = wrongKindProblem(raw, expect, isDirectory, absolute);
    if (wrongKind) return wrongKind;
    const rest = below;
    let realPath: string | undefined;
    return {
      ok: true,
      absolute,
      get real() {
        realPath ??= join(options.realRoot ?? safeRealpath(root), rest);
        return realPath;
      },
      isDirectory,
      viaSymlink,
    };
  }
  if (!isInside(options.realRoot ?? safeRealpath(root), real)) {
    return {
      ok: false,
      problem: "escapes-root",
      message: `"${raw}" resolves through a symbolic link to ${real}, outside the ${rootName}`,
      absolute,
    };
  }
  const isDirectory = statSync(real).isDirectory();
  return wrongKindProblem(raw, expect, isDirectory, absolute) ?? { ok: true, absolute, real, isDirectory, viaSymlink };
}

/** The failure for a path of the other kind than `expect`, or undefined when its kind will do. */
function wrongKindProblem(
  raw: string,
  expect: ResolveOptions["expect"],
  isDirectory: boolean,
  absolute: string,
): PathResolution | undefined {
  if (expect === "file" && isDirectory)
    return { ok: false, problem: "wrong-kind", message: `"${raw}" is a folder, expected a file`, absolute };
  if (expect === "directory" && !isDirectory)
    return { ok: false, problem: "wrong-kind", message: `"${raw}" is a file, expected a folder`, absolute };
  return undefined;
}

/**
 * `path` relative to `root` when it lies strictly below it with no symbolic link among the folders between them (the
 * path itself is lstat'ed by the caller). Then its real path is the root's real path joined with that, and glibc's
 * realpath, which reads every component of the whole path as a link, is not needed.
 */
function linkFreeBelow(root: string, path: string): string | undefined {
  const below = relative(resolve(root), path);
  if (below === "" || below === ".." || below.startsWith(`..${sep}`) || isAbsolute(below)) return undefined;
  let folder = resolve(root);
  const parts = below.split(sep);
  for (let i = 0; i < parts.length - 1; i++) {
    folder = `${folder}${sep}${parts[i]}`;
    if (lstatSync(folder).isSymbolicLink()) return undefined;
  }
  return below;
}

function safeIsSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export function safeRealpath(path: string): string {
  try {
    return realpath(path);
  } catch {
    return resolve(path);
  }
}

/** A path relative to `root`, always with `/` separators. */
export function toPosixRelative(root: string, path: string): string {
  const rel = relative(root, path);
  // Only Windows has another separator; elsewhere the split and join would only make garbage.
  return sep === "/" ? rel : rel.split(sep).join("/");
}

export { join };
