// What Codex and npm make of an npm source's `package`, `version` and `registry`: Codex's own checks decide whether
// the entry is listed at all (probes marketplace-json/value/npm-*); npm's decide whether `npm pack` can fetch it.
import type validRangeFunction from "semver/ranges/valid.js";
import type validateNameFunction from "validate-npm-package-name";

// Required on first use, not at import: only a marketplace entry with an npm source needs them, and semver's ranges
// (Range, Comparator) and the name validator would otherwise run at the start of every lint.
const validRange = (...args: Parameters<typeof validRangeFunction>) =>
  (require("semver/ranges/valid.js") as typeof validRangeFunction)(...args);
const validateName = (name: string) => (require("validate-npm-package-name") as typeof validateNameFunction)(name);

/** A problem with one field: `error` where the host skips the entry or cannot install it, `warning` where it copes. */
export interface NpmFieldProblem {
  severity: "error" | "warning";
  message: string;
}

/** Why Codex 0.171 skips a package name, or undefined when it lists the entry (its `normalize_npm_package`). */
export function codexPackageProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === "") return "it is empty";
  const scoped = trimmed.startsWith("@");
  const segments = (scoped ? trimmed.slice(1) : trimmed).split("/");
  if (scoped && segments.length !== 2) return 'a scoped name is "@scope/name"';
  if (!scoped && segments.length !== 1) return 'only a scoped name, "@scope/name", has a "/"';
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === "..") return "a part of it is empty, . or ..";
    if (!/^[A-Za-z0-9._-]+$/.test(segment)) return 'each part may hold only letters, digits, "-", "_" and "."';
    if (!scoped && /^[._]/.test(segment)) return 'an unscoped name must not start with "." or "_"';
  }
  return undefined;
}

export function packageProblem(name: string, host: string): NpmFieldProblem | undefined {
  const codex = codexPackageProblem(name);
  if (codex !== undefined) {
    return {
      severity: "error",
      message: `${JSON.stringify(name)} is not an npm package name ${host} accepts (${codex}), so it skips the entry; write the name as npm shows it, such as "@acme/my-plugin"`,
    };
  }
  const npm = validateName(name.trim());
  if (!npm.validForOldPackages) {
    return {
      severity: "error",
      message: `npm refuses the package name ${JSON.stringify(name)} (${npm.errors[0]}), so ${host} lists the entry but cannot install it`,
    };
  }
  if (!npm.validForNewPackages) {
    return {
      severity: "warning",
      message: `npm no longer accepts new packages named like ${JSON.stringify(name)} (${npm.warnings[0]}): it installs only if an old package of that name exists; use the lowercase name the plugin is published under`,
    };
  }
  return undefined;
}

const PIN_ADVICE = 'pin a range such as "^1.0.0"';

/** `undefined` when the version is a semver range, which is what the entry should hold. */
export function versionProblem(version: string, host: string): NpmFieldProblem | undefined {
  const trimmed = version.trim();
  if (trimmed === "" || trimmed === "." || trimmed === ".." || /[/\\:]/.test(trimmed)) {
    return {
      severity: "error",
      message: `"version" must be a version or range from the registry, such as "^1.0.0"; ${host} skips an entry whose version is empty or holds "/", "\\" or ":" (a URL, path, git or alias spec), found ${JSON.stringify(version)}`,
    };
  }
  // npm reads a spec as a range when semver can (loosely), else as a dist-tag, which must be URL-safe.
  if (validRange(trimmed, { loose: true }) !== null) return undefined;
  if (encodeURIComponent(trimmed) !== trimmed) {
    return {
      severity: "error",
      message: `${JSON.stringify(version)} is neither a semver range nor a dist-tag: npm refuses it ("Invalid tag name"), so ${host} lists the entry but cannot install it; ${PIN_ADVICE}`,
    };
  }
  return {
    severity: "warning",
    message: `${JSON.stringify(version)} is a dist-tag, not a range: ${host} installs whatever the tag points at when the user installs, a new major version included; ${PIN_ADVICE}`,
  };
}

/** The warning for an npm source without `version`. */
export function missingVersionMessage(host: string): string {
  return `this npm source has no "version": ${host} installs whatever the "latest" dist-tag points at, a new major version included; ${PIN_ADVICE}`;
}

/** Codex 0.171's `normalize_optional_npm_registry`: an https URL with a host, and no credentials, query or fragment. */
export function registryProblem(registry: string, host: string): NpmFieldProblem | undefined {
  const trimmed = registry.trim();
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    url = undefined;
  }
  if (url?.protocol === "http:") {
    return {
      severity: "error",
      message: `"registry" must be an https URL: ${host} skips an entry whose registry is http; leave "registry" out and set the registry in npm's config (.npmrc) to use a local or http registry`,
    };
  }
  // WHATWG URL drops an empty query or fragment ("https://x/?"), which Codex still refuses: look at the text too.
  const valid =
    url !== undefined &&
    url.protocol === "https:" &&
    url.hostname !== "" &&
    url.username === "" &&
    url.password === "" &&
    !trimmed.includes("?") &&
    !trimmed.includes("#");
  if (valid) return undefined;
  return {
    severity: "error",
    message: `"registry" must be an https URL with a host and no credentials, query or fragment, such as "https://npm.example.com/"; ${host} skips the entry otherwise (put credentials in .npmrc), found ${JSON.stringify(registry)}`,
  };
}
