import { basename, isAbsolute, resolve } from "node:path";
import {
  closestMatch,
  hostProfiles,
  isInside,
  isMap,
  isRecord,
  isScalar,
  isSeq,
  portabilityIssues,
  resolvePluginPath,
  splitFrontmatter,
  toPosixRelative,
  type HostProfile,
  type PluginModel,
  type PointerSegment,
  type SkillFile,
  type YamlDocument,
  type YamlFile,
} from "@agent-plugin/core";
import type { Location, Report, RuleContext, RuleFamily, RuleMeta } from "../rule.js";
import { reportSchema } from "./shared.js";

const rules: readonly RuleMeta[] = [
  {
    id: "skill/frontmatter",
    severity: "error",
    description: "SKILL.md starts with a `---` line, closes its YAML frontmatter with another `---` line, and the frontmatter is a mapping.",
    rationale:
      "Codex skips a skill whose SKILL.md has no frontmatter, an unclosed or empty one (\"missing YAML frontmatter delimited by ---\"), or one that is not a `key: value` mapping. Claude Code copes with a file that has no frontmatter at all, so there that case is a warning.",
  },
  {
    id: "skill/schema",
    severity: "error",
    description: "Frontmatter values have the types the hosts read: `name` and `description` are strings, `metadata` is a map of strings, and so on.",
    rationale:
      "Codex reads the frontmatter with serde_yaml into typed fields: a number or list where it expects a string fails the whole parse and the skill is skipped. Fields Codex does not read are only a warning for Codex.",
  },
  {
    id: "skill/description",
    severity: "error",
    description: "The frontmatter has a non-empty `description`.",
    rationale:
      "The description is how the agent decides when to use the skill. Codex skips a skill without one (\"missing field `description`\"); Claude Code falls back to the first paragraph, so there it is a warning.",
  },
  {
    id: "skill/description-length",
    severity: "error",
    description: "`description` (and Codex's `metadata.short-description`) fit the host's limit: 1024 characters for Codex, 1536 for Claude Code, after whitespace is collapsed.",
    rationale:
      "Codex skips a skill whose description is longer than 1024 characters (\"exceeds maximum length\"). Claude Code cuts `description` plus `when_to_use` at 1536 characters in its skill listing, so there it is a warning.",
  },
  {
    id: "skill/description-angle-brackets",
    severity: "warning",
    description: "`description` contains no `<` or `>`.",
    rationale:
      "The skill-creator `quick_validate.py` scripts of Anthropic and Codex reject descriptions with angle brackets, because the description is placed inside XML-like tags in the agent's prompt.",
  },
  {
    id: "skill/name",
    severity: "warning",
    description: "`name`, when present, is lowercase kebab-case: a-z, 0-9 and single hyphens, not at the start or end.",
    rationale:
      "The Agent Skills spec and `skills-ref validate` require this form, and Claude Code documents it. Codex tolerates other names, so this is a warning.",
  },
  {
    id: "skill/name-folder",
    severity: "warning",
    description: "`name` equals the name of the skill's folder.",
    rationale:
      "The Agent Skills spec requires it and `skills-ref validate` fails without it (\"Directory name must match skill name\"). Codex and Claude Code tolerate a mismatch, but the skill is then known by two names.",
  },
  {
    id: "skill/name-length",
    severity: "error",
    description: "The skill name is at most 64 characters; for a Codex plugin, `<plugin name>:<skill name>` is.",
    rationale:
      "Codex prefixes a plugin's skill names with the plugin name and skips a skill whose prefixed name is longer than 64 characters (\"invalid name: exceeds maximum length of 64 characters\"). The spec and Claude Code allow at most 64 characters.",
  },
  {
    id: "skill/unknown-key",
    severity: "warning",
    description: "Frontmatter keys are ones the host knows: the Agent Skills spec's six, plus Claude Code's extensions when the target is Claude Code.",
    rationale:
      "Hosts ignore keys they do not know, so a misspelt key silently does nothing, and `skills-ref validate` and the skill-creator validators reject unknown keys. Claude Code's extensions (such as `model` or `allowed-tools` lists) have no effect in Codex.",
  },
  {
    id: "skill/compatibility-length",
    severity: "warning",
    description: "`compatibility`, when present, is 1-500 characters.",
    rationale: "The Agent Skills spec limits `compatibility` to 1-500 characters and `skills-ref validate` rejects longer values. The hosts ignore it.",
  },
  {
    id: "skill/yaml-portability",
    severity: "warning",
    description: "Frontmatter uses plain block-style YAML: no flow collections (`[a, b]`, `{}`), anchors, aliases or explicit tags.",
    rationale:
      "`skills-ref validate` parses frontmatter with strictyaml, which rejects flow style, anchors, aliases and tags. Codex and Claude Code accept them, so the skill works there but fails the spec's validator.",
  },
  {
    id: "skill/link",
    severity: "warning",
    description: "Relative links and images in the SKILL.md body point at files that exist inside the plugin (or, for a standalone skill, inside its folder).",
    rationale:
      "The agent follows these links to load references and scripts on demand. A missing target, or one outside the folder that is installed, leaves the agent without the instructions the skill promises.",
  },
  {
    id: "skill/body-length",
    severity: "warning",
    description: "The SKILL.md body is at most 500 lines.",
    rationale:
      "The whole body enters the agent's context when the skill is used. The Agent Skills spec recommends keeping SKILL.md under 500 lines and moving detail into files under references/ that are read only when needed.",
  },
  {
    id: "openai-yaml/schema",
    severity: "warning",
    description: "agents/openai.yaml has the shape Codex reads: strings within their length limits, a #RRGGBB brand colour, known policy values.",
    rationale:
      "Codex fails open on this optional file: a value of the wrong type makes it log a warning and ignore the whole file, and an empty or over-long string is dropped. The skill still loads, without its display metadata.",
  },
  {
    id: "openai-yaml/unknown-field",
    severity: "warning",
    description: "agents/openai.yaml contains only the fields Codex reads.",
    rationale: "Codex ignores fields it does not know, so a misspelt field such as `icon` or `displayName` silently has no effect.",
  },
  {
    id: "openai-yaml/icon",
    severity: "warning",
    description: "`interface.icon_small` and `interface.icon_large` are relative paths under the skill's assets/ folder, without `..`, to files that exist.",
    rationale:
      "Codex 0.117 ignores an icon path that is absolute, contains `..` or is not under assets/ (\"icon path must be under assets/\"), and shows no icon for a file that is missing.",
  },
];

