// The rule pages in docs/rules are generated from each rule's metadata and its real fixtures and
// lint output, and checked here: `pnpm docs:rules` rewrites them, CI fails when they drift.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import {
  caseDir,
  type FixtureBehaviour,
  type FixtureCase,
  type HostBehaviour,
  hasCase,
  lintCase,
  readCase,
} from "./fixture-cases.js";
import type { RuleId, RuleMeta } from "./rule.js";
import { ruleMetas } from "./rules/index.js";

const docsDir = join(repoRoot, "docs/rules");

/** What each pinned host release did with each rule's fixtures, recorded by `pnpm hosts:fixtures:update`. */
const behaviourFile = join(repoRoot, "packages/plugin-lint/data/host-behaviour.json");
const hostBehaviour = (
  existsSync(behaviourFile) ? JSON.parse(readFileSync(behaviourFile, "utf8")) : {}
) as HostBehaviour;

const hostNames: Record<string, string> = { codex: "Codex", "claude-code": "Claude Code" };

function describeRun(run: FixtureBehaviour | undefined): string {
  if (!run) return "not run";
  const lint = run.severity === "none" ? "no finding" : run.severity;
  const host = run.losses.length === 0 ? "loads it whole" : run.losses.join("; ");
  return `${lint}; ${host}`.replace(/\|/g, "\\|");
}

/** The page's account of the real hosts: per pinned release, what lint said and what the host did. */
function hostSection(meta: RuleMeta): string[] {
  const intro =
    meta.purpose === "security"
      ? "This rule guards against leaked secrets and supply-chain risk, so it keeps its severity whatever the host loads. What the hosts do with its examples:"
      : "What each pinned host release does with the examples above, and what plugin-lint reports for that release (`--target <host>@<version>`). An error means the host drops or rejects something:";
  const recorded = hostBehaviour[meta.id];
  if (!recorded) {
    const why =
      meta.hosts?.every((host) => host === "agent-plugins") === true
        ? "The Agent Plugins standard is a specification, not a host release: its examples follow the text of the specification."
        : "Not recorded: the examples are not loaded into a host (run `pnpm hosts:fixtures:update`).";
    return ["## What the hosts do", "", why, ""];
  }
  const releases = [...(recorded.fail ?? []), ...(recorded.pass ?? [])]
    .map((run) => `${run.host}@${run.version}`)
    .filter((key, index, all) => all.indexOf(key) === index);
  const rows = releases.map((key) => {
    const [host, version] = key.split("@") as [string, string];
    const find = (runs: FixtureBehaviour[] | undefined) =>
      runs?.find((run) => run.host === host && run.version === version);
    return `| ${hostNames[host] ?? host} ${version} | ${describeRun(find(recorded.fail))} | ${describeRun(find(recorded.pass))} |`;
  });
  return [
    "## What the hosts do",
    "",
    intro,
    "",
    "| Host release | Failing example | Passing example |",
    "| --- | --- | --- |",
    ...rows,
    "",
    "Recorded with the real hosts by `pnpm hosts:fixtures:update`; the host-fidelity test checks it on every CI run.",
    "",
  ];
}
const MAX_LINES = 60;

function fence(file: string, text: string): string {
  const ext = file.split(".").pop() ?? "";
  const lang =
    (
      { json: "json", md: "markdown", yaml: "yaml", yml: "yaml", sh: "sh", mjs: "js", js: "js" } as Record<
        string,
        string
      >
    )[ext] ?? "text";
  const lines = text.replace(/\n$/, "").split("\n");
  const shown =
    lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… (${lines.length - MAX_LINES} more lines)`] : lines;
  return `\`${file}\`\n\n\`\`\`${lang}\n${shown.join("\n")}\n\`\`\`\n`;
}

