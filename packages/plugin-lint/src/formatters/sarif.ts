import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import { isRuleId, ruleMetas } from "../rules/index.js";
import type { Formatter } from "./types.js";

/** SARIF 2.1.0, as GitHub code scanning reads it. Paths are relative to the run's root (%SRCROOT%). */
export const sarif: Formatter = (report, { cwd, toolVersion }) => {
  const usedRules = [...new Set(report.diagnostics.map((d) => d.ruleId))].sort();
  const ruleIndex = new Map(usedRules.map((id, index) => [id, index]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "plugin-lint",
            semanticVersion: toolVersion,
            informationUri: "https://www.npmjs.com/package/@agent-plugin/plugin-lint",
            rules: usedRules.map((id) => {
              const meta = isRuleId(id) ? ruleMetas.get(id) : undefined;
              return {
                id,
                shortDescription: { text: meta?.description ?? id },
                fullDescription: { text: meta?.rationale ?? id },
                help: { text: `${meta?.rationale ?? ""} See docs/rules/${id}.md.` },
                defaultConfiguration: { level: meta?.severity === "warning" ? "warning" : "error" },
              };
            }),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(cwd.endsWith("/") ? cwd : `${cwd}/`).href } },
        results: report.diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ruleIndex: ruleIndex.get(d.ruleId),
          level: d.severity === "error" ? "error" : "warning",
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                // A URI reference: each segment encoded, so spaces, "%" and "#" in names survive.
                artifactLocation: {
                  uri: relative(cwd, d.file).split(/[\\/]/).map(encodeURIComponent).join("/"),
                  uriBaseId: "%SRCROOT%",
                },
                region: {
                  startLine: d.line,
                  startColumn: d.column,
                  endLine: d.endLine,
                  endColumn: Math.max(d.endColumn, d.line === d.endLine ? d.column + 1 : 1),
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