/** The frontmatter of one skill, parsed into a mapping without YAML problems. */
interface Frontmatter {
  skill: SkillFile;
  doc: YamlDocument;
  value: Record<string, unknown>;
}

const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COMPATIBILITY_MAX = 500;
const BODY_LINES_MAX = 500;
/** Codex checks `metadata.short-description` against the description limit. */
const CODEX_SHORT_DESCRIPTION_MAX = 1024;

export const skillRules: RuleFamily = {
  rules,
  skill(skill, context, plugin) {
    const frontmatter = checkFrontmatter(skill, context);
    if (frontmatter) {
      checkFrontmatterSchema(frontmatter, context);
      checkDescription(frontmatter, context);
      checkName(frontmatter, context);
      checkNameLength(frontmatter, context, plugin);
      checkKeys(frontmatter, context);
      checkCompatibility(frontmatter, context);
      checkPortability(frontmatter, context);
    }
    checkLinks(skill, context, plugin);
    checkBodyLength(skill, context);
    if (skill.openaiYaml) checkOpenaiYaml(skill, skill.openaiYaml, context, plugin);
  },
};

// ---------------------------------------------------------------------------------------------
// Frontmatter

/** Reports frontmatter that is missing or not a mapping; returns it when its values can be checked. */
function checkFrontmatter(skill: SkillFile, context: RuleContext): Frontmatter | undefined {
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
  return host.id === "codex" ? "Codex skips the skill" : `${host.displayName} cannot read the skill's name and description`;
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

function checkFrontmatterSchema(frontmatter: Frontmatter, context: RuleContext): void {
  reportSchema(withSchemaWeights(context), { path: frontmatter.skill.path, doc: frontmatter.doc }, "skillFrontmatter");
}

/**
 * Gives schema findings their host-dependent weight: Codex deserialises only `name`, `description` and
 * `metadata.short-description`, so a wrong type elsewhere does not stop it; Claude Code copes without a description.
 */
function withSchemaWeights(context: RuleContext): RuleContext {
  const host = context.host;
  return {
    host,
    report(report: Report) {
      if (report.ruleId === "skill/description") {
        // A missing field is reported at the top level, where the generic wording would say "the file".
        const problem = reportPath(report).length === 0 ? `the frontmatter has no "description"` : report.message;
        context.report({ ...report, ...descriptionFinding(problem, host) });
      } else if (report.ruleId === "skill/schema" && host.id === "codex") {
        const read = codexReadsField(reportPath(report));
        context.report({
          ...report,
          message: `${report.message} (${read ? "Codex cannot read the frontmatter and skips the skill" : "Codex ignores this field, but other tools read it"})`,
          ...(read ? {} : { severity: "warning" as const }),
        });
      } else {
        context.report(report);
      }
    },
  };
}

/** Codex skips a skill without a description; Claude Code uses the first paragraph instead, so there it is a warning. */
function descriptionFinding(problem: string, host: HostProfile): Pick<Report, "message" | "severity"> {
  const copes = host.id === "claude-code";
  const consequence = copes ? "Claude Code falls back to the first paragraph" : `${host.displayName} skips the skill`;
  return { message: `${problem} (${consequence}): say what the skill does and when to use it`, ...(copes ? { severity: "warning" as const } : {}) };
}

function reportPath(report: Report): readonly PointerSegment[] {
  return report.at && "doc" in report.at ? report.at.path : [];
}

/** The frontmatter fields Codex 0.117 deserialises into typed values. */
function codexReadsField(path: readonly PointerSegment[]): boolean {
  const [top, sub] = path;
  if (top === "name" || top === "description") return true;
  return top === "metadata" && (sub === undefined || sub === "short-description");
}

function checkDescription(frontmatter: Frontmatter, context: RuleContext): void {
  const raw = frontmatter.value.description;
  // A missing or non-string description is reported through the schema.
  if (typeof raw !== "string") return;
  const at: Location = { doc: frontmatter.doc, path: ["description"] };
  const file = frontmatter.skill.path;
  const host = context.host;
  if (collapseWhitespace(raw) === "") {
    context.report({ ruleId: "skill/description", file, at, ...descriptionFinding(`"description" is empty`, host) });
    return;
  }
  checkDescriptionLength(frontmatter, raw, context);
  if (/[<>]/.test(raw)) {
    context.report({
      ruleId: "skill/description-angle-brackets",
      message: `"description" contains "<" or ">", which the skill-creator validators of Anthropic and Codex reject: reword it without angle brackets`,
      file,
      at,
    });
  }
}

function checkDescriptionLength(frontmatter: Frontmatter, description: string, context: RuleContext): void {
  const host = context.host;
  const file = frontmatter.skill.path;
  if (host.id === "claude-code") {
    // Claude Code's listing cuts description and when_to_use together.
    const whenToUse = frontmatter.value.when_to_use;
    const extra = typeof whenToUse === "string" ? characterCount(collapseWhitespace(whenToUse)) : 0;
    const length = characterCount(collapseWhitespace(description)) + extra;
    if (length <= host.skillDescriptionMax) return;
    context.report({
      ruleId: "skill/description-length",
      message: `"description"${extra > 0 ? ` plus "when_to_use"` : ""} is ${length} characters, over Claude Code's listing limit of ${host.skillDescriptionMax}: the rest is cut off; shorten it`,
      file,
      at: { doc: frontmatter.doc, path: ["description"] },
      severity: "warning",
    });
    return;
  }
  reportOverLong(context, frontmatter, ["description"], description, host.skillDescriptionMax);
  const metadata = frontmatter.value.metadata;
  const shortDescription = isRecord(metadata) ? metadata["short-description"] : undefined;
  if (typeof shortDescription === "string") {
    reportOverLong(context, frontmatter, ["metadata", "short-description"], shortDescription, CODEX_SHORT_DESCRIPTION_MAX);
  }
}

function reportOverLong(context: RuleContext, frontmatter: Frontmatter, path: readonly string[], raw: string, limit: number): void {
  const length = characterCount(collapseWhitespace(raw));
  if (length <= limit) return;
  context.report({
    ruleId: "skill/description-length",
    message: `"${path.join(".")}" is ${length} characters with whitespace collapsed, over ${context.host.displayName}'s limit of ${limit} (${context.host.displayName} skips the skill): shorten it`,
    file: frontmatter.skill.path,
    at: { doc: frontmatter.doc, path },
  });
}

function checkName(frontmatter: Frontmatter, context: RuleContext): void {
  const { value, skill } = frontmatter;
  if (!("name" in value)) return;
  const raw = value.name;
  // A non-string, non-null name is reported through the schema.
  if (raw !== null && typeof raw !== "string") return;
  const at: Location = { doc: frontmatter.doc, path: ["name"] };
  const name = raw ?? "";
  if (name.trim() === "") {
    context.report({
      ruleId: "skill/name",
      message: `"name" is empty (hosts use the folder name instead): set it to "${skill.folderName}" or remove it`,
      file: skill.path,
      at,
    });
    return;
  }
  const problems = nameProblems(name);
  if (problems.length > 0) {
    const suggestion = kebabCase(name);
    context.report({
      ruleId: "skill/name",
      message: `"name" ${problems.join(", ")}${suggestion && suggestion !== name ? `: rename it to "${suggestion}"` : ""}`,
      file: skill.path,
      at,
    });
  }
  const normalised = name.normalize("NFKC");
  const folder = skill.folderName.normalize("NFKC");
  if (normalised !== folder) {
    context.report({
      ruleId: "skill/name-folder",
      message: `"name" is "${name}" but the skill's folder is "${skill.folderName}": the Agent Skills spec requires them to match; rename one of them`,
      file: skill.path,
      at,
    });
  }
}

/** Which parts of the spec's name rule a name breaks, in the words of `skills-ref validate`. */
function nameProblems(name: string): string[] {
  if (NAME_PATTERN.test(name)) return [];
  const problems: string[] = [];
  if (name !== name.toLowerCase()) problems.push("must be lowercase");
  if (name.startsWith("-") || name.endsWith("-")) problems.push("must not start or end with a hyphen");
  if (name.includes("--")) problems.push("must not contain consecutive hyphens");
  const invalid = [...new Set([...name.toLowerCase()].filter((c) => !/[a-z0-9-]/.test(c)))];
  if (invalid.length > 0) problems.push(`may contain only a-z, 0-9 and "-" (found ${invalid.map((c) => JSON.stringify(c)).join(", ")})`);
  return problems;
}

function kebabCase(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function checkNameLength(frontmatter: Frontmatter, context: RuleContext, plugin: PluginModel | undefined): void {
  const { skill, value } = frontmatter;
  const host = context.host;
  const declared = typeof value.name === "string" ? collapseWhitespace(value.name) : "";
  // Codex and Claude Code both fall back to the folder name.
  const base = declared !== "" ? declared : collapseWhitespace(skill.folderName);
  const namespaced = host.namespacedSkillNames && plugin !== undefined;
  const full = namespaced ? `${pluginName(plugin)}:${base}` : base;
  const length = characterCount(full);
  if (length <= host.skillNameMax) return;
  const at: Location = declared !== "" ? { doc: frontmatter.doc, path: ["name"] } : { lines: skill.lines, offset: 0, length: 3 };
  const source = declared !== "" ? "" : " (taken from the folder name)";
  context.report({
    ruleId: "skill/name-length",
    message: namespaced
      ? `${host.displayName} names this skill "${full}"${source}, ${length} characters, over its limit of ${host.skillNameMax} for plugin name, ":" and skill name together (${host.displayName} skips the skill): shorten the skill or plugin name`
      : `skill name "${full}"${source} is ${length} characters, over the limit of ${host.skillNameMax}: shorten it`,
    file: skill.path,
    at,
  });
}

/** The namespace Codex puts before a plugin's skills: the manifest's name, else the folder's. */
function pluginName(plugin: PluginModel): string {
  const manifest = plugin.manifest?.doc.value;
  const name = isRecord(manifest) ? manifest.name : undefined;
  return typeof name === "string" && name !== "" ? name : basename(plugin.root);
}

function checkKeys(frontmatter: Frontmatter, context: RuleContext): void {
  const host = context.host;
  const known = new Set(host.skillKeys);
  const claudeOnly = new Set(hostProfiles["claude-code"].skillKeys.filter((key) => !known.has(key)));
  for (const key of Object.keys(frontmatter.value)) {
    if (known.has(key)) continue;
    context.report({
      ruleId: "skill/unknown-key",
      message: claudeOnly.has(key) ? claudeKeyMessage(key, host) : unknownKeyMessage(key, host),
      file: frontmatter.skill.path,
      at: { doc: frontmatter.doc, path: [key], part: "key" },
    });
  }
}

function claudeKeyMessage(key: string, host: HostProfile): string {
  return `"${key}" is a Claude Code frontmatter key: ${host.displayName} ignores it and skills-ref rejects it; remove it unless the skill is only for Claude Code`;
}

function unknownKeyMessage(key: string, host: HostProfile): string {
  const suggestion = closestMatch(key, host.skillKeys);
  if (suggestion) return `unknown frontmatter key "${key}": did you mean "${suggestion}"?`;
  return `unknown frontmatter key "${key}": ${host.displayName} ignores it and skills-ref rejects it; put custom data under "metadata"`;
}

function checkCompatibility(frontmatter: Frontmatter, context: RuleContext): void {
  const raw = frontmatter.value.compatibility;
  if (typeof raw !== "string") return;
  const length = characterCount(raw);
  const message =
    raw.trim() === ""
      ? `"compatibility" is empty: say what the skill needs (products, packages, network access) or remove it`
      : length > COMPATIBILITY_MAX
        ? `"compatibility" is ${length} characters, over the Agent Skills limit of ${COMPATIBILITY_MAX}: shorten it`
        : undefined;
  if (message) context.report({ ruleId: "skill/compatibility-length", message, file: frontmatter.skill.path, at: { doc: frontmatter.doc, path: ["compatibility"] } });
}

// ---------------------------------------------------------------------------------------------
// YAML portability (strictyaml, used by skills-ref)

interface PortabilityFinding {
  offset: number;
  length: number;
  message: string;
}

function checkPortability(frontmatter: Frontmatter, context: RuleContext): void {
  const { doc, skill } = frontmatter;
  const findings = [...flowAndAliasFindings(doc), ...propertyFindings(doc, yamlEnd(skill, doc))].sort((a, b) => a.offset - b.offset);
  for (const finding of findings) {
    context.report({
      ruleId: "skill/yaml-portability",
      message: finding.message,
      file: skill.path,
      at: { lines: doc.lines, offset: finding.offset, length: finding.length },
    });
  }
}

/** Flow collections (outermost only: one rewrite fixes the nested ones) and aliases. */
function flowAndAliasFindings(doc: YamlDocument): PortabilityFinding[] {
  const issues = portabilityIssues(doc);
  const flows = issues.filter((issue) => issue.construct === "flow");
  const nested = (offset: number) => flows.some((outer) => outer.offset < offset && offset < outer.offset + outer.length);
  const findings: PortabilityFinding[] = [];
  for (const issue of issues) {
    const text = doc.text.slice(issue.offset, issue.offset + issue.length);
    if (issue.construct === "flow" && !nested(issue.offset)) {
      const kind = text.startsWith("[") ? "list" : "mapping";
      findings.push({
        offset: issue.offset,
        length: issue.length,
        message: `flow-style ${kind} ${JSON.stringify(abbreviate(text))}: skills-ref's strict YAML parser rejects it; write it in block style, one ${kind === "list" ? '"- item"' : '"key: value"'} per line`,
      });
    } else if (issue.construct === "alias") {
      findings.push({ offset: issue.offset, length: issue.length, message: `YAML alias "${text}": skills-ref's strict YAML parser rejects aliases; write the value out` });
    }
  }
  return findings;
}

/**
 * Anchors (`&a`) and explicit tags (`!!str`, `!x`), each at the text that writes it. The YAML nodes place both at
 * the value, so they are read here from the YAML text with every scalar blanked out and comments skipped: what
 * remains is only indicators and node properties.
 */
function propertyFindings(doc: YamlDocument, end: number): PortabilityFinding[] {
  const start = doc.offset;
  const masked = blankRanges(doc.text.slice(start, end), leafRanges(doc.doc.contents));
  const findings: PortabilityFinding[] = [];
  const boundary = /[\s,[\]{}]/;
  for (let i = 0; i < masked.length; i++) {
    const char = masked[i]!;
    if (i > 0 && !boundary.test(masked[i - 1]!)) continue;
    if (char === "#") {
      const lineEnd = masked.indexOf("\n", i);
      i = lineEnd === -1 ? masked.length : lineEnd;
    } else if (char === "&" || char === "!") {
      const tokenEnd = propertyEnd(masked, i);
      const token = masked.slice(i, tokenEnd);
      findings.push({
        offset: start + i,
        length: token.length,
        message:
          char === "&"
            ? `YAML anchor "${token}": skills-ref's strict YAML parser rejects anchors; write the value out`
            : `explicit YAML tag "${token}": skills-ref's strict YAML parser rejects tags; remove it (quote the value if it must stay text)`,
      });
      i = tokenEnd - 1;
    }
  }
  return findings;
}

function propertyEnd(text: string, start: number): number {
  if (text.startsWith("!<", start)) {
    const close = text.indexOf(">", start);
    return close === -1 ? text.length : close + 1;
  }
  let end = start + 1;
  while (end < text.length && !/[\s,[\]{}]/.test(text[end]!)) end++;
  return end;
}

/** Where the frontmatter's YAML ends in the file (the closing `---` line). */
function yamlEnd(skill: SkillFile, doc: YamlDocument): number {
  const split = splitFrontmatter(skill.text);
  return split.ok ? split.split.yamlEnd : doc.text.length;
}

/** The source ranges of scalars and aliases (relative to the YAML), which may contain any character. */
function leafRanges(root: unknown): [number, number][] {
  const ranges: [number, number][] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        visit(pair.key);
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    } else if (isRecord(node) && "key" in node && "value" in node && !("range" in node)) {
      // A pair inside a flow sequence: `[a: 1]`.
      visit(node.key);
      visit(node.value);
    } else {
      const range = isRecord(node) ? node.range : undefined;
      if (Array.isArray(range) && typeof range[0] === "number" && typeof range[1] === "number") ranges.push([range[0], range[1]]);
    }
  };
  visit(root);
  return ranges;
}

