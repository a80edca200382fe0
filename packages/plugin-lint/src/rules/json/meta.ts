// The metadata of the json/* rules: what each one checks and why, as its docs page shows it.
import { defineRules } from "../../rule.js";

export const jsonRuleMetas = defineRules([
  {
    id: "json/syntax",
    severity: "error",
    description: "JSON files parse as strict JSON.",
    rationale:
      "Codex parses plugin files with serde_json: a syntax error makes it drop the whole file, and for plugin.json the whole plugin.",
  },
  {
    id: "json/duplicate-key",
    severity: "error",
    description: "No object has the same key twice.",
    rationale:
      "serde rejects a duplicated field of a known struct (the whole manifest fails), while JavaScript keeps the last one: the file means different things to different readers. A duplicate of a field the targeted release does not read (Codex 0.117 ignores `version`) is a warning: that release loads the plugin, later ones refuse it.",
  },
  {
    id: "json/bom",
    severity: "error",
    description: "JSON files do not start with a UTF-8 byte order mark.",
    rationale:
      "serde_json does not skip a BOM: the file fails to parse at line 1, column 1, although most editors show nothing wrong.",
    fixable: true,
  },
  {
    id: "json/comment",
    severity: "error",
    description: "JSON files contain no comments.",
    rationale:
      "Comments are not JSON. Codex's parser rejects the file; put notes in a README or a `description` field.",
  },
  {
    id: "json/trailing-comma",
    severity: "error",
    description: "No comma before a closing `}` or `]`.",
    rationale: "Strict JSON parsers, including Codex's, reject trailing commas and drop the file.",
    fixable: true,
  },
]);
