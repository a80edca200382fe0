/**
 * What plugin-pack leaves out of every archive, and why. They live in core so that plugin-lint judges a file the
 * way plugin-pack packs it (a secret in a file that is never packed nor committed is not a leak). `plugin-pack ls
 * --why` prints the `why` of the rule that decided, so each line must explain itself to someone who never read this.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ignore from "ignore";

/** A default exclusion, written as a gitignore pattern (relative to the plugin root). */
export interface PackDefaultRule {
  pattern: string;
  /** One line: why such a file never belongs in a published archive. */
  why: string;
  /** Applies only when the file's content says so (a `.zip` that plugin-pack itself wrote). */
  onlyIf?: "plugin-pack-archive";
}

/**
 * Names excluded wherever they appear, whatever `.pluginignore` says: they are never plugin content,
 * and one `!` line would otherwise publish a repository's history or a dependency tree.
 */
export const PACK_LOCKED_NAMES: ReadonlyMap<string, string> = new Map([
  [".git", "version-control history and config, never plugin content"],
  [".hg", "version-control history and config, never plugin content"],
  [".svn", "version-control history and config, never plugin content"],
  ["node_modules", "dependencies are bundled into .plugin-pack/bundles, never shipped as a folder"],
]);

/** Why `.pluginignore` cannot bring a locked entry back: appended to its reason. */
export const PACK_LOCKED_NOTE = ".pluginignore cannot re-include it";

const VCS = "version-control metadata";
const SECRETS = "environment files usually hold secrets";
const LOGS = "log output, not plugin content";
const OS_JUNK = "file-manager metadata written by the OS";
const EDITOR = "editor settings and swap files";
const CACHE = "build or test cache, regenerated on demand";
const KEYS = "private keys and certificates must never be published";
const TOKENS = "package-manager config often holds registry tokens";
const LOCKFILE = "lockfiles pin dev dependencies; the bundle already contains what runs";
const ARCHIVE = "output of an earlier pack";

/**
 * Default exclusions in the order they are tested; `.pluginignore` lines come after them, so a `!pattern`
 * there re-includes a default (gitignore rules: the last matching line wins).
 */
export const PACK_DEFAULT_RULES: readonly PackDefaultRule[] = [
  { pattern: ".gitignore", why: VCS },
  { pattern: ".gitattributes", why: VCS },
  { pattern: ".gitmodules", why: VCS },
  { pattern: ".env", why: SECRETS },
  { pattern: ".env.*", why: SECRETS },
  { pattern: "*.log", why: LOGS },
  { pattern: "npm-debug.log*", why: LOGS },
  { pattern: "yarn-error.log*", why: LOGS },
  { pattern: "pnpm-debug.log*", why: LOGS },
  { pattern: ".DS_Store", why: OS_JUNK },
  { pattern: "Thumbs.db", why: OS_JUNK },
  { pattern: "desktop.ini", why: OS_JUNK },
  { pattern: "._*", why: "macOS resource forks (AppleDouble files)" },
  { pattern: ".idea/", why: EDITOR },
  { pattern: ".vscode/", why: EDITOR },
  { pattern: "*.swp", why: EDITOR },
  { pattern: "*.swo", why: EDITOR },
  { pattern: "*~", why: EDITOR },
  { pattern: ".turbo/", why: CACHE },
  { pattern: ".cache/", why: CACHE },
  { pattern: ".parcel-cache/", why: CACHE },
  // Anchored: a skill may well be called `coverage`; only the test tool's root output is a cache.
  { pattern: "/coverage/", why: CACHE },
  { pattern: ".nyc_output/", why: CACHE },
  { pattern: "*.tsbuildinfo", why: CACHE },
  { pattern: "*.pem", why: KEYS },
  { pattern: "*.key", why: KEYS },
  { pattern: "*.p12", why: KEYS },
  { pattern: "*.pfx", why: KEYS },
  { pattern: "id_rsa*", why: KEYS },
  { pattern: "id_ecdsa*", why: KEYS },
  { pattern: "id_ed25519*", why: KEYS },
  { pattern: "plugin-signing.key", why: "the plugin-pack signing key must never travel inside what it signs" },
  { pattern: ".npmrc", why: TOKENS },
  { pattern: ".yarnrc*", why: TOKENS },
  { pattern: "package-lock.json", why: LOCKFILE },
  { pattern: "npm-shrinkwrap.json", why: LOCKFILE },
  { pattern: "pnpm-lock.yaml", why: LOCKFILE },
  { pattern: "yarn.lock", why: LOCKFILE },
  { pattern: "bun.lock", why: LOCKFILE },
  { pattern: "bun.lockb", why: LOCKFILE },
  { pattern: "*.zip", why: `${ARCHIVE} (it holds .plugin-pack/manifest.json)`, onlyIf: "plugin-pack-archive" },
  { pattern: "SHA256SUMS", why: ARCHIVE },
  { pattern: "SHA256SUMS.*", why: ARCHIVE },
  { pattern: "/.pluginignore", why: "packing instructions, not plugin content" },
];

/** The reason `ls --why` prints for a default rule. */
export function packDefaultReason(pattern: string, why: string): string {
  return `default: ${pattern} (${why})`;
}

/** The file at the plugin root whose gitignore-style lines add to the defaults. */
export const PLUGINIGNORE = ".pluginignore";

/**
 * Whether plugin-pack leaves a file out of every archive of the plugin at `root`: by a locked name, a default or a
 * `.pluginignore` line (gitignore rules: the last matching line wins, and an excluded folder excludes everything in
 * it). `relative` is the file's path from the root, with `/`. Content-based defaults (a `.zip` plugin-pack wrote)
 * are not applied, so a file they would leave out counts as packed.
 */
export function packExcluder(root: string): (relative: string) => boolean {
  const matcher = ignore().add(
    PACK_DEFAULT_RULES.filter((rule) => rule.onlyIf === undefined).map((rule) => rule.pattern),
  );
  matcher.add(readPluginignoreLines(root));
  return (relative) => relative.split("/").some((name) => PACK_LOCKED_NAMES.has(name)) || matcher.ignores(relative);
}

function readPluginignoreLines(root: string): string[] {
  try {
    return readFileSync(join(root, PLUGINIGNORE), "utf8")
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/);
  } catch {
    return []; // no .pluginignore (plugin-pack reports an unreadable one when it packs)
  }
}