// ---------------------------------------------------------------------------------------------
// Body: links and length

interface LinkTarget {
  raw: string;
  /** Offset of the target in the SKILL.md text. */
  offset: number;
}

function checkLinks(skill: SkillFile, context: RuleContext, plugin: PluginModel | undefined): void {
  const body = skill.text.slice(skill.bodyStart);
  const prose = maskNonProse(body);
  const targets = [...inlineLinkTargets(prose), ...referenceDefinitionTargets(prose)]
    .map((target) => ({ ...target, offset: target.offset + skill.bodyStart }))
    .sort((a, b) => a.offset - b.offset);
  for (const target of targets) {
    const problem = linkProblem(target.raw, skill, plugin);
    if (problem) {
      context.report({ ruleId: "skill/link", message: problem, file: skill.path, at: { lines: skill.lines, offset: target.offset, length: target.raw.length } });
    }
  }
}

/** Why a link target is broken, or undefined when it is fine or not a local file. */
function linkProblem(raw: string, skill: SkillFile, plugin: PluginModel | undefined): string | undefined {
  const path = localPath(raw);
  if (path === undefined) return undefined;
  const root = plugin?.root ?? skill.dir;
  const scope = plugin ? "the plugin" : "the skill's folder";
  if (isAbsolute(path) || path.startsWith("~")) {
    return `link target "${raw}" is an absolute path, which will not exist where the skill is installed: link relative to the skill's folder`;
  }
  // `..` is fine in a link as long as it stays inside what is installed, so it is resolved before the root check.
  const absolute = resolve(skill.dir, path);
  if (!isInside(root, absolute)) {
    return `link target "${raw}" is outside ${scope}, which is all that gets installed: move the file into ${scope}`;
  }
  const resolution = resolvePluginPath(toPosixRelative(root, absolute) || ".", { root, from: root, requireDotSlash: false, allowRoot: true });
  if (resolution.ok) return undefined;
  if (resolution.problem === "escapes-root") return `link target "${raw}" leads outside ${scope} through a symbolic link: copy the file in instead`;
  return `link target "${raw}" does not exist: fix the path (it is relative to the skill's folder) or add the file`;
}

