// Reading a SKILL.md's frontmatter: skill/frontmatter when it is missing or not a mapping, and the schema's
// findings weighed by what each host does with a wrong or missing field.
import { isRecord, type HostProfile, type PointerSegment, type SkillFile, type YamlDocument } from "@agent-plugin/core";
import type { Report, RuleContext } from "../../rule.js";
import { reportSchema } from "../shared/schema.js";

/** The frontmatter of one skill, parsed into a mapping without YAML problems. */
export interface Frontmatter {
  skill: SkillFile;
  doc: YamlDocument;
  value: Record<string, unknown>;
}

/** Reports frontmatter that is missing or not a mapping; returns it when its values can be checked. */
export function checkFrontmatter(skill: SkillFile, context: RuleContext): Frontmatter | undefined {
  if (skill.frontmatterError) {
    const { message, offset, length } = skill.frontmatterError;
    // Claude Code reads a SKILL.md without frontmatter (name from the folder, description from the text).
    const copes = context.host.id === "claude-code" && !startsWithFence(skill.text);
    context.report({
      ruleId: "skill/frontmatter",
      message: `${message} (${copes ? "Claude Code falls back to the folder name and first paragraph" : unreadableConsequence(context.host)})`,
      file: skill.path,
      at: { lines: skill.lines, offset, length },
      ...(copes ? { severity: "warning" as const } : {}),
    });
    return undefined;
  }
  const doc = skill.frontmatter;
  // YAML problems are reported by the yaml/* rules.
  if (!doc || doc.problems.length > 0) return undefined;
  if (!isRecord(doc.value)) {
    context.report({
      ruleId: "skill/frontmatter",
      message: `frontmatter must be a YAML mapping of \`key: value\` lines, found ${describeYamlValue(doc.value)} (${unreadableConsequence(context.host)})`,
      file: skill.path,
      at: { doc, path: [] },
    });
    return undefined;
  }
  return { skill, doc, value: doc.value };
}

/** What the host does with a skill whose frontmatter it cannot read. */
function unreadableConsequence(host: HostProfile): string {
  if (host.strictAgentSkills) return `${host.displayName} skips the skill (Agent Plugins §7.1)`;
  return host.id === "codex"
    ? "Codex skips the skill"
    : `${host.displayName} cannot read the skill's name and description`;
}

function startsWithFence(text: string): boolean {
  const firstLine = text.replace(/^\uFEFF/, "").split("\n", 1)[0] ?? "";
  return firstLine.trim() === "---";
}

function describeYamlValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing but comments";
  if (Array.isArray(value)) return "a list";
  return `a single ${typeof value} value`;
}

export function checkFrontmatterSchema(frontmatter: Frontmatter, context: RuleContext): void {
  reportSchema(
    withSchemaWeights(context, frontmatter.value),
    { path: frontmatter.skill.path, doc: frontmatter.doc },
    "skillFrontmatter",
  );
  // The Agent Skills spec defines allowed-tools as one space-separated string; skills-ref also takes a list.
  if (context.host.strictAgentSkills && Array.isArray(frontmatter.value["allowed-tools"]))
    context.report({
      ruleId: "skill/schema",
      severity: "warning",
      message:
        '"allowed-tools" is a list, but the Agent Skills spec defines it as one space-separated string ("Bash(git:*) Read"): clients that follow the spec to the letter skip the skill',
      file: frontmatter.skill.path,
      at: { doc: frontmatter.doc, path: ["allowed-tools"] },
    });
}

/**
 * Gives schema findings their host-dependent weight: Codex deserialises only `name`, `description` and
 * `metadata.short-description`, so a wrong type elsewhere does not stop it; Claude Code copes without a description.
 */
function withSchemaWeights(context: RuleContext, value: Record<string, unknown>): RuleContext {
  const host = context.host;
  return {
    host,
    report(report: Report) {
      if (report.ruleId === "skill/description") {
        // A missing field is reported at the top level, where the generic wording would say "the file".
        const problem = reportPath(report).length === 0 ? `the frontmatter has no "description"` : report.message;
        context.report({ ...report, ...descriptionFinding(problem, host) });
      } else if (report.ruleId === "skill/schema" && host.strictAgentSkills) {
        context.report({ ...report, message: `${report.message} (${host.displayName} skips the skill, §7.1)` });
      } else if (report.ruleId === "skill/schema" && host.id === "codex") {
        const path = reportPath(report);
        // Codex ignores the other fields, and takes a number or a boolean where it reads text (probes
        // skill-md/yaml-types/name-number, description-number, metadata-number): nothing lost, and the Agent Skills
        // spec's own type rules are reported for the agent-plugins target.
        if (!codexReadsField(path) || isScalar(valueAt(value, path))) return;
        context.report({
          ...report,
          message: `${report.message} (Codex cannot read the frontmatter and skips the skill)`,
        });
      } else {
        context.report(report);
      }
    },
  };
}

/** Codex skips a skill without a description; Claude Code uses the first paragraph instead, so there it is a warning. */
export function descriptionFinding(problem: string, host: HostProfile): Pick<Report, "message" | "severity"> {
  const copes = host.id === "claude-code";
  const consequence = copes
    ? "Claude Code falls back to the first paragraph"
    : `${host.displayName} skips the skill${host.strictAgentSkills ? " (Agent Plugins §7.1)" : ""}`;
  return {
    message: `${problem} (${consequence}): say what the skill does and when to use it`,
    ...(copes ? { severity: "warning" as const } : {}),
  };
}

function reportPath(report: Report): readonly PointerSegment[] {
  return report.at && "doc" in report.at ? report.at.path : [];
}

function valueAt(root: unknown, path: readonly PointerSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function isScalar(value: unknown): boolean {
  return typeof value === "number" || typeof value === "boolean";
}

/** The frontmatter fields Codex 0.117 deserialises into typed values. */
function codexReadsField(path: readonly PointerSegment[]): boolean {
  const [top, sub] = path;
  if (top === "name" || top === "description") return true;
  return top === "metadata" && (sub === undefined || sub === "short-description");
}
