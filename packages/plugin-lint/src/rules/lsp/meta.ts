// The metadata of the lsp/* rules: Claude Code's LSP servers (`.lsp.json`, or the manifest's `lspServers`).
import { defineRules } from "../../rule.js";

export const lspRuleMetas = defineRules([
  {
    id: "lsp/schema",
    severity: "error",
    hosts: ["claude-code"],
    description:
      'LSP server files map each server name to `{"command": "...", "extensionToLanguage": {".ext": "language"}}` with the types Claude Code reads.',
    rationale:
      "Claude Code 2.1.332 checks `.lsp.json` as a whole: one server without a `command`, with a `command` holding spaces, with an empty `extensionToLanguage` or a field of the wrong type makes it reject the file (`lsp-config-invalid`), and none of its servers starts. `claude plugin validate` lists no server from such a file.",
  },
  {
    id: "lsp/unknown-field",
    severity: "error",
    hosts: ["claude-code"],
    description: "LSP servers use only the fields Claude Code reads.",
    rationale:
      "Claude Code parses each LSP server strictly: an unknown field (a typo such as `extensions`, or a field of another editor's format) fails the whole `.lsp.json`, and none of its servers starts.",
  },
]);