/** The file path a link names, or undefined for URLs, mail links and anchors within the page. */
function localPath(raw: string): string | undefined {
  const unescaped = raw.replace(/\\([!-/:-@[-`{-~])/g, "$1");
  if (/^[a-z][a-z0-9+.-]*:/i.test(unescaped) || unescaped.startsWith("//")) return undefined;
  const path = unescaped.split(/[?#]/, 1)[0] ?? "";
  if (path === "") return undefined;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The body with fenced code blocks, inline code and HTML comments blanked out, offsets unchanged. */
function maskNonProse(body: string): string {
  const withoutBlocks = blankRanges(body, [...fencedCodeRanges(body), ...htmlCommentRanges(body)]);
  return blankRanges(withoutBlocks, inlineCodeRanges(withoutBlocks));
}

function fencedCodeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let open: { char: string; length: number; start: number } | undefined;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    if (!open) {
      const match = /^[ \t]*(`{3,}|~{3,})(.*)$/.exec(line);
      // A backtick fence's info string cannot contain a backtick (that is inline code instead).
      if (match && !(match[1]!.startsWith("`") && match[2]!.includes("`"))) open = { char: match[1]![0]!, length: match[1]!.length, start: lineStart };
    } else {
      const match = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (match && match[1]![0] === open.char && match[1]!.length >= open.length) {
        ranges.push([open.start, lineEnd]);
        open = undefined;
      }
    }
    lineStart = lineEnd + 1;
  }
  // An unclosed fence runs to the end of the document.
  if (open) ranges.push([open.start, text.length]);
  return ranges;
}

function htmlCommentRanges(text: string): [number, number][] {
  return [...text.matchAll(/<!--[\s\S]*?(?:-->|$)/g)].map((match) => [match.index, match.index + match[0].length]);
}

interface BacktickRun {
  start: number;
  length: number;
  paragraph: number;
  escaped: boolean;
}

/**
 * Code spans: a run of backticks up to the next run of the same length in the same paragraph.
 * One pass over the runs, so a file full of stray backticks stays linear.
 */
function inlineCodeRanges(text: string): [number, number][] {
  const runs = backtickRuns(text);
  const nextOfSameLength = new Array<number | undefined>(runs.length);
  const lastSeen = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    nextOfSameLength[r] = lastSeen.get(runs[r]!.length);
    lastSeen.set(runs[r]!.length, r);
  }
  const ranges: [number, number][] = [];
  let consumedUntil = 0;
  runs.forEach((run, r) => {
    const closeIndex = nextOfSameLength[r];
    if (run.start < consumedUntil || run.escaped || closeIndex === undefined) return;
    const close = runs[closeIndex]!;
    if (close.paragraph !== run.paragraph) return;
    consumedUntil = close.start + close.length;
    ranges.push([run.start, consumedUntil]);
  });
  return ranges;
}

