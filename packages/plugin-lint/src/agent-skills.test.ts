/**
 * The Agent Skills rules for the standard's target, case by case: each SKILL.md (or skill folder) sits in a minimal
 * portable plugin, and the verdict is whether a client of the standard loads the skill, with the rule that says why
 * when it does not. The ground is the one the Agent Skills reference validator's own tests cover (frontmatter,
 * name, folder, description, compatibility, allowed keys, Unicode names), plus where the Agent Plugins discovery
 * rules decide differently (see docs/agent-plugins.md, "Compared with skills-ref").
 */
import { realpathSync } from "node:fs";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { manifest } from "./conformance/agent-plugins-cases.js";
import { lint } from "./lint.js";

/** Frontmatter lines, then a short body. */
const skillText = (...lines: string[]) => ["---", ...lines, "---", "", "Do the thing.", ""].join("\n");
const described = (name: string, ...more: string[]) =>
  skillText(`name: ${name}`, "description: Summarises notes. Use when asked for a summary.", ...more);

interface SkillCase {
  title: string;
  /** Files under skills/, by path. */
  files: Record<string, string>;
  /** The skill loads (its errors, if any, are listed in `rules`). */
  loads: boolean;
  /** The error rules reported on the skill; a loaded skill has none. */
  rules?: string[];
}

const cases: SkillCase[] = [
  { title: "the smallest valid skill", files: { "notes/SKILL.md": described("notes") }, loads: true },
  {
    title: "every optional key the spec allows",
    files: {
      "notes/SKILL.md": described(
        "notes",
        "license: Apache-2.0",
        "compatibility: Needs git and network access",
        "allowed-tools: Bash(git:*) Read",
        "metadata:",
        "  owner: docs-team",
        '  revision: "3"',
      ),
    },
    loads: true,
  },
  {
    title: "no frontmatter at all",
    files: { "notes/SKILL.md": "# Notes\n\nJust text.\n" },
    loads: false,
    rules: ["skill/frontmatter"],
  },
  {
    title: "frontmatter that is never closed",
    files: { "notes/SKILL.md": "---\nname: notes\ndescription: Summarises notes.\n" },
    loads: false,
    rules: ["skill/frontmatter"],
  },
  {
    title: "frontmatter that is not YAML",
    files: { "notes/SKILL.md": skillText("name: [notes", "description: Summarises notes.") },
    loads: false,
    rules: ["yaml/syntax"],
  },
  {
    title: "frontmatter that is a list, not a mapping",
    files: { "notes/SKILL.md": skillText("- name", "- description") },
    loads: false,
    rules: ["skill/frontmatter"],
  },
  {
    title: "no name",
    files: { "notes/SKILL.md": skillText("description: Summarises notes.") },
    loads: false,
    rules: ["skill/name"],
  },
  {
    title: "no description",
    files: { "notes/SKILL.md": skillText("name: notes") },
    loads: false,
    rules: ["skill/description"],
  },
  { title: "an uppercase name", files: { "Notes/SKILL.md": described("Notes") }, loads: false, rules: ["skill/name"] },
  {
    title: "a name of 65 characters",
    files: { [`${"n".repeat(65)}/SKILL.md`]: described("n".repeat(65)) },
    loads: false,
    rules: ["skill/name-length"],
  },
  {
    title: "a name of exactly 64 characters",
    files: { [`${"n".repeat(64)}/SKILL.md`]: described("n".repeat(64)) },
    loads: true,
  },
  {
    title: "a name starting with a hyphen",
    files: { "-notes/SKILL.md": described("-notes") },
    loads: false,
    rules: ["skill/name"],
  },
  {
    title: "a name ending with a hyphen",
    files: { "notes-/SKILL.md": described("notes-") },
    loads: false,
    rules: ["skill/name"],
  },
  {
    title: "two hyphens in a row",
    files: { "my--notes/SKILL.md": described("my--notes") },
    loads: false,
    rules: ["skill/name"],
  },
  {
    title: "an underscore",
    files: { "my_notes/SKILL.md": described("my_notes") },
    loads: false,
    rules: ["skill/name"],
  },
  {
    title: "a name that is not its folder's",
    files: { "summaries/SKILL.md": described("notes") },
    loads: false,
    rules: ["skill/name-folder"],
  },
  {
    title: "a key the spec does not define",
    files: { "notes/SKILL.md": described("notes", "owner: docs-team") },
    loads: false,
    rules: ["skill/unknown-key"],
  },
  { title: "a Han-script name", files: { "笔记/SKILL.md": described("笔记") }, loads: true },
  {
    title: "a lowercase Cyrillic name with a hyphen",
    files: { "мои-заметки/SKILL.md": described("мои-заметки") },
    loads: true,
  },
  {
    title: "an uppercase Cyrillic name",
    files: { "ЗАМЕТКИ/SKILL.md": described("ЗАМЕТКИ") },
    loads: false,
    rules: ["skill/name"],
  },
  {
    // NFKC composes "e" + U+0301 into "é": the name written decomposed matches a folder written composed.
    title: "a decomposed name in a composed folder",
    files: { "résumé/SKILL.md": described("re\u0301sume\u0301") },
    loads: true,
  },
  {
    title: "a description of 1025 characters",
    files: { "notes/SKILL.md": skillText("name: notes", `description: ${"d".repeat(1025)}`) },
    loads: false,
    rules: ["skill/description-length"],
  },
  {
    title: "a description of exactly 1024 characters",
    files: { "notes/SKILL.md": skillText("name: notes", `description: ${"d".repeat(1024)}`) },
    loads: true,
  },
  {
    title: "a compatibility of 501 characters",
    files: { "notes/SKILL.md": described("notes", `compatibility: ${"c".repeat(501)}`) },
    loads: false,
    rules: ["skill/compatibility-length"],
  },
  {
    title: "a compatibility of exactly 500 characters",
    files: { "notes/SKILL.md": described("notes", `compatibility: ${"c".repeat(500)}`) },
    loads: true,
  },
  {
    // The spec's metadata is strings; YAML reads an unquoted 2.0 as a number (skills-ref reads every scalar as text).
    title: "a metadata value YAML reads as a number",
    files: { "notes/SKILL.md": described("notes", "metadata:", "  revision: 2.0") },
    loads: false,
    rules: ["skill/schema"],
  },
  {
    // Agent Plugins §7.1 discovers only a file named exactly SKILL.md (skills-ref also accepts skill.md).
    title: "a lowercase skill.md",
    files: { "notes/skill.md": described("notes") },
    loads: false,
    rules: ["agent-plugins/skill-location"],
  },
];

