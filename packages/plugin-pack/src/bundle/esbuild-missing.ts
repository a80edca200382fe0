import { dirname } from "node:path";
import { findLockfile, type LockfileManager } from "@agent-plugin/core/model";
import { PackError } from "../errors.js";

/**
 * esbuild is an optional peer dependency of plugin-pack (package.json's `peerDependencies` holds this range): only a
 * plugin with a local MCP server needs it, so a skills-only plugin installs no native binary.
 */
export const ESBUILD_RANGE = "^0.28.2";

const ADD_DEV_DEPENDENCY: Record<LockfileManager, string> = {
  npm: "npm install --save-dev",
  pnpm: "pnpm add --save-dev",
  yarn: "yarn add --dev",
  bun: "bun add --dev",
};

/** True when `import("esbuild")` failed because the package is not installed (not because it is broken). */
export function isEsbuildMissing(error: unknown): boolean {
  const { code, message } = error as NodeJS.ErrnoException;
  return code === "ERR_MODULE_NOT_FOUND" && /['"]esbuild['"]/.test(message ?? "");
}

/** The one line a pack without esbuild stops with: which server needs it, and the install command to run. */
export function esbuildMissingError(root: string, server: string, entry: string): PackError {
  const command = `${ADD_DEV_DEPENDENCY[nearestLockfileManager(root)]} "esbuild@${ESBUILD_RANGE}"`;
  return new PackError(
    `the local MCP server "${server}" (${entry}) is bundled with esbuild, which is not installed: run ${command} in ${root}, then run it again`,
  );
}

/** The package manager whose lockfile is nearest at or above the plugin (a workspace keeps it at its root); npm without one. */
function nearestLockfileManager(root: string): LockfileManager {
  for (let dir = root; ; dir = dirname(dir)) {
    const found = findLockfile(dir);
    if (found) return found.manager;
    if (dirname(dir) === dir) return "npm";
  }
}