function backtickRuns(text: string): BacktickRun[] {
  const runs: BacktickRun[] = [];
  let paragraph = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\n" && startsBlankLine(text, i + 1)) paragraph++;
    if (char !== "`") continue;
    let end = i;
    while (text[end] === "`") end++;
    runs.push({ start: i, length: end - i, paragraph, escaped: isEscaped(text, i) });
    i = end - 1;
  }
  return runs;
}

/** Whether the line starting at `index` is blank: a paragraph break. */
function startsBlankLine(text: string, index: number): boolean {
  let i = index;
  while (text[i] === " " || text[i] === "\t") i++;
  return i >= text.length || text[i] === "\n" || text[i] === "\r";
}

/**
 * `[text](target "title")` and `![alt](target)`: a `]` that closes a `[` of the same paragraph, followed by `(`.
 * One forward pass with a stack of open brackets.
 */
function inlineLinkTargets(text: string): LinkTarget[] {
  const targets: LinkTarget[] = [];
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") i++;
    else if (char === "\n" && startsBlankLine(text, i + 1)) open.length = 0;
    else if (char === "[") open.push(i);
    else if (char === "]" && open.pop() !== undefined && text[i + 1] === "(") {
      const target = linkDestination(text, i + 2);
      if (target) targets.push(target);
    }
  }
  return targets;
}

