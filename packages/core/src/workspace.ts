/**
 * Workspaces (pnpm, npm, yarn, bun): which folder is a repo's workspace root, and which folders its patterns make
 * packages. The release flow lists plugin packages from these patterns, and create-agent-plugin writes a plugin
 * inside a workspace as one of its packages rather than as a repository of its own.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import picomatch from "picomatch";
import { ToolError } from "./cli/errors.js";
import { isRecord } from "./load.js";
import { yamlLibrary } from "./parse/yaml-library.js";

export const PNPM_WORKSPACE_FILE = "pnpm-workspace.yaml";

export interface WorkspaceDeclaration {
  /** The package patterns, as written (`plugins/*`, `!plugins/legacy`). */
  patterns: string[];
  /** The file that declares them: `pnpm-workspace.yaml` or `package.json`, absolute. */
  file: string;
}

export interface WorkspaceRoot extends WorkspaceDeclaration {
  root: string;
}

/**
 * A workspace file that exists but cannot be read as one. Its message names the file and says what to do, so every
 * tool reports it as it is (exit 2).
 */
export class WorkspaceFileError extends ToolError {
  override name = "WorkspaceFileError";
  override readonly file: string;
  constructor(problem: string, file: string) {
    super(`${problem}: fix it and run again`, { file });
    this.file = file;
  }
}

/**
 * The workspace `root` declares: pnpm-workspace.yaml's `packages` (that file wins, as pnpm reads nothing else),
 * else package.json `workspaces`, a list or `{ packages: [...] }` (npm, yarn, bun). Undefined when neither declares
 * one. `packageJson` is the root package.json already parsed, for callers that read it themselves; otherwise an
 * unreadable package.json counts as no declaration. Throws WorkspaceFileError for a pnpm-workspace.yaml that is not YAML.
 */
export function readWorkspaceDeclaration(
  root: string,
  packageJson?: Record<string, unknown>,
): WorkspaceDeclaration | undefined {
  const pnpmFile = join(root, PNPM_WORKSPACE_FILE);
  if (existsSync(pnpmFile)) {
    let doc: unknown;
    try {
      doc = yamlLibrary().parse(readFileSync(pnpmFile, "utf8"));
    } catch (error) {
      // A read error carries a syscall; a YAML error has a code of its own (BAD_INDENT...) but none.
      const { code, syscall } = error as NodeJS.ErrnoException;
      if (syscall !== undefined)
        throw new WorkspaceFileError(
          `${pnpmFile} cannot be read (${code === "EISDIR" ? "it is a folder, not a file" : code})`,
          pnpmFile,
        );
      throw new WorkspaceFileError(
        `${pnpmFile} is not valid YAML (${(error as Error).message.split("\n")[0]})`,
        pnpmFile,
      );
    }
    // A pnpm-workspace.yaml that only holds settings still makes its folder pnpm's root, with no packages.
    const packages = isRecord(doc) ? doc.packages : undefined;
    return { patterns: strings(packages), file: pnpmFile };
  }
  const packageFile = join(root, "package.json");
  const json = packageJson ?? readJsonObject(packageFile);
  const workspaces = json?.workspaces;
  const list = Array.isArray(workspaces) ? workspaces : isRecord(workspaces) ? workspaces.packages : undefined;
  return Array.isArray(list) ? { patterns: strings(list), file: packageFile } : undefined;
}

/**
 * The workspace that would hold `dir` as a package: the nearest folder above it that declares a workspace. The
 * search starts at `dir`'s parent (a folder is not a package of itself) and stops after the top of a git
 * repository (a folder with `.git`) or at the filesystem root, so a workspace outside the repository never counts.
 */
export function findWorkspaceRoot(dir: string): WorkspaceRoot | undefined {
  for (let current = dirname(dir); ; current = dirname(current)) {
    const declared = readWorkspaceDeclaration(current);
    if (declared) return { root: current, ...declared };
    if (existsSync(join(current, ".git")) || dirname(current) === current) return undefined;
  }
}

/**
 * Whether the workspace patterns make `dir` a package: a path relative to `root` that an include pattern matches
 * and no `!` pattern excludes. Folders under node_modules never are, as in every package manager.
 */
export function workspaceIncludes(root: string, patterns: readonly string[], dir: string): boolean {
  const path = relative(root, dir).split(sep).join("/");
  if (
    path === "" ||
    path === ".." ||
    path.startsWith("../") ||
    /^[A-Za-z]:/.test(path) ||
    path.split("/").includes("node_modules")
  )
    return false;
  const include = patterns.filter((pattern) => !pattern.startsWith("!")).map(normalisePattern);
  const exclude = patterns
    .filter((pattern) => pattern.startsWith("!"))
    .map((pattern) => normalisePattern(pattern.slice(1)));
  if (include.length === 0 || !picomatch(include)(path)) return false;
  return exclude.length === 0 || !picomatch(exclude)(path);
}

/** A leading `./` and trailing slashes name the same folders as the pattern without them. */
function normalisePattern(pattern: string): string {
  return pattern
    .trim()
    .replace(/^(\.\/)+/, "")
    .replace(/\/+$/, "");
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** A JSON file holding an object, or undefined when it is missing, unreadable or anything else. */
export function readJsonObject(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const value: unknown = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export type LockfileManager = "pnpm" | "npm" | "yarn" | "bun";

/** Each package manager's lockfile, in the order a folder holding several is read. */
const LOCKFILES: readonly { file: string; manager: LockfileManager }[] = [
  { file: "pnpm-lock.yaml", manager: "pnpm" },
  { file: "package-lock.json", manager: "npm" },
  { file: "yarn.lock", manager: "yarn" },
  { file: "bun.lock", manager: "bun" },
  { file: "bun.lockb", manager: "bun" },
];

/** The lockfile in `root` and the package manager that owns it, or undefined when there is none. */
export function findLockfile(root: string): { file: string; manager: LockfileManager } | undefined {
  const found = LOCKFILES.find((candidate) => existsSync(join(root, candidate.file)));
  return found && { file: join(root, found.file), manager: found.manager };
}
