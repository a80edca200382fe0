/**
 * The npm channel's settings: `agentPlugin.npm` in the repo root's package.json. One place for every plugin of the
 * repo, next to the workspace it describes; each setting is checked here, with one line naming the file.
 */
import { PackError } from "../errors.js";

export interface NpmConfig {
  /** The scope every plugin is published under (`@acme`), or null when the author opted out with `unscoped`. */
  scope: string | null;
  /** `npm publish --access`: public (default for scoped packages here) or restricted. */
  access: "public" | "restricted";
  /** The dist-tag to publish under (default `latest`). */
  tag: string;
}

export const NPM_CONFIG_KEY = "agentPlugin.npm";

const SCOPE = /^@[a-z0-9][a-z0-9._~-]*$/;
const KNOWN = new Set(["scope", "unscoped", "access", "tag"]);

/** The settings, or undefined when the package.json has none. */
export function readNpmConfig(rootJson: Record<string, unknown>, file: string): NpmConfig | undefined {
  const section = rootJson.agentPlugin;
  if (section === undefined) return undefined;
  const bad = (what: string) =>
    new PackError(`${file}: ${what}; see docs/releasing.md#the-npm-channel for the settings`, file);
  if (section === null || typeof section !== "object" || Array.isArray(section))
    throw bad(`"agentPlugin" must be an object such as {"npm": {"scope": "@acme"}}`);
  const npm = (section as Record<string, unknown>).npm;
  if (npm === undefined) return undefined;
  if (npm === null || typeof npm !== "object" || Array.isArray(npm))
    throw bad(`"${NPM_CONFIG_KEY}" must be an object such as {"scope": "@acme"}`);
  const settings = npm as Record<string, unknown>;
  const unknown = Object.keys(settings).find((key) => !KNOWN.has(key));
  if (unknown !== undefined)
    throw bad(`"${NPM_CONFIG_KEY}.${unknown}" is not a setting (use scope, unscoped, access or tag)`);
  const { scope, unscoped, access = "public", tag = "latest" } = settings;
  if (unscoped !== undefined && typeof unscoped !== "boolean")
    throw bad(`"${NPM_CONFIG_KEY}.unscoped" must be true or false`);
  if (scope !== undefined && (typeof scope !== "string" || !SCOPE.test(scope)))
    throw bad(
      `"${NPM_CONFIG_KEY}.scope" must be an npm scope in lower case, such as "@acme" (got ${JSON.stringify(scope)})`,
    );
  if (scope !== undefined && unscoped === true)
    throw bad(`"${NPM_CONFIG_KEY}" sets both "scope" and "unscoped": keep one`);
  if (scope === undefined && unscoped !== true)
    throw bad(
      `"${NPM_CONFIG_KEY}.scope" is required: unscoped plugin names collide with existing packages (set "unscoped": true to publish without one)`,
    );
  if (access !== "public" && access !== "restricted")
    throw bad(`"${NPM_CONFIG_KEY}.access" must be "public" or "restricted" (got ${JSON.stringify(access)})`);
  if (typeof tag !== "string" || !/^[a-z][a-z0-9._-]*$/i.test(tag) || /^v?\d/.test(tag))
    throw bad(`"${NPM_CONFIG_KEY}.tag" must be a dist-tag such as "latest" or "next" (got ${JSON.stringify(tag)})`);
  return { scope: typeof scope === "string" ? scope : null, access, tag };
}

/** npm's rules for a new package name: lower case, URL-safe, at most 214 characters. */
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

export function isNpmPackageName(name: string): boolean {
  return name.length <= 214 && PACKAGE_NAME.test(name);
}

/** The package a plugin is published as: its manifest name under the configured scope. */
export function npmPackageName(config: NpmConfig, pluginName: string, manifestFile: string): string {
  const name = config.scope === null ? pluginName : `${config.scope}/${pluginName}`;
  if (!isNpmPackageName(name))
    throw new PackError(
      `plugin "${pluginName}" cannot be published as the npm package "${name}": npm names are lower case letters, digits, '-', '.', '_' and '~'; rename the plugin in ${manifestFile}`,
      manifestFile,
    );
  return name;
}