/** The destination after `](`: `<...>`, or a run without spaces and with balanced parentheses, then a title or `)`. */
function linkDestination(text: string, start: number): LinkTarget | undefined {
  let i = start;
  while (text[i] === " " || text[i] === "\t") i++;
  let target: LinkTarget;
  let end: number;
  if (text[i] === "<") {
    const bracketed = /<([^<>\n]*)>/y;
    bracketed.lastIndex = i;
    const match = bracketed.exec(text);
    if (!match) return undefined;
    target = { raw: match[1]!, offset: i + 1 };
    end = bracketed.lastIndex;
  } else {
    let depth = 0;
    end = i;
    for (; end < text.length; end++) {
      const char = text[end]!;
      if (char === "\\") {
        end++;
        continue;
      }
      if (/\s/.test(char)) break;
      if (char === "(") depth++;
      else if (char === ")" && depth-- === 0) break;
    }
    target = { raw: text.slice(i, end), offset: i };
  }
  // What follows the destination must be a title or the closing parenthesis.
  const next = /[ \t]*\r?\n?[ \t]*(.)/y;
  next.lastIndex = end;
  const rest = next.exec(text);
  if (target.raw === "" || !rest || !`)"'(`.includes(rest[1]!)) return undefined;
  return target;
}

/** `[id]: target` definitions of reference-style links (footnotes `[^1]:` are not links). */
function referenceDefinitionTargets(text: string): LinkTarget[] {
  const targets: LinkTarget[] = [];
  for (const match of text.matchAll(/^[ \t]{0,3}\[((?:[^[\]\\\n]|\\.)+)\]:[ \t]*(?:\r?\n[ \t]*)?(<[^>\n]*>|\S+)/gm)) {
    if (match[1]!.startsWith("^")) continue;
    const written = match[2]!;
    const offset = match.index + match[0].length - written.length;
    const bracketed = written.startsWith("<");
    targets.push({ raw: bracketed ? written.slice(1, -1) : written, offset: bracketed ? offset + 1 : offset });
  }
  return targets;
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === "\\"; i--) backslashes++;
  return backslashes % 2 === 1;
}

