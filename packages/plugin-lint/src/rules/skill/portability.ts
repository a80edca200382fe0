// skill/yaml-portability: frontmatter that skills-ref's strict YAML parser (strictyaml) accepts.
import {
  isMap,
  isRecord,
  isSeq,
  portabilityIssues,
  splitFrontmatter,
  type SkillFile,
  type YamlDocument,
} from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import type { Frontmatter } from "./frontmatter.js";
import { blankRanges } from "../shared/text.js";

interface PortabilityFinding {
  offset: number;
  length: number;
  message: string;
}

export function checkPortability(frontmatter: Frontmatter, context: RuleContext): void {
  const { doc, skill } = frontmatter;
  // Plain block YAML holds none of these constructs (yaml-block.ts in core), so its nodes need not be parsed.
  if (doc.plainBlock) return;
  const findings = [...flowAndAliasFindings(doc), ...propertyFindings(doc, yamlEnd(skill, doc))].sort(
    (a, b) => a.offset - b.offset,
  );
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
  const nested = (offset: number) =>
    flows.some((outer) => outer.offset < offset && offset < outer.offset + outer.length);
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
      findings.push({
        offset: issue.offset,
        length: issue.length,
        message: `YAML alias "${text}": skills-ref's strict YAML parser rejects aliases; write the value out`,
      });
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
  // A comment, anchor or tag starts the text or follows a boundary; one regex finds each, in order.
  const property = /(?:^|(?<=[\s,[\]{}]))[#&!]/g;
  for (let match = property.exec(masked); match; match = property.exec(masked)) {
    const i = match.index;
    const char = match[0];
    if (char === "#") {
      const lineEnd = masked.indexOf("\n", i);
      if (lineEnd === -1) break;
      property.lastIndex = lineEnd;
      continue;
    }
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
    property.lastIndex = tokenEnd;
  }
  return findings;
}

function propertyEnd(text: string, start: number): number {
  if (text.startsWith("!<", start)) {
    const close = text.indexOf(">", start);
    return close === -1 ? text.length : close + 1;
  }
  const boundary = /[\s,[\]{}]/g;
  boundary.lastIndex = start + 1;
  return boundary.exec(text)?.index ?? text.length;
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
      if (Array.isArray(range) && typeof range[0] === "number" && typeof range[1] === "number")
        ranges.push([range[0], range[1]]);
    }
  };
  visit(root);
  return ranges;
}

function abbreviate(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > 40 ? `${line.slice(0, 37)}...` : line;
}