function showFiles(ruleId: RuleId, kind: "fail" | "pass", files: string[], fixture: FixtureCase): string {
  const dir = caseDir(ruleId, kind);
  const parts: string[] = [];
  for (const file of files) {
    const path = join(dir, file);
    if (!existsSync(path) || !statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    if (bytes.includes(0) || !isUtf8(bytes)) {
      parts.push(`\`${file}\`: ${bytes.length} bytes of binary (not valid UTF-8 text)\n`);
      continue;
    }
    parts.push(fence(file, bytes.toString("utf8")));
  }
  if (parts.length === 0)
    parts.push(
      `Files in \`${fixture.lint}\`:\n\n\`\`\`text\n${listTree(join(dir, fixture.lint)).join("\n")}\n\`\`\`\n`,
    );
  for (const step of fixture.setup ?? []) {
    if ("write" in step)
      parts.push(
        `Plus \`${step.write}\`: ${step.bytes.toLocaleString("en")} bytes (made by the test, too large for git).\n`,
      );
    else if ("symlink" in step) parts.push(`Plus \`${step.symlink}\`: a symbolic link to \`${step.target}\`.\n`);
    else parts.push(`Plus \`${step.chmod}\` with mode ${step.mode}.\n`);
  }
  return parts.join("\n");
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function listTree(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [`(empty)`];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) =>
      entry.isDirectory()
        ? [
            `${prefix}${entry.name}/`,
            ...listTree(join(dir, entry.name), `${prefix}${entry.name}/`).filter((l) => l !== "(empty)"),
          ]
        : [`${prefix}${entry.name}`],
    );
}

async function renderRule(meta: RuleMeta): Promise<string> {
  const fail = readCase(meta.id, "fail");
  const pass = readCase(meta.id, "pass");
  const { found } = await lintCase(meta.id, "fail");
  const mine = found.filter((d) => d.ruleId === meta.id);
  const files = [...new Set((fail.expect ?? []).map((e) => e.file))];
  const hosts = meta.hosts ? meta.hosts.join(", ") : "all";
  const lines = [
    `# \`${meta.id}\``,
    "",
    meta.description,
    "",
    `- Severity: **${meta.severity}**${meta.fixable ? " · fixable with `--fix`" : ""}`,
    `- Hosts: ${hosts}${fail.target && fail.target !== "codex" ? ` (examples use \`--target ${fail.target}\`)` : ""}`,
    "",
    "## Why",
    "",
    meta.rationale,
    "",
    "## Failing example",
    "",
    showFiles(meta.id, "fail", files, fail),
    "```text",
    ...mine.map((d) => `${d.file}:${d.line}:${d.column}  ${meta.id}  ${d.message}`),
    "```",
    "",
    "## Passing example",
    "",
    showFiles(
      meta.id,
      "pass",
      files.map((f) => f.replace(fail.lint, pass.lint)),
      pass,
    ),
    "",
    ...hostSection(meta),
    "## Configure",
    "",
    "```json",
    `{ "rules": { "${meta.id}": "${meta.severity === "error" ? "warn" : "error"}" } }`,
    "```",
    "",
    '`"off"`, `"warn"` or `"error"` in `.pluginlintrc.json`; see [configuration](../../configuration.md).',
    "",
  ];
  return lines.join("\n").replace(/\n{3,}/g, "\n\n");
}

const documented = [...ruleMetas.values()]
  .filter((m) => hasCase(m.id, "fail") && hasCase(m.id, "pass"))
  .sort((a, b) => a.id.localeCompare(b.id));

describe("rule documentation", () => {
  it.each(documented.map((m) => [m.id, m] as const))("docs/rules/%s.md is up to date", async (id, meta) => {
    await expect(await renderRule(meta)).toMatchFileSnapshot(join(docsDir, `${id}.md`));
  });

  it("docs/rules/README.md indexes every rule", async () => {
    const rows = [...ruleMetas.values()]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map(
        (m) =>
          `| [\`${m.id}\`](${m.id}.md) | ${m.severity} | ${m.fixable ? "yes" : ""} | ${m.description.replace(/\|/g, "\\|")} |`,
      );
    const index = [
      "# plugin-lint rules",
      "",
      "Every rule has a stable id (`area/name`), a default severity, and a page with a failing and a passing example taken from the test fixtures.",
      "Severity follows one principle: **error** where a host drops or rejects something (a plugin that does not load, a skill that is skipped, a path that is ignored); **warning** where the host copes but something is likely wrong.",
      "",
      "| Rule | Default | Fixable | Checks |",
      "| --- | --- | --- | --- |",
      ...rows,
      "",
    ].join("\n");
    await expect(index).toMatchFileSnapshot(join(docsDir, "README.md"));
  });
});
