// manifest/version: a version Codex can name its install folder after, in the SemVer hosts compare.
// The two functions used, not the whole package: the CLI bundle loads on every pre-commit.
import coerce from "semver/functions/coerce.js";
import valid from "semver/functions/valid.js";
import type { RuleContext } from "../../rule.js";
import type { Manifest } from "./value.js";

const VERSION_CHARACTERS = /[A-Za-z0-9._+-]/;

export function checkVersion(manifest: Manifest, context: RuleContext): void {
  const raw = manifest.value.version;
  if (typeof raw !== "string") return;
  const at = { doc: manifest.doc, path: ["version"] };
  const report = (message: string, severity: "error" | "warning") =>
    context.report({ ruleId: "manifest/version", severity, message, file: manifest.path, at });
  // Codex trims the version, and treats a blank one as absent.
  const version = raw.trim();
  if (version === "") {
    report(
      `"version" is empty, so hosts treat it as missing; set a SemVer version such as "1.0.0" or remove the field`,
      "warning",
    );
    return;
  }
  // Codex 0.171 refuses these at install; Codex 0.117 ignores the version, and Claude Code, which also names its cache
  // folder after the version, only risks breaking it.
  const host = context.host;
  const severity = host.refusesInvalidVersion ? "error" : "warning";
  const consequence = host.refusesInvalidVersion
    ? `${host.displayName} refuses to install it`
    : host.id === "codex"
      ? `${host.displayName} ${host.version} ignores it, but later releases (0.171) refuse to install the plugin`
      : "hosts name the install folder after the version";
  const bad = [...new Set([...version].filter((ch) => !VERSION_CHARACTERS.test(ch)))];
  if (bad.length > 0) {
    const listed = bad.map((ch) => JSON.stringify(ch)).join(", ");
    report(
      `"version" ${JSON.stringify(raw)} contains ${listed}; ${consequence}: use only letters, digits, '.', '+', '_' and '-' (SemVer such as "1.0.0")`,
      severity,
    );
    return;
  }
  if (version === "." || version === "..") {
    report(`"version" ${JSON.stringify(raw)} is not a version; ${consequence}: use SemVer such as "1.0.0"`, severity);
    return;
  }
  if (isStrictSemver(raw)) return;
  const coerced = coerce(version)?.version;
  const fix =
    /^v/i.test(version) && valid(version.slice(1))
      ? `drop the leading "v": "${version.slice(1)}"`
      : `use MAJOR.MINOR.PATCH${coerced ? `, e.g. "${coerced}"` : ""}`;
  report(`"version" ${JSON.stringify(raw)} is not strict SemVer, which hosts use to detect updates; ${fix}`, "warning");
}

function isStrictSemver(version: string): boolean {
  // semver.valid() accepts a leading "v" and surrounding spaces; strict SemVer does not.
  return valid(version) !== null && version === version.trim() && !/^v/i.test(version);
}
