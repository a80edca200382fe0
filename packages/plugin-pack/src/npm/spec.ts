/** `npm:@scope/name@range`: the package a consumer names, checked before npm is asked anything. */
import { UsageError } from "@agent-plugin/core";
import semver from "semver";
import { isNpmPackageName } from "./config.js";

export const NPM_PREFIX = "npm:";

export interface NpmSpec {
  name: string;
  /** A version or range; `latest` when none was given. */
  range: string;
}

export function isNpmSpec(argument: string): boolean {
  return argument.startsWith(NPM_PREFIX);
}

export function parseNpmSpec(argument: string, options: { exact?: boolean } = {}): NpmSpec {
  const body = argument.slice(NPM_PREFIX.length);
  const at = body.indexOf("@", body.startsWith("@") ? 1 : 0);
  const name = at === -1 ? body : body.slice(0, at);
  const range = at === -1 ? "latest" : body.slice(at + 1);
  if (!isNpmPackageName(name))
    throw new UsageError(
      `${argument}: "${name}" is not an npm package name; write npm:@scope/name@version (for example npm:@acme/triage@^1.0.0)`,
    );
  if (options.exact && semver.valid(range) === null)
    throw new UsageError(`${argument}: give an exact version to verify (npm:${name}@1.2.3), not "${range}"`);
  if (range !== "latest" && semver.validRange(range) === null)
    throw new UsageError(`${argument}: "${range}" is not a version or a semver range`);
  return { name, range };
}
