// marketplace/npm-package, npm-version, npm-registry, and unknown fields of an npm source: an entry whose
// `{"source": "npm", ...}` Codex skips, cannot install, or installs differently from what the author meant.
import type { PointerSegment } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { MarketplaceFile } from "./entry.js";
import { missingVersionMessage, packageProblem, registryProblem, versionProblem } from "./npm-spec.js";

/** The fields of an npm source the host reads. */
const NPM_SOURCE_FIELDS = ["source", "package", "version", "registry"];

/**
 * Checks one npm source object at `pointer` (the entry's `source`). Returns true when it reported an error, so that
 * the schema's generic finding on the same source is not repeated.
 */
export function checkNpmSource(
  context: RuleContext,
  file: MarketplaceFile,
  source: Record<string, unknown>,
  pointer: readonly PointerSegment[],
): boolean {
  const host = `${context.host.displayName} ${context.host.version}`;
  let erred = false;
  const report = (
    ruleId: "marketplace/npm-package" | "marketplace/npm-version" | "marketplace/npm-registry",
    problem: { severity: "error" | "warning"; message: string },
    path: readonly PointerSegment[],
  ) => {
    if (problem.severity === "error") erred = true;
    context.report({
      ruleId,
      message: problem.message,
      severity: problem.severity,
      file: file.path,
      at: { doc: file.doc, path },
    });
  };

  const { package: name, version, registry } = source;
  if (typeof name !== "string") {
    const found = name === undefined ? "it has none" : `found ${JSON.stringify(name)}`;
    report(
      "marketplace/npm-package",
      {
        severity: "error",
        message: `an npm source needs "package", the npm package name as a string (such as "@acme/my-plugin"): ${host} skips the entry, ${found}`,
      },
      name === undefined ? pointer : [...pointer, "package"],
    );
  } else {
    const problem = packageProblem(name, host);
    if (problem) report("marketplace/npm-package", problem, [...pointer, "package"]);
  }

  if (version === undefined) {
    report("marketplace/npm-version", { severity: "warning", message: missingVersionMessage(host) }, pointer);
  } else if (typeof version !== "string") {
    report(
      "marketplace/npm-version",
      {
        severity: "error",
        message: `"version" must be a string such as "^1.0.0": ${host} skips the entry, found ${JSON.stringify(version)}`,
      },
      [...pointer, "version"],
    );
  } else {
    const problem = versionProblem(version, host);
    if (problem) report("marketplace/npm-version", problem, [...pointer, "version"]);
  }

  if (registry !== undefined) {
    const problem =
      typeof registry === "string"
        ? registryProblem(registry, host)
        : {
            severity: "error" as const,
            message: `"registry" must be a string (an https URL): ${host} skips the entry, found ${JSON.stringify(registry)}`,
          };
    if (problem) report("marketplace/npm-registry", problem, [...pointer, "registry"]);
  }

  for (const key of Object.keys(source)) {
    if (NPM_SOURCE_FIELDS.includes(key)) continue;
    const integrity =
      key === "integrity"
        ? ", so the package is not checked against it (sign the plugin and verify it with plugin-pack instead)"
        : "";
    context.report({
      ruleId: "marketplace/unknown-field",
      message: `"${key}" is not a field of an npm source ${host} reads (package, version, registry): it is ignored${integrity}`,
      file: file.path,
      at: { doc: file.doc, path: [...pointer, key], part: "key" },
    });
  }
  return erred;
}
