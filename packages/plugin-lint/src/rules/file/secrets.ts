import {
  gitFileStates,
  LineIndex,
  type MarketplaceModel,
  packExcluder,
  toPosixRelative,
  type PluginModel,
} from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";

/** Larger files are data or build output, not something a person pasted a token into. */
const MAX_SCANNED_BYTES = 1024 * 1024;

const ADVICE = "remove it from the plugin and rotate it; reference an environment variable instead";
/** For a secret nothing has published yet: no rotation needed, only keeping it out. */
const ADVICE_UNPUBLISHED =
  "remove it and reference an environment variable instead, or keep the file out of git and the archive (.gitignore, .pluginignore)";

/**
 * Where a file with a secret would go: git's view of it (undefined outside a repository) and whether plugin-pack
 * packs it (undefined for a file that is not plugin content, like the marketplace file).
 */
interface Exposure {
  git: "tracked" | "untracked" | "ignored" | undefined;
  packed: boolean | undefined;
}

/** What is true of the file, said in the message: git holds it, would take it, or ignores it; plugin-pack packs it or not. */
function whereItGoes({ git, packed }: Exposure): { where: string; advice: string } {
  const pack =
    packed === undefined ? "" : packed ? " and plugin-pack packs" : " (plugin-pack leaves it out of archives)";
  if (git === "tracked") return { where: `is in this file, which git tracks${pack}`, advice: ADVICE };
  if (git === "ignored")
    return { where: "is in this file, which git ignores but plugin-pack packs", advice: ADVICE_UNPUBLISHED };
  const gitSays = git === "untracked" ? "which git does not ignore" : "which is in no git repository";
  return { where: `is in this file, ${gitSays}${pack}`, advice: ADVICE_UNPUBLISHED };
}

interface SecretPattern {
  kind: string;
  /**
   * Literal text every match contains, any one of them: a text with none of these is not searched with the pattern.
   * A plain substring search is many times faster than a pattern that starts with a lookbehind.
   */
  needles: readonly string[];
  /** The needles are found in any case, as the pattern is. */
  ignoreCase?: boolean;
  /** Global, so every occurrence in a file is found. With a `secret` group (and the `d` flag), only that group is the secret. */
  pattern: RegExp;
  /** Extra check on the match, to keep documentation and placeholders quiet. */
  confirm?: (text: string, match: RegExpMatchArray) => boolean;
  /** Whether the message may show the first characters (never for key material). */
  preview?: boolean;
}

// Token characters on either side mean the match is part of a longer word, not a token.
const START = "(?<![A-Za-z0-9_-])";
const END = "(?![A-Za-z0-9_-])";

const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    kind: "a private key",
    needles: ["-----BEGIN "],
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g,
    // A bare header is documentation; a leaked key has base64 lines after it.
    confirm: (text, match) =>
      /^[A-Za-z0-9+/=]{32,}\s*$/m.test(
        text.slice(match.index! + match[0].length, match.index! + match[0].length + 600),
      ),
    preview: false,
  },
  {
    kind: "an AWS access key id",
    needles: ["AKIA", "ASIA"],
    pattern: new RegExp(`${START}(?:AKIA|ASIA)[A-Z0-9]{16}${END}`, "g"),
  },
  {
    kind: "an AWS secret access key",
    needles: ["aws_secret_access_key"],
    ignoreCase: true,
    // The key is the `secret` group: a lookbehind for the assignment cost ten times more on large files.
    pattern: /aws_secret_access_key["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    preview: false,
  },
  {
    kind: "a GitHub token",
    needles: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
    pattern: new RegExp(`${START}gh[pousr]_[A-Za-z0-9]{36}${END}`, "g"),
  },
  {
    kind: "a GitHub fine-grained token",
    needles: ["github_pat_"],
    pattern: new RegExp(`${START}github_pat_[A-Za-z0-9_]{82}${END}`, "g"),
  },
  { kind: "a GitLab token", needles: ["glpat-"], pattern: new RegExp(`${START}glpat-[A-Za-z0-9_-]{20,}`, "g") },
  // Slack tokens carry numeric workspace and user ids: "xoxb-your-token" placeholders do not.
  { kind: "a Slack token", needles: ["xox"], pattern: new RegExp(`${START}xox[abprs]-\\d+-[A-Za-z0-9-]{10,}`, "g") },
  { kind: "a Stripe live key", needles: ["k_live_"], pattern: new RegExp(`${START}[rs]k_live_[A-Za-z0-9]{20,}`, "g") },
  { kind: "an Anthropic API key", needles: ["sk-ant-"], pattern: new RegExp(`${START}sk-ant-[A-Za-z0-9_-]{20,}`, "g") },
  {
    kind: "an OpenAI API key",
    needles: ["sk-"],
    pattern: new RegExp(`${START}sk-(?!ant-)[A-Za-z0-9_-]{48,}${END}`, "g"),
    // Long kebab-case words also start with "sk-"; keys mix cases and digits.
    confirm: (_text, match) => /[0-9]/.test(match[0]) && /[A-Z]/.test(match[0]) && /[a-z]/.test(match[0].slice(3)),
  },
  { kind: "a Google API key", needles: ["AIza"], pattern: new RegExp(`${START}AIza[A-Za-z0-9_-]{35}${END}`, "g") },
  { kind: "an npm token", needles: ["npm_"], pattern: new RegExp(`${START}npm_[A-Za-z0-9]{36}${END}`, "g") },
  {
    kind: "a JSON Web Token",
    needles: ["eyJ"],
    pattern: new RegExp(`${START}eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{20,}`, "g"),
    preview: false,
  },
];