function checkBodyLength(skill: SkillFile, context: RuleContext): void {
  const body = skill.text.slice(skill.bodyStart);
  const lines = body.split(/\r\n|\r|\n/);
  if (lines.at(-1) === "") lines.pop();
  if (lines.length <= BODY_LINES_MAX) return;
  const firstBodyLine = skill.lines.position(skill.bodyStart).line;
  context.report({
    ruleId: "skill/body-length",
    message: `the SKILL.md body is ${lines.length} lines, over the recommended ${BODY_LINES_MAX}: move detail into files under references/ and link to them`,
    file: skill.path,
    at: { line: firstBodyLine + BODY_LINES_MAX, column: 1 },
  });
}

// ---------------------------------------------------------------------------------------------
// agents/openai.yaml

const ICON_FIELDS = ["icon_small", "icon_large"] as const;

function checkOpenaiYaml(skill: SkillFile, file: YamlFile, context: RuleContext, plugin: PluginModel | undefined): void {
  // YAML problems are reported by the yaml/* rules.
  if (file.doc.problems.length > 0) return;
  reportSchema(context, file, "openaiYaml", { consequence: "Codex logs a warning and ignores it" });
  const value = file.doc.value;
  const ui = isRecord(value) && isRecord(value.interface) ? value.interface : undefined;
  if (!ui) return;
  for (const field of ICON_FIELDS) {
    const raw = ui[field];
    if (typeof raw !== "string") continue;
    const problem = iconProblem(raw, skill, plugin);
    if (problem) {
      context.report({ ruleId: "openai-yaml/icon", message: `"interface.${field}"${problem}`, file: file.path, at: { doc: file.doc, path: ["interface", field] } });
    }
  }
}

