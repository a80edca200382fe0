import { LineIndex, type MarketplaceModel, type PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";

/** Larger files are data or build output, not something a person pasted a token into. */
const MAX_SCANNED_BYTES = 1024 * 1024;

const ADVICE = "remove it from the plugin and rotate it; reference an environment variable instead";

interface SecretPattern {
  kind: string;
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
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g,
    // A bare header is documentation; a leaked key has base64 lines after it.
    confirm: (text, match) =>
      /^[A-Za-z0-9+/=]{32,}\s*$/m.test(
        text.slice(match.index! + match[0].length, match.index! + match[0].length + 600),
      ),
    preview: false,
  },
  { kind: "an AWS access key id", pattern: new RegExp(`${START}(?:AKIA|ASIA)[A-Z0-9]{16}${END}`, "g") },
  {
    kind: "an AWS secret access key",
    // The key is the `secret` group: a lookbehind for the assignment cost ten times more on large files.
    pattern: /aws_secret_access_key["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    preview: false,
  },
  { kind: "a GitHub token", pattern: new RegExp(`${START}gh[pousr]_[A-Za-z0-9]{36}${END}`, "g") },
  { kind: "a GitHub fine-grained token", pattern: new RegExp(`${START}github_pat_[A-Za-z0-9_]{82}${END}`, "g") },
  { kind: "a GitLab token", pattern: new RegExp(`${START}glpat-[A-Za-z0-9_-]{20,}`, "g") },
  // Slack tokens carry numeric workspace and user ids: "xoxb-your-token" placeholders do not.
  { kind: "a Slack token", pattern: new RegExp(`${START}xox[abprs]-\\d+-[A-Za-z0-9-]{10,}`, "g") },
  { kind: "a Stripe live key", pattern: new RegExp(`${START}[rs]k_live_[A-Za-z0-9]{20,}`, "g") },
  { kind: "an Anthropic API key", pattern: new RegExp(`${START}sk-ant-[A-Za-z0-9_-]{20,}`, "g") },
  {
    kind: "an OpenAI API key",
    pattern: new RegExp(`${START}sk-(?!ant-)[A-Za-z0-9_-]{48,}${END}`, "g"),
    // Long kebab-case words also start with "sk-"; keys mix cases and digits.
    confirm: (_text, match) => /[0-9]/.test(match[0]) && /[A-Z]/.test(match[0]) && /[a-z]/.test(match[0].slice(3)),
  },
  { kind: "a Google API key", pattern: new RegExp(`${START}AIza[A-Za-z0-9_-]{35}${END}`, "g") },
  { kind: "an npm token", pattern: new RegExp(`${START}npm_[A-Za-z0-9]{36}${END}`, "g") },
  {
    kind: "a JSON Web Token",
    pattern: new RegExp(`${START}eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{20,}`, "g"),
    preview: false,
  },
];

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
  for (const secret of SECRET_PATTERNS) {
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

function reportSecrets(context: RuleContext, file: string, text: string, lines?: LineIndex): void {
  const findings = findSecrets(text);
  if (findings.length === 0) return;
  const index = lines ?? new LineIndex(text);
  for (const finding of findings) {
    const shown = finding.preview ? ` ("${finding.preview}…")` : "";
    context.report({
      ruleId: "file/secret",
      // The message never carries the whole secret: it ends up in CI logs and reports.
      message: `${finding.kind}${shown} is committed in this file: ${ADVICE}`,
      file,
      at: { lines: index, offset: finding.offset, length: finding.length },
    });
  }
}

/** Every file of the plugin that is small enough to be text a person wrote. */
export function scanPluginSecrets(plugin: PluginModel, context: RuleContext): void {
  for (const file of plugin.files.files) {
    if (file.size > MAX_SCANNED_BYTES) continue;
    // Binary and undecodable files fail to read as text and are skipped; the file rules judge them.
    const read = plugin.readText(file.absolute);
    if (read.ok) reportSecrets(context, file.absolute, read.text);
  }
}

/** The marketplace file, which is public wherever the marketplace is. */
export function scanMarketplaceSecrets(marketplace: MarketplaceModel, context: RuleContext): void {
  if (marketplace.file)
    reportSecrets(context, marketplace.file.path, marketplace.file.doc.text, marketplace.file.doc.lines);
}