/**
 * Whether a text holds any pattern's needle, in one search: nearly every file holds none, and one pass of a pattern
 * over the text costs a fraction of a substring search per needle.
 */
const ANY_NEEDLE = new RegExp(
  SECRET_PATTERNS.flatMap(({ needles, ignoreCase }) => needles.map((needle) => literal(needle, ignoreCase))).join("|"),
);

/** A needle as a pattern; a case-insensitive one spelled out (`[Aa]`), so the search as a whole keeps case. */
function literal(needle: string, ignoreCase = false): string {
  return [...needle]
    .map((char) => {
      const lower = char.toLowerCase();
      const upper = char.toUpperCase();
      if (ignoreCase && lower !== upper) return `[${upper}${lower}]`;
      return char.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
    })
    .join("");
}

/** Each case-insensitive pattern's needles as one search, made once instead of on every text. */
const NEEDLE_SEARCHES = new Map(
  SECRET_PATTERNS.filter((pattern) => pattern.ignoreCase).map((pattern) => [
    pattern,
    new RegExp(pattern.needles.map((needle) => literal(needle, true)).join("|")),
  ]),
);

function holdsNeedle(text: string, pattern: SecretPattern): boolean {
  const search = NEEDLE_SEARCHES.get(pattern);
  return search ? search.test(text) : pattern.needles.some((needle) => text.includes(needle));
}

/** Placeholders people write in documentation: `sk-ant-api03-xxxxxxxx...`, `xoxb-1234-your-token-here`. */
const PLACEHOLDER = /x{4,}|your|placeholder|redacted/i;

interface Finding {
  kind: string;
  offset: number;
  length: number;
  preview?: string;
}

/** The vendor prefix of a token ("ghp_", "sk-proj-", "AKIA"), so a message can name it without leaking it. */
function knownPrefix(token: string): string {
  const head = token.slice(0, 12);
  const cut = Math.max(head.lastIndexOf("_"), head.lastIndexOf("-"));
  return cut > 0 ? head.slice(0, cut + 1) : token.slice(0, 4);
}

/** Every secret in a text, in order of position. */
export function findSecrets(text: string): Finding[] {
  const findings: Finding[] = [];
  if (!ANY_NEEDLE.test(text)) return findings;
  for (const secret of SECRET_PATTERNS) {
    if (!holdsNeedle(text, secret)) continue;
    for (const match of text.matchAll(secret.pattern)) {
      const [start, end] = match.indices?.groups?.secret ?? [match.index!, match.index! + match[0].length];
      const value = text.slice(start, end);
      if (PLACEHOLDER.test(value) || (secret.confirm && !secret.confirm(text, match))) continue;
      const finding: Finding = { kind: secret.kind, offset: start, length: end - start };
      if (secret.preview !== false) finding.preview = knownPrefix(value);
      findings.push(finding);
    }
  }
  return findings.sort((a, b) => a.offset - b.offset);
}

function reportSecrets(
  context: RuleContext,
  file: string,
  text: string,
  findings: readonly Finding[],
  exposure: Exposure,
  lines?: LineIndex,
): void {
  const index = lines ?? new LineIndex(text);
  const { where, advice } = whereItGoes(exposure);
  for (const finding of findings) {
    const shown = finding.preview ? ` ("${finding.preview}…")` : "";
    context.report({
      ruleId: "file/secret",
      // The message never carries the whole secret: it ends up in CI logs and reports.
      message: `${finding.kind}${shown} ${where}: ${advice}`,
      file,
      at: { lines: index, offset: finding.offset, length: finding.length },
    });
  }
}

/** Every file of the plugin that is small enough to be text a person wrote. */
export function scanPluginSecrets(plugin: PluginModel, context: RuleContext): void {
  const found: { file: string; text: string; findings: Finding[] }[] = [];
  for (const file of plugin.files.files) {
    // Binary and undecodable files fail to read as text and are skipped; the file rules judge them. Texts are not
    // kept past the scan: most files are read by no other rule. The walk listed each one as a regular file, so a file
    // that ends within the read's first chunk is taken without an fstat; a larger one is sized by the read's own fstat,
    // and a larger file another rule read is served from memory, and skipped.
    const read = plugin.readText(file.absolute, { keep: false, maxBytes: MAX_SCANNED_BYTES });
    if (read.ok && read.size > MAX_SCANNED_BYTES) continue;
    const findings = read.ok ? findSecrets(read.text) : [];
    if (read.ok && findings.length > 0) found.push({ file: file.absolute, text: read.text, findings });
  }
  if (found.length === 0) return;
  // Asked only when a secret is found: a key that git ignores and plugin-pack never packs (a signing key kept
  // where keygen wrote it, a local .env) goes nowhere, so it is not a finding.
  const states = gitFileStates(
    plugin.root,
    found.map(({ file }) => file),
  );
  const excluded = packExcluder(plugin.root);
  for (const { file, text, findings } of found) {
    const exposure: Exposure = { git: states?.get(file), packed: !excluded(toPosixRelative(plugin.root, file)) };
    if (exposure.git === "ignored" && !exposure.packed) continue;
    reportSecrets(context, file, text, findings, exposure);
  }
}

/** The marketplace file, which is public wherever the marketplace is (unless git ignores it). */
export function scanMarketplaceSecrets(marketplace: MarketplaceModel, context: RuleContext): void {
  const file = marketplace.file;
  const findings = file ? findSecrets(file.doc.text) : [];
  if (!file || findings.length === 0) return;
  const git = gitFileStates(marketplace.root, [file.path])?.get(file.path);
  if (git !== "ignored")
    reportSecrets(context, file.path, file.doc.text, findings, { git, packed: undefined }, file.doc.lines);
}
