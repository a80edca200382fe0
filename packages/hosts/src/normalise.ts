import { sep } from "node:path";

/**
 * Turns the host's absolute paths into stable ones: a path inside one of `roots` becomes relative to it (with `/`),
 * and any other mention of a root inside a message becomes its placeholder, so the same plugin gives the same data
 * in every temporary folder.
 */
export class PathNormaliser {
  private readonly roots: { path: string; placeholder: string }[];

  /**
   * `roots` maps a folder to its placeholder; the longest folder wins when they nest. `rewrites` run after the
   * placeholders, for paths whose middle changes between runs (an install folder named after a version).
   */
  constructor(
    roots: Record<string, string>,
    private readonly rewrites: readonly [RegExp, string][] = [],
  ) {
    this.roots = Object.entries(roots)
      .map(([path, placeholder]) => ({ path: trimSeparator(path), placeholder }))
      .sort((a, b) => b.path.length - a.path.length);
  }

  /** A path relative to `root` when it is inside it, else the path with placeholders. */
  relative(path: string, root: string): string {
    return insidePath(path, root) ?? this.text(path);
  }

  /** A message with every root replaced by its placeholder, and the host's random temporary names made stable. */
  text(message: string): string {
    let result = message;
    for (const { path, placeholder } of this.roots) result = result.split(path).join(placeholder);
    for (const [pattern, replacement] of this.rewrites) result = result.replace(pattern, replacement);
    // Claude Code stages an install in plugins/cache/temp_local_<time>_<random>.
    return result.replace(/temp_local_\d+_[a-z0-9]+/g, "temp_local_<id>");
  }
}

/** `path` relative to `root` with `/` separators when it is inside it (`.` for the root itself). */
export function insidePath(path: string, root: string): string | undefined {
  const base = trimSeparator(root);
  if (path === base) return ".";
  if (path.startsWith(`${base}${sep}`) || path.startsWith(`${base}/`)) {
    return path
      .slice(base.length + 1)
      .split(sep)
      .join("/");
  }
  return undefined;
}

/** `<config>/plugins/cache/<marketplace>/<plugin>/<version>`, the installed copy both hosts use, as `<plugin-root>`. */
export function installedPluginRewrite(configPlaceholder: string): [RegExp, string] {
  return [
    new RegExp(`${configPlaceholder}/plugins/cache/[^/\\s\`'"]+/[^/\\s\`'"]+/[^/\\s\`'"]+`, "g"),
    "<plugin-root>",
  ];
}

function trimSeparator(path: string): string {
  return path.length > 1 && (path.endsWith("/") || path.endsWith(sep)) ? path.slice(0, -1) : path;
}
