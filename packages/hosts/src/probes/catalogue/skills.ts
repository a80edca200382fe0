import type { HostId } from "@agent-plugin/core";
import {
  BOTH,
  CODEX,
  cleanSkill,
  cr,
  crlf,
  invalidUtf8,
  nameOfLength,
  plugin,
  skillMd,
  textOfLength,
  utf16le,
  withBom,
} from "../build.js";
import type { Dimension, Probe, ProbeFiles } from "../types.js";

const PROBED = "probed";
const CLEAN = cleanSkill(PROBED);

/** A clean plugin with its control skill and one probed skill at `skills/probed/SKILL.md` (or other files). */
function skillProbe(
  what: string,
  dimension: Dimension,
  description: string,
  files: ProbeFiles | ((name: string) => ProbeFiles),
  options: { hosts?: readonly HostId[]; plugin?: string; outside?: Record<string, string> } = {},
): Probe {
  return {
    id: `skill-md/${dimension}/${what}`,
    description,
    kind: "skill-md",
    dimension,
    hosts: options.hosts ?? BOTH,
    ...(options.plugin === undefined ? {} : { plugin: options.plugin }),
    ...(options.outside === undefined ? {} : { outside: options.outside }),
    files: (_host, name) => plugin(name, { files: typeof files === "function" ? files(name) : files }),
  };
}

/** The probed skill's SKILL.md as given. */
const at = (content: string | Uint8Array): ProbeFiles => ({ [`skills/${PROBED}/SKILL.md`]: content });
/** The probed skill with these frontmatter lines. */
const frontmatter = (...lines: string[]) => at(skillMd(lines));
const describedAs = (description: string) => frontmatter(`name: ${PROBED}`, `description: ${description}`);
const namedAs = (name: string) => frontmatter(`name: ${name}`, "description: Use when the probe needs it.");

const encoding: Probe[] = [
  skillProbe("clean", "baseline", "A clean second skill", at(CLEAN)),
  skillProbe("bom", "encoding", "A UTF-8 byte order mark before the opening ---", at(withBom(CLEAN))),
  skillProbe("utf16le", "encoding", "Saved as UTF-16 LE with a byte order mark", at(utf16le(CLEAN))),
  skillProbe(
    "invalid-utf8-description",
    "encoding",
    "An invalid UTF-8 byte inside the description",
    at(invalidUtf8(CLEAN.replace("Use when", "Use @@when"), "@@")),
  ),
  skillProbe(
    "invalid-utf8-body",
    "encoding",
    "An invalid UTF-8 byte in the body",
    at(invalidUtf8(`${CLEAN}Caf@@ menu.\n`, "@@")),
  ),
  skillProbe(
    "non-ascii-description",
    "encoding",
    "A description with accents, CJK and an emoji",
    describedAs("Prépare le café — 日本語 ☕ for the probe."),
  ),
];

const lineEndings: Probe[] = [
  skillProbe("crlf", "line-endings", "CRLF line endings", at(crlf(CLEAN))),
  skillProbe("cr", "line-endings", "Classic Mac CR line endings", at(cr(CLEAN))),
  skillProbe(
    "mixed",
    "line-endings",
    "CRLF in the frontmatter, LF in the body",
    at(`${crlf(CLEAN.split("\n\n")[0]!)}\n\nBody.\n`),
  ),
];

