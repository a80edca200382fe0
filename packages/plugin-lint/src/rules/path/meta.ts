// The metadata of the path/* rules: what each one checks and why, as its docs page shows it.
import { defineRules } from "../../rule.js";

export const pathRuleMetas = defineRules([
  {
    id: "path/not-relative",
    severity: "error",
    description: "Paths in plugin files start with `./` and are relative to the plugin (or marketplace) root.",
    rationale:
      "Codex resolves every manifest path with `resolve_manifest_path`, which ignores (with only a log line) any path that does not start with `./` or that is exactly `./`. The component behind it silently disappears.",
  },
  {
    id: "path/escapes-root",
    severity: "error",
    description: "Paths stay inside the plugin root: no `..`, and no symbolic link that leads out.",
    rationale:
      "Codex rejects paths containing `..` and paths that leave the plugin root. Installs copy the plugin folder into a cache, so anything outside it is not there at run time.",
  },
  {
    id: "path/not-found",
    severity: "error",
    description: "Paths point at a file or folder that exists, of the expected kind.",
    rationale:
      "A component path that points at nothing loads nothing: the host drops the skills, servers, apps or hooks it was meant to provide. A `skills` path replaces the default `skills/` folder in Codex 0.171, so a missing one drops every skill; Codex 0.117 and Claude Code read `skills/` as well, so there it is a warning: the field adds nothing.",
  },
]);