async function lintSkills(files: Record<string, string>) {
  const dir = realpathSync(tempDir());
  writeTree(dir, {
    "demo/plugin.json": manifest(),
    ...Object.fromEntries(Object.entries(files).map(([path, text]) => [`demo/skills/${path}`, text])),
  });
  const report = await lint({
    paths: ["demo"],
    cwd: dir,
    target: "agent-plugins",
    config: { rules: {}, ignores: [], baseDir: dir },
  });
  return { report, skills: report.plugins![0]!.targets[0]!.skills };
}

describe("Agent Skills, as a client of the standard loads them", () => {
  it.for(cases.map((c) => [c.title, c] as const))("%s", async ([, testCase]) => {
    const { report, skills } = await lintSkills(testCase.files);
    const errors = [...new Set(report.diagnostics.filter((d) => d.severity === "error").map((d) => d.ruleId))];
    expect(errors).toEqual(testCase.rules ?? []);
    // A skill the standard does not even discover is not in the table; every discovered one loads or not as expected.
    if (testCase.rules?.includes("agent-plugins/skill-location")) expect(skills).toEqual([]);
    else expect(skills.map((skill) => skill.loaded)).toEqual([testCase.loads]);
  });

  it("a folder under skills/ without SKILL.md is no skill: nothing is discovered, nothing is reported", async () => {
    const { report, skills } = await lintSkills({ "drafts/notes.md": "# Drafts\n" });
    expect(skills).toEqual([]);
    expect(report.diagnostics).toEqual([]);
  });

  it("one bad skill is skipped alone; the others load", async () => {
    const { skills } = await lintSkills({ "notes/SKILL.md": described("notes"), "Bad/SKILL.md": described("Bad") });
    expect(skills.map((skill) => [skill.name, skill.loaded]).sort()).toEqual([
      ["Bad", false],
      ["notes", true],
    ]);
  });
});