const delimiters: Probe[] = [
  skillProbe(
    "no-frontmatter",
    "frontmatter",
    "No frontmatter at all",
    at("# Probed\n\nUse when the probe needs it.\n"),
  ),
  skillProbe(
    "missing-closing",
    "frontmatter",
    "The closing --- is missing",
    at(`---\nname: ${PROBED}\ndescription: Use when the probe needs it.\n\nBody.\n`),
  ),
  skillProbe(
    "opening-trailing-spaces",
    "frontmatter",
    "The opening --- has trailing spaces",
    at(CLEAN.replace(/^---\n/, "---   \n")),
  ),
  skillProbe(
    "closing-trailing-spaces",
    "frontmatter",
    "The closing --- has trailing spaces",
    at(CLEAN.replace("\n---\n", "\n---  \n")),
  ),
  skillProbe("leading-blank-line", "frontmatter", "A blank line before the opening ---", at(`\n${CLEAN}`)),
  skillProbe("leading-spaces", "frontmatter", "Spaces before the opening ---", at(`  ${CLEAN}`)),
  skillProbe(
    "closing-dots",
    "frontmatter",
    "The frontmatter closes with ... (YAML's end marker)",
    at(CLEAN.replace("\n---\n", "\n...\n")),
  ),
  skillProbe("four-dashes", "frontmatter", "---- instead of --- on both lines", at(CLEAN.replace(/---/g, "----"))),
  skillProbe("empty", "frontmatter", "An empty frontmatter (--- then ---)", at("---\n---\n\nBody.\n")),
  skillProbe(
    "only-frontmatter",
    "frontmatter",
    "Frontmatter and no body",
    at(`---\nname: ${PROBED}\ndescription: Use when the probe needs it.\n---\n`),
  ),
  skillProbe(
    "not-a-mapping",
    "frontmatter",
    "The frontmatter is a YAML list",
    at("---\n- name\n- description\n---\n\nBody.\n"),
  ),
  skillProbe(
    "tab-indent",
    "yaml-syntax",
    "A tab indents a metadata key",
    frontmatter(`name: ${PROBED}`, "description: Use when needed.", "metadata:", "\tshort-description: Short"),
  ),
  skillProbe(
    "unquoted-colon",
    "yaml-syntax",
    "An unquoted `: ` inside the description",
    describedAs("Use when: the probe needs it"),
  ),
  skillProbe(
    "duplicate-key",
    "yaml-syntax",
    "`description` twice",
    frontmatter(`name: ${PROBED}`, "description: First.", "description: Second."),
  ),
  skillProbe(
    "anchor-alias",
    "yaml-syntax",
    "The description is an alias of an anchor",
    frontmatter(`name: ${PROBED}`, "base: &text Use when the probe needs it.", "description: *text"),
  ),
  skillProbe(
    "flow-mapping",
    "yaml-syntax",
    "The frontmatter as one flow mapping",
    frontmatter(`{name: ${PROBED}, description: Use when the probe needs it.}`),
  ),
  skillProbe(
    "explicit-tag",
    "yaml-syntax",
    "The description carries a !!str tag",
    frontmatter(`name: ${PROBED}`, "description: !!str Use when the probe needs it."),
  ),
];

const fileNames: Probe[] = [
  skillProbe("lowercase", "file-name", "skill.md instead of SKILL.md", { [`skills/${PROBED}/skill.md`]: CLEAN }),
  skillProbe("capitalised", "file-name", "Skill.md instead of SKILL.md", { [`skills/${PROBED}/Skill.md`]: CLEAN }),
  skillProbe("uppercase-extension", "file-name", "SKILL.MD instead of SKILL.md", {
    [`skills/${PROBED}/SKILL.MD`]: CLEAN,
  }),
  skillProbe("folder-uppercase", "file-name", "The skill folder is Probed (name: probed)", {
    "skills/Probed/SKILL.md": CLEAN,
  }),
  skillProbe("folder-space", "file-name", "The skill folder has a space (name: probed)", {
    "skills/probed skill/SKILL.md": CLEAN,
  }),
  skillProbe("hidden-folder", "file-name", "The skill folder is .probed", { "skills/.probed/SKILL.md": CLEAN }),
];

const nesting: Probe[] = [
  skillProbe("skills-root", "nesting", "SKILL.md directly in skills/", { "skills/SKILL.md": CLEAN }),
  skillProbe("two-levels", "nesting", "skills/group/probed/SKILL.md", { [`skills/group/${PROBED}/SKILL.md`]: CLEAN }),
  skillProbe("three-levels", "nesting", "skills/a/b/probed/SKILL.md", { [`skills/a/b/${PROBED}/SKILL.md`]: CLEAN }),
  skillProbe("nested-in-skill", "nesting", "A skill inside another skill's folder: skills/probed/inner/SKILL.md", {
    [`skills/${PROBED}/SKILL.md`]: CLEAN,
    [`skills/${PROBED}/inner/SKILL.md`]: cleanSkill("inner"),
  }),
  skillProbe("plugin-root", "nesting", "A SKILL.md at the plugin root", { "SKILL.md": CLEAN }),
  skillProbe(
    "many",
    "nesting",
    "Twenty skills",
    Object.fromEntries(
      Array.from({ length: 20 }, (_, index) => [
        `skills/probed-${index + 1}/SKILL.md`,
        cleanSkill(`probed-${index + 1}`),
      ]),
    ),
  ),
];