/**
 * Codex 0.117's icon rule (relative, under the skill's assets/, no `..`), then whether the file is there.
 * The result continues a sentence that starts with the field's name.
 */
function iconProblem(raw: string, skill: SkillFile, plugin: PluginModel | undefined): string | undefined {
  if (raw.trim() === "") return " is empty: name an image under assets/ or remove the field";
  if (isAbsolute(raw)) return ` is an absolute path ("${raw}"), which Codex ignores: use a path under the skill's assets/ folder`;
  const segments = raw.split(/[\\/]/).filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) return ` contains ".." ("${raw}"), which Codex ignores: copy the image into the skill's assets/ folder`;
  if (segments[0] !== "assets") return ` is not under assets/ ("${raw}"), so Codex ignores it: move the image into the skill's assets/ folder`;
  const resolution = resolvePluginPath(raw, { root: plugin?.root ?? skill.dir, from: skill.dir, requireDotSlash: false, expect: "file" });
  return resolution.ok ? undefined : `: ${resolution.message}, so Codex shows no icon: add the image or fix the path`;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Whitespace collapsed the way Codex does before measuring (`split_whitespace().join(" ")`). */
function collapseWhitespace(text: string): string {
  return text.split(/\s+/).filter(Boolean).join(" ");
}

/** Characters as Rust's `chars().count()` counts them: code points. */
function characterCount(text: string): number {
  return [...text].length;
}

function abbreviate(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > 40 ? `${line.slice(0, 37)}...` : line;
}

/** Replaces the given ranges with spaces, keeping line breaks so offsets and lines stay put. */
function blankRanges(text: string, ranges: readonly [number, number][]): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let out = "";
  let cursor = 0;
  for (const [start, end] of sorted) {
    const from = Math.max(start, cursor);
    if (end <= from) continue;
    out += text.slice(cursor, from) + text.slice(from, end).replace(/[^\r\n]/g, " ");
    cursor = end;
  }
  return out + text.slice(cursor);
}
