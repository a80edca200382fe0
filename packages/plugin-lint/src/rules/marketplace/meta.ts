// The metadata of the marketplace/* rules: what each one checks and why, as its docs page shows it.
import { defineRules } from "../../rule.js";

export const marketplaceRuleMetas = defineRules([
  {
    id: "marketplace/schema",
    severity: "error",
    description:
      "marketplace.json has the shape Codex parses: `name`, `plugins[]` with `name` and `source`, and known policy values.",
    rationale:
      "Codex 0.117 parses the whole file with serde: a missing field, a wrong JSON type or an unknown policy value in any one entry makes `load_marketplace` fail, and the whole marketplace is skipped.",
    hosts: ["codex"],
  },
  {
    id: "marketplace/unknown-field",
    severity: "warning",
    description: "marketplace.json has no fields Codex does not know.",
    rationale:
      "Codex ignores unknown fields without a word, so a misspelt `policy` or `category` silently has no effect.",
    hosts: ["codex"],
  },
  {
    id: "marketplace/name",
    severity: "error",
    description:
      "The marketplace name uses only ASCII letters, digits, `_` and `-`, is not a name Codex reserves for OpenAI, and is not a name Claude Code reserves or refuses as official-looking.",
    rationale:
      "The name is the `@marketplace` half of every plugin key, and Codex's `validate_plugin_segment` rejects any other character, so nothing in the marketplace can be installed. Codex keeps names for OpenAI's own marketplaces: 0.171 refuses to add a marketplace named `openai-curated`, `openai-api-curated`, `openai-bundled`, `openai-bundled-alpha`, `openai-primary-runtime`, `openai-curated-remote` or `workspace-directory` (and its `workspace-shared-with-me` variants) from any source but its own, and 0.117 adds `openai-curated` but installs none of its plugins; such a name is not reported in a clone of a repository of GitHub's `openai` organisation, where those marketplaces live. Claude Code 2.1.332 refuses the names it reserves for Anthropic (`claude-plugins-official`, `anthropic-plugins`, `healthcare`...) unless the marketplace is added from a GitHub repository of the `anthropics` organisation, so a reserved name is accepted in a clone of one; and it refuses names that read as an official Anthropic or Claude marketplace (`claude-marketplace`, `official-claude-tools`) from any source. Each host's names are an error for that host and a warning for the other.",
  },
  {
    id: "marketplace/duplicate-name",
    severity: "warning",
    description: "No two marketplace entries have the same name.",
    rationale:
      "A plugin is installed by `<name>@<marketplace>`, so only one of two same-named entries can ever be reached; Claude Code's validator rejects the file (`Duplicate plugin name`). Codex lists the name once (probe marketplace-json/value/duplicate-entry): an error when the same-named entries point at different plugins, since one of them can never be installed; a warning when they repeat the same plugin.",
  },
  {
    id: "marketplace/source",
    severity: "error",
    description:
      "Each entry's `source` is a form the host can use: for Codex a local `./` folder inside the marketplace root, a git `url` or (from Codex 0.171) an `npm` package, never Claude's `github` objects; `sha` is a full commit hash.",
    rationale:
      'Codex 0.117 reads only `{"source": "local", "path": "./..."}` and fails the whole marketplace on anything else, a git `url` source included; Codex 0.171 also reads `url` and `npm` sources and skips an entry of any other kind (`skipping marketplace plugin with unsupported source`); 0.117 fails the whole marketplace on an npm source too (probe marketplace-json/shape/npm-clean). Local paths must start with `./`, must not be `./` itself and must not contain `..`.',
  },
  {
    id: "marketplace/npm-package",
    severity: "error",
    description:
      "An npm source names its package the way Codex and npm accept: `@scope/name` or `name`, each part of letters, digits, `-`, `_` and `.`.",
    rationale:
      "Codex 0.171 lists an npm entry only when its `package` passes its own check (one `@scope/name` or one unscoped name; each part of ASCII letters, digits, `-`, `_`, `.`; an unscoped name not starting with `.` or `_`) and skips it otherwise (probes marketplace-json/value/npm-package-*, missing-field/npm-no-package). A name npm refuses outright (`node_modules`, `favicon.ico`) is listed but `npm pack` fails, so it never installs: an error too. Capital letters and names over 214 characters pass both, but npm accepts no new package named so: a warning, as only an old package of that name can install.",
    hosts: ["codex"],
  },
  {
    id: "marketplace/npm-version",
    severity: "error",
    description: "An npm source's `version` is a semver range (or exact version) from the registry.",
    rationale:
      'Codex 0.171 skips an entry whose `version` is empty or holds `/`, `\\` or `:` (a URL, path, git or `npm:` alias spec: probes marketplace-json/value/npm-version-url, -alias, -empty) and lists the rest, then runs `npm pack <package>@<version>`: npm reads a semver range, or else a dist-tag, and refuses anything else ("Invalid tag name": `codex plugin add` fails), so that is an error too. A dist-tag (`latest`) or no version at all installs whatever the tag points at when each user installs, a new major version included: a warning, and `plugin-pack version` can keep a range up to date.',
    hosts: ["codex"],
  },
  {
    id: "marketplace/npm-registry",
    severity: "error",
    description:
      "An npm source's `registry`, when present, is an https URL with a host and no credentials, query or fragment.",
    rationale:
      "Codex 0.171 skips an entry whose `registry` is http, not a URL, or carries credentials, a query or a fragment (probes marketplace-json/value/npm-registry-http, -credentials, -not-url). Without `registry` Codex uses the user's npm config, so a local or http registry, and credentials, belong in `.npmrc`.",
    hosts: ["codex"],
  },
  {
    id: "marketplace/npm-resolve",
    severity: "error",
    description:
      "With `--resolve`: each npm source can be fetched, has a version in its range, is the package it names, and is a plugin that lints clean.",
    rationale:
      "Codex installs an npm source by running `npm pack --ignore-scripts` with the user's npm config when someone adds the plugin: a range no published version satisfies, a package that does not exist, a package.json whose name differs from `package` (Codex refuses it), an archive over 50 MB, or a package that is no plugin all fail then, long after the marketplace was published. `plugin-lint --resolve` fetches each package the same way (into a temporary folder, scripts off, with a timeout) and lints what it fetched as the plugin it is; those findings are reported on the marketplace entry, with their own rule and severity. The examples below fetch from a folder of packages beside them, not a registry; the table of what the hosts do shows Codex listing the entries without fetching them.",
    hosts: ["codex"],
  },
  {
    id: "marketplace/plugin-missing",
    severity: "error",
    description:
      "Each local source folder holds a plugin manifest the host reads (`.codex-plugin/plugin.json` for Codex).",
    rationale:
      "Codex installs a marketplace plugin from its `.codex-plugin/plugin.json`; without it the install fails (`missing plugin manifest`). Codex 0.12x+ also accepts `.claude-plugin/plugin.json`, so that case is a warning. Codex 0.171 installs a plugin without any manifest, with one it makes up from the folder name (probe plugin/location/no-manifest), so there a missing manifest is a warning too: the plugin has no description or `interface`.",
    hosts: ["codex"],
  },
  {
    id: "marketplace/name-mismatch",
    severity: "error",
    description: "Each entry's name equals the name in its plugin's manifest.",
    rationale:
      "Codex checks at install time and refuses: `plugin manifest name `x` does not match marketplace plugin name `y``.",
    hosts: ["codex"],
  },
  {
    id: "marketplace/products",
    severity: "error",
    description: "`policy.products` is not an empty list.",
    rationale:
      "Codex allows an install only on a product the list names; an empty list names none, so Codex drops the entry from the marketplace (Codex 0.171), or fails to list a marketplace that has no other entry (Codex 0.117): probes marketplace-json/value/products-empty, products-chatgpt. Leave `products` out to allow every product.",
    hosts: ["codex"],
  },
  {
    id: "marketplace/policy",
    severity: "warning",
    description: "Each entry sets `policy.installation`, `policy.authentication` and `category`.",
    rationale:
      "Codex falls back to AVAILABLE and ON_INSTALL and to the plugin's own category, but its plugin-creator always writes all three, so a missing one is usually an oversight that changes when users are asked to sign in or where the plugin is listed.",
    hosts: ["codex"],
  },
  {
    id: "marketplace/duplicate-server",
    severity: "error",
    description: "No two plugins of a marketplace define an MCP server with the same name.",
    rationale:
      "Codex keeps the first server of a name and drops the others (`skipping duplicate plugin MCP server name`), so the second plugin loses its server. Codex drops it when a session starts with both plugins enabled, which the host harness does not observe: it reads each plugin's own server list.",
    hosts: ["codex"],
  },
  {
    id: "marketplace/strict-conflict",
    severity: "error",
    hosts: ["claude-code"],
    description:
      'A Claude Code entry with `"strict": false` is the whole manifest of its plugin: the plugin has no plugin.json that lists components, and the entry lists them only when the plugin has no plugin.json at all.',
    rationale:
      'With `"strict": false` the marketplace entry is the plugin\'s manifest. Claude Code 2.1.332 installs a plugin whose entry lists components (`commands`, `agents`, `skills`, `hooks`, `mcpServers`, `outputStyles`, `lspServers`) while the plugin also has a plugin.json, but does not load it: `claude plugin list` shows "conflicting manifests: both plugin.json and marketplace entry specify components" and `claude plugin details` finds no such plugin. When only the plugin.json lists components, it loads the plugin without them. `claude plugin validate` passes both.',
  },
  {
    id: "marketplace/location",
    severity: "error",
    description:
      "marketplace.json sits where the host reads it: `.agents/plugins/marketplace.json` for Codex, `.claude-plugin/marketplace.json` for Claude Code.",
    rationale:
      "Codex 0.117 reads a marketplace only from `<root>/.agents/plugins/marketplace.json`; a file anywhere else is never seen, so a folder whose only marketplace file is elsewhere is no marketplace at all. Codex 0.171 also reads `.claude-plugin/marketplace.json` (probe marketplace-json/location/claude-file-only), so that one alone is a warning there and an error for 0.117. A stray copy beside the file the host reads is a warning: only edits to the copy are lost.",
  },
]);