const types: Probe[] = [
  skillProbe("name-number", "yaml-types", "`name: 123`", namedAs("123")),
  skillProbe("name-boolean", "yaml-types", "`name: true`", namedAs("true")),
  skillProbe("name-yes", "yaml-types", "`name: yes` (a boolean in YAML 1.1)", namedAs("yes")),
  skillProbe("name-null", "yaml-types", "`name: ~`", namedAs("~")),
  skillProbe("name-list", "yaml-types", "`name: [probed]`", namedAs("[probed]")),
  skillProbe("name-map", "yaml-types", "`name: {x: probed}`", namedAs("{x: probed}")),
  skillProbe("description-number", "yaml-types", "`description: 42`", describedAs("42")),
  skillProbe("description-boolean", "yaml-types", "`description: false`", describedAs("false")),
  skillProbe("description-null", "yaml-types", "`description: null`", describedAs("null")),
  skillProbe(
    "description-list",
    "yaml-types",
    "`description` is a list",
    frontmatter(`name: ${PROBED}`, "description:", "  - Use when", "  - the probe needs it"),
  ),
  skillProbe(
    "description-block",
    "yaml-types",
    "`description: |` over three lines",
    frontmatter(`name: ${PROBED}`, "description: |", "  Use when the probe", "  needs it.", "  Third line."),
  ),
  skillProbe(
    "description-folded",
    "yaml-types",
    "`description: >` over three lines",
    frontmatter(`name: ${PROBED}`, "description: >", "  Use when the probe", "  needs it.", "  Third line."),
  ),
  skillProbe(
    "description-escapes",
    "yaml-types",
    "A double-quoted description with \\n and \\t escapes",
    frontmatter(`name: ${PROBED}`, 'description: "Use when\\n\\tthe probe needs it."'),
  ),
  skillProbe(
    "description-angle-brackets",
    "value",
    "A description with <tags>",
    describedAs("Use when the <probe> needs it."),
  ),
  skillProbe(
    "description-empty",
    "missing-field",
    '`description: ""`',
    frontmatter(`name: ${PROBED}`, 'description: ""'),
  ),
  skillProbe("no-description", "missing-field", "No `description`", frontmatter(`name: ${PROBED}`)),
  skillProbe(
    "no-name",
    "missing-field",
    "No `name` (the folder is probed)",
    frontmatter("description: Use when the probe needs it."),
  ),
  skillProbe(
    "name-empty",
    "missing-field",
    '`name: ""`',
    frontmatter('name: ""', "description: Use when the probe needs it."),
  ),
  skillProbe("name-differs-from-folder", "value", "`name: other-name` in the folder probed", namedAs("other-name")),
  skillProbe("name-uppercase", "value", "`name: Probed-Skill`", namedAs("Probed-Skill")),
  skillProbe("name-spaces", "value", "`name: probed skill`", namedAs("probed skill")),
  skillProbe("name-underscore", "value", "`name: probed_skill`", namedAs("probed_skill")),
  skillProbe("name-colon", "value", '`name: "probed:skill"`', namedAs('"probed:skill"')),
  skillProbe("name-unicode", "value", "`name: prøbed`", namedAs("prøbed")),
  skillProbe("name-duplicate", "value", "Two skill folders whose SKILL.md both say `name: probed`", {
    [`skills/${PROBED}/SKILL.md`]: CLEAN,
    "skills/probed-copy/SKILL.md": CLEAN,
  }),
];

/** Lengths: the plugin name is 7 characters (`p` + 6 hex), so `<plugin>:` is 8 of the namespaced 64. */
const lengths: Probe[] = [
  skillProbe("name-64", "length", "A 64-character skill name", namedAs(nameOfLength(64))),
  skillProbe("name-65", "length", "A 65-character skill name", namedAs(nameOfLength(65))),
  skillProbe(
    "namespaced-64",
    "length",
    "`<plugin>:<skill>` is exactly 64 characters (skill name 56)",
    namedAs(nameOfLength(56)),
  ),
  skillProbe(
    "namespaced-65",
    "length",
    "`<plugin>:<skill>` is 65 characters (skill name 57)",
    namedAs(nameOfLength(57)),
  ),
  skillProbe(
    "curated-long-namespace",
    "length",
    "Curated-marketplace style: plugin build-web-data-visualization, skill name of 40 characters (69 namespaced)",
    namedAs(nameOfLength(40, "interactive-chart-")),
    { plugin: "build-web-data-visualization" },
  ),
  skillProbe("description-1024", "length", "A 1024-character description", describedAs(textOfLength(1024))),
  skillProbe("description-1025", "length", "A 1025-character description", describedAs(textOfLength(1025))),
  skillProbe("description-1536", "length", "A 1536-character description", describedAs(textOfLength(1536))),
  skillProbe("description-1537", "length", "A 1537-character description", describedAs(textOfLength(1537))),
  skillProbe("description-5000", "length", "A 5000-character description", describedAs(textOfLength(5000))),
  skillProbe(
    "description-when-to-use-1600",
    "length",
    "A 1000-character description and a 600-character when_to_use",
    frontmatter(`name: ${PROBED}`, `description: ${textOfLength(1000)}`, `when_to_use: ${textOfLength(600)}`),
  ),
  skillProbe(
    "body-600-lines",
    "length",
    "A 600-line body",
    at(skillMd([`name: ${PROBED}`, "description: Use when the probe needs it."], "Step.\n".repeat(600))),
  ),
  skillProbe(
    "compatibility-501",
    "length",
    "A 501-character `compatibility`",
    frontmatter(`name: ${PROBED}`, "description: Use when the probe needs it.", `compatibility: ${textOfLength(501)}`),
  ),
];

const keys: Probe[] = [
  skillProbe(
    "spec-keys",
    "unknown-field",
    "Every Agent Skills key: license, compatibility, metadata, allowed-tools",
    frontmatter(
      `name: ${PROBED}`,
      "description: Use when the probe needs it.",
      "license: MIT",
      "compatibility: Any agent",
      "metadata:",
      "  author: probe",
      "allowed-tools: Read Grep",
    ),
  ),
  skillProbe(
    "unknown-key",
    "unknown-field",
    "An unknown frontmatter key",
    frontmatter(`name: ${PROBED}`, "description: Use when the probe needs it.", "colour: blue"),
  ),
  skillProbe(
    "claude-keys",
    "unknown-field",
    "Claude Code keys: when_to_use, argument-hint, disable-model-invocation, model",
    frontmatter(
      `name: ${PROBED}`,
      "description: Use when the probe needs it.",
      "when_to_use: When probing.",
      "argument-hint: <target>",
      "disable-model-invocation: true",
      "model: sonnet",
    ),
  ),
  skillProbe(
    "allowed-tools-list",
    "yaml-types",
    "`allowed-tools` as a YAML list",
    frontmatter(
      `name: ${PROBED}`,
      "description: Use when the probe needs it.",
      "allowed-tools:",
      "  - Read",
      "  - Grep",
    ),
  ),
  skillProbe(
    "metadata-number",
    "yaml-types",
    "`metadata` with a number value",
    frontmatter(`name: ${PROBED}`, "description: Use when the probe needs it.", "metadata:", "  version: 2"),
  ),
  skillProbe(
    "metadata-string",
    "yaml-types",
    "`metadata` is a string",
    frontmatter(`name: ${PROBED}`, "description: Use when the probe needs it.", "metadata: probe"),
  ),
  skillProbe(
    "short-description",
    "value",
    "`metadata.short-description` (Codex's legacy short description)",
    frontmatter(
      `name: ${PROBED}`,
      "description: Use when the probe needs it.",
      "metadata:",
      "  short-description: Probe short",
    ),
    { hosts: CODEX },
  ),
];

const links: Probe[] = [
  skillProbe("file-link-inside", "symlink", "SKILL.md is a link to a file elsewhere in the plugin", {
    [`skills/${PROBED}/SKILL.md`]: { symlink: "../../docs/probed.md" },
    "docs/probed.md": CLEAN,
  }),
  skillProbe("folder-link-inside", "symlink", "skills/probed is a link to a folder elsewhere in the plugin", {
    [`skills/${PROBED}`]: { symlink: "../library/probed" },
    "library/probed/SKILL.md": CLEAN,
  }),
  skillProbe(
    "file-link-outside",
    "symlink",
    "SKILL.md is a link to a file outside the plugin",
    {
      [`skills/${PROBED}/SKILL.md`]: { symlink: "<outside>/probed.md" },
    },
    { outside: { "probed.md": CLEAN } },
  ),
  skillProbe(
    "folder-link-outside",
    "symlink",
    "skills/probed is a link to a folder outside the plugin",
    {
      [`skills/${PROBED}`]: { symlink: "<outside>/probed" },
    },
    { outside: { "probed/SKILL.md": CLEAN } },
  ),
  skillProbe("dangling-link", "symlink", "SKILL.md is a link to nothing", {
    [`skills/${PROBED}/SKILL.md`]: { symlink: "missing.md" },
  }),
];

export const skillProbes: Probe[] = [
  ...encoding,
  ...lineEndings,
  ...delimiters,
  ...fileNames,
  ...nesting,
  ...types,
  ...lengths,
  ...keys,
  ...links,
];
