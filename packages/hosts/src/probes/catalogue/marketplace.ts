import type { HostId } from "@agent-plugin/core";
import { marketplaceFile } from "../../batch.js";
import { BOTH, CLAUDE, CODEX, crlf, json, plugin, withBom } from "../build.js";
import type { Dimension, Probe, ProbeFiles } from "../types.js";

const MARKET = "probe-market";

/** The clean entry each host installs. */
function cleanEntry(host: HostId, name: string): Record<string, unknown> {
  if (host === "claude-code") return { name, source: `./plugins/${name}` };
  return {
    name,
    source: { source: "local", path: `./plugins/${name}` },
    policy: { installation: "AVAILABLE", authentication: "ON_INSTALL" },
    category: "Developer Tools",
  };
}

function cleanMarketplace(host: HostId, name: string): Record<string, unknown> {
  const base = { name: MARKET, plugins: [cleanEntry(host, name)] };
  return host === "claude-code" ? { ...base, owner: { name: "Probe" }, description: "Probe marketplace." } : base;
}

/** A marketplace folder with one clean plugin, whose marketplace file is `text` (from the clean object). */
function marketplaceProbe(
  what: string,
  dimension: Dimension,
  description: string,
  text: (host: HostId, name: string, clean: Record<string, unknown>) => string | Uint8Array,
  options: { hosts?: readonly HostId[]; files?: (host: HostId, name: string) => ProbeFiles } = {},
): Probe {
  return {
    id: `marketplace-json/${dimension}/${what}`,
    description,
    kind: "marketplace-json",
    dimension,
    hosts: options.hosts ?? BOTH,
    marketplace: true,
    files: (host, name) => ({
      ...prefixed(`plugins/${name}/`, plugin(name)),
      [marketplaceFile[host]]: text(host, name, cleanMarketplace(host, name)),
      ...options.files?.(host, name),
    }),
  };
}

function prefixed(prefix: string, files: ProbeFiles): ProbeFiles {
  return Object.fromEntries(Object.entries(files).map(([path, content]) => [`${prefix}${path}`, content]));
}

/** Changes the (only) entry. */
const entry =
  (change: (entry: Record<string, unknown>, host: HostId) => Record<string, unknown>) =>
  (host: HostId, _name: string, clean: Record<string, unknown>) =>
    json({ ...clean, plugins: [change((clean.plugins as Record<string, unknown>[])[0]!, host)] });
const top =
  (change: (clean: Record<string, unknown>) => Record<string, unknown>) =>
  (_host: HostId, _name: string, clean: Record<string, unknown>) =>
    json(change(clean));

/**
 * An entry whose source is an npm package (Codex only). Codex lists or drops it without fetching anything, so these
 * probes need no registry: what they show is whether the release keeps the entry.
 */
function npmSourceProbe(
  what: string,
  dimension: Dimension,
  description: string,
  source: Record<string, unknown>,
): Probe {
  return marketplaceProbe(
    `npm-${what}`,
    dimension,
    description,
    entry((clean) => ({ ...clean, source: { source: "npm", ...source } })),
    { hosts: CODEX },
  );
}

function npmSourceProbes(): Probe[] {
  const ok = { package: "@acme/ok", version: "^1.0.0" };
  return [
    npmSourceProbe("clean", "shape", 'An npm source {"package": "@acme/ok", "version": "^1.0.0"}', ok),
    npmSourceProbe("no-version", "missing-field", "An npm source without `version`", { package: "@acme/ok" }),
    npmSourceProbe("no-package", "missing-field", "An npm source without `package`", { version: "^1.0.0" }),
    npmSourceProbe("unscoped", "value", 'An unscoped package "acme-ok"', { ...ok, package: "acme-ok" }),
    npmSourceProbe("package-uppercase", "value", 'The package "@acme/OK" (capital letters)', {
      ...ok,
      package: "@acme/OK",
    }),
    npmSourceProbe("package-no-scope-slash", "value", 'The package "acme/ok" (a slash without an @scope)', {
      ...ok,
      package: "acme/ok",
    }),
    npmSourceProbe("package-scope-only", "value", 'The package "@acme" (a scope without a name)', {
      ...ok,
      package: "@acme",
    }),
    npmSourceProbe("package-leading-dot", "value", 'The package ".ok"', { ...ok, package: ".ok" }),
    npmSourceProbe("package-with-version", "value", 'The package "ok@1.0.0" (a version in the name)', {
      ...ok,
      package: "ok@1.0.0",
    }),
    npmSourceProbe("version-tag", "value", 'The version "latest" (a dist-tag)', { ...ok, version: "latest" }),
    npmSourceProbe("version-not-range", "value", 'The version "not a range!"', { ...ok, version: "not a range!" }),
    npmSourceProbe("version-empty", "value", 'The version ""', { ...ok, version: "" }),
    npmSourceProbe("version-url", "value", 'The version "https://example.com/ok.tgz"', {
      ...ok,
      version: "https://example.com/ok.tgz",
    }),
    npmSourceProbe("version-alias", "value", 'The version "npm:other@1" (an alias)', { ...ok, version: "npm:other@1" }),
    npmSourceProbe("version-number", "shape", "The version 1 (a number)", { ...ok, version: 1 }),
    npmSourceProbe("registry-https", "value", 'The registry "https://npm.example.com/"', {
      ...ok,
      registry: "https://npm.example.com/",
    }),
    npmSourceProbe("registry-http", "value", 'The registry "http://127.0.0.1:4873/"', {
      ...ok,
      registry: "http://127.0.0.1:4873/",
    }),
    npmSourceProbe("registry-credentials", "value", 'The registry "https://user:secret@npm.example.com/"', {
      ...ok,
      registry: "https://user:secret@npm.example.com/",
    }),
    npmSourceProbe("registry-not-url", "value", 'The registry "npm.example.com" (no scheme)', {
      ...ok,
      registry: "npm.example.com",
    }),
    npmSourceProbe("integrity", "unknown-field", "An npm source with `integrity`", { ...ok, integrity: "sha512-AAAA" }),
  ];
}

export const marketplaceProbes: Probe[] = [
  marketplaceProbe(
    "clean",
    "baseline",
    "A clean marketplace with one plugin",
    top((clean) => clean),
  ),
  marketplaceProbe(
    "unknown-field",
    "unknown-field",
    "An unknown top-level field",
    top((clean) => ({ ...clean, colour: "blue" })),
  ),
  marketplaceProbe(
    "entry-unknown-field",
    "unknown-field",
    "An unknown field in the entry",
    entry((clean) => ({ ...clean, colour: "blue" })),
  ),
  marketplaceProbe("trailing-comma", "json-syntax", "A trailing comma after the last property", (_host, _name, clean) =>
    json(clean).replace(/\n}\n$/, ",\n}\n"),
  ),
  marketplaceProbe("comment", "json-syntax", "A // comment line", (_host, _name, clean) =>
    json(clean).replace("{\n", "{\n  // probe\n"),
  ),
  marketplaceProbe("bom", "encoding", "A UTF-8 byte order mark", (_host, _name, clean) => withBom(json(clean))),
  marketplaceProbe("crlf", "line-endings", "CRLF line endings", (_host, _name, clean) => crlf(json(clean))),
  marketplaceProbe("duplicate-key", "json-syntax", "`name` twice", (_host, _name, clean) =>
    json(clean).replace(`"name": "${MARKET}"`, `"name": "first-market",\n  "name": "${MARKET}"`),
  ),
  marketplaceProbe(
    "no-name",
    "missing-field",
    "No marketplace `name`",
    top(({ name: _name, ...rest }) => rest),
  ),
  marketplaceProbe(
    "name-dot",
    "value",
    'Marketplace name "probe.market"',
    top((clean) => ({ ...clean, name: "probe.market" })),
  ),
  marketplaceProbe(
    "name-uppercase",
    "value",
    'Marketplace name "Probe-Market"',
    top((clean) => ({ ...clean, name: "Probe-Market" })),
  ),
  marketplaceProbe(
    "name-space",
    "value",
    'Marketplace name "probe market"',
    top((clean) => ({ ...clean, name: "probe market" })),
  ),
  marketplaceProbe(
    "reserved-name-codex",
    "value",
    'The name "openai-curated"',
    top((clean) => ({ ...clean, name: "openai-curated" })),
  ),
  marketplaceProbe(
    "reserved-name-claude",
    "value",
    'The name "claude-plugins-official"',
    top((clean) => ({ ...clean, name: "claude-plugins-official" })),
  ),
  marketplaceProbe(
    "no-owner",
    "missing-field",
    "No `owner`",
    top(({ owner: _owner, ...rest }) => rest),
    { hosts: CLAUDE },
  ),
  marketplaceProbe(
    "plugins-empty",
    "value",
    "`plugins` is []",
    top((clean) => ({ ...clean, plugins: [] })),
  ),
  marketplaceProbe(
    "plugins-object",
    "shape",
    "`plugins` is an object",
    top((clean) => ({ ...clean, plugins: { a: (clean.plugins as unknown[])[0] } })),
  ),
  marketplaceProbe(
    "entry-no-source",
    "missing-field",
    "An entry without `source`",
    entry(({ source: _source, ...rest }) => rest),
  ),
  marketplaceProbe(
    "source-other-host-form",
    "shape",
    "Each host gets the other's source form: a string for Codex, {source: local, path} for Claude Code",
    entry((clean, host) => ({
      ...clean,
      source:
        host === "codex"
          ? `./plugins/${String(clean.name)}`
          : { source: "local", path: `./plugins/${String(clean.name)}` },
    })),
  ),
  marketplaceProbe(
    "source-no-dot-slash",
    "path",
    "A source path without ./",
    entry((clean, host) => ({
      ...clean,
      source:
        host === "codex" ? { source: "local", path: `plugins/${String(clean.name)}` } : `plugins/${String(clean.name)}`,
    })),
  ),
  marketplaceProbe(
    "source-dot-slash",
    "path",
    'The source path "./" (the marketplace root)',
    entry((clean, host) => ({
      ...clean,
      source: host === "codex" ? { source: "local", path: "./" } : "./",
    })),
  ),
  marketplaceProbe(
    "source-escapes",
    "path",
    "A source path ../elsewhere outside the marketplace",
    entry((clean, host) => ({
      ...clean,
      source: host === "codex" ? { source: "local", path: "../elsewhere" } : "../elsewhere",
    })),
  ),
  marketplaceProbe(
    "source-github",
    "shape",
    "Claude Code's github source (no network: Codex only)",
    entry((clean) => ({
      ...clean,
      source: { source: "github", repo: "agent-plugin/probe" },
    })),
    { hosts: CODEX },
  ),
  ...npmSourceProbes(),
  marketplaceProbe("duplicate-entry", "value", "Two entries with the same name", (_host, _name, clean) =>
    json({ ...clean, plugins: [...(clean.plugins as unknown[]), ...(clean.plugins as unknown[])] }),
  ),
  marketplaceProbe(
    "entry-name-differs",
    "value",
    "The entry name differs from the plugin's manifest name",
    entry((clean) => ({ ...clean, name: "other-entry" })),
  ),
  marketplaceProbe(
    "one-bad-entry",
    "value",
    "Two entries: the clean one, and one whose source folder does not exist",
    (host, _name, clean) =>
      json({ ...clean, plugins: [...(clean.plugins as unknown[]), { ...cleanEntry(host, "missing-plugin") }] }),
  ),
  marketplaceProbe(
    "policy-not-available",
    "value",
    "policy.installation NOT_AVAILABLE",
    entry((clean) => ({
      ...clean,
      policy: { installation: "NOT_AVAILABLE", authentication: "ON_INSTALL" },
    })),
    { hosts: CODEX },
  ),
  marketplaceProbe(
    "policy-installed-by-default",
    "value",
    "policy.installation INSTALLED_BY_DEFAULT",
    entry((clean) => ({
      ...clean,
      policy: { installation: "INSTALLED_BY_DEFAULT", authentication: "ON_INSTALL" },
    })),
    { hosts: CODEX },
  ),
  marketplaceProbe(
    "policy-unknown-installation",
    "value",
    "policy.installation MAYBE",
    entry((clean) => ({
      ...clean,
      policy: { installation: "MAYBE", authentication: "ON_INSTALL" },
    })),
    { hosts: CODEX },
  ),
  marketplaceProbe(
    "products-empty",
    "value",
    "policy.products []",
    entry((clean) => ({
      ...clean,
      policy: { installation: "AVAILABLE", authentication: "ON_INSTALL", products: [] },
    })),
    { hosts: CODEX },
  ),
  marketplaceProbe(
    "products-chatgpt",
    "value",
    'policy.products ["CHATGPT"] (not Codex)',
    entry((clean) => ({
      ...clean,
      policy: { installation: "AVAILABLE", authentication: "ON_INSTALL", products: ["CHATGPT"] },
    })),
    { hosts: CODEX },
  ),
  marketplaceProbe(
    "no-policy",
    "missing-field",
    "An entry without policy and category",
    entry(({ policy: _policy, category: _category, ...rest }) => rest),
    { hosts: CODEX },
  ),
  marketplaceProbe(
    "category-number",
    "shape",
    "`category` is a number",
    entry((clean) => ({ ...clean, category: 5 })),
  ),
  marketplaceProbe(
    "entry-version-differs",
    "value",
    "The entry's version (9.9.9) differs from plugin.json's (1.0.0)",
    entry((clean) => ({ ...clean, version: "9.9.9" })),
  ),
  marketplaceProbe(
    "strict-false-with-components",
    "value",
    "strict: false while the plugin's own plugin.json also lists components",
    entry((clean) => ({
      ...clean,
      strict: false,
      skills: ["./skills/control"],
    })),
    {
      hosts: CLAUDE,
      files: (_host, name) => ({
        [`plugins/${name}/.claude-plugin/plugin.json`]: json({
          name,
          version: "1.0.0",
          description: "Probe plugin.",
          skills: ["./skills/control"],
        }),
      }),
    },
  ),
  {
    id: "marketplace-json/location/claude-file-only",
    description: "Only .claude-plugin/marketplace.json, in Claude Code's format",
    kind: "marketplace-json",
    dimension: "location",
    hosts: BOTH,
    marketplace: true,
    files: (_host, name) => ({
      ...prefixed(`plugins/${name}/`, plugin(name)),
      ".claude-plugin/marketplace.json": json(cleanMarketplace("claude-code", name)),
    }),
  },
  {
    id: "marketplace-json/location/codex-file-only",
    description: "Only .agents/plugins/marketplace.json, in Codex's format",
    kind: "marketplace-json",
    dimension: "location",
    hosts: BOTH,
    marketplace: true,
    files: (_host, name) => ({
      ...prefixed(`plugins/${name}/`, plugin(name)),
      ".agents/plugins/marketplace.json": json(cleanMarketplace("codex", name)),
    }),
  },
  {
    id: "marketplace-json/value/entry-defines-plugin",
    description: 'A Claude Code entry with "strict": false and commands, for a folder without plugin.json',
    kind: "marketplace-json",
    dimension: "value",
    hosts: CLAUDE,
    marketplace: true,
    files: (_host, name) => ({
      ...prefixed(`plugins/${name}/`, {
        ...plugin(name, { manifests: [] }),
        "commands/run-probe.md": "---\ndescription: Run the probe\n---\n\nRun it.\n",
      }),
      ".claude-plugin/marketplace.json": json({
        ...cleanMarketplace("claude-code", name),
        plugins: [
          {
            ...cleanEntry("claude-code", name),
            strict: false,
            description: "Probe plugin.",
            version: "1.0.0",
            commands: ["./commands/run-probe.md"],
          },
        ],
      }),
    }),
  },
  {
    id: "marketplace-json/value/strict-false-with-plugin-json",
    description: 'A Claude Code entry with "strict": false and commands, for a folder with a plugin.json',
    kind: "marketplace-json",
    dimension: "value",
    hosts: CLAUDE,
    marketplace: true,
    files: (_host, name) => ({
      ...prefixed(`plugins/${name}/`, {
        ...plugin(name, { manifests: ["claude"] }),
        "commands/run-probe.md": "---\ndescription: Run the probe\n---\n\nRun it.\n",
      }),
      ".claude-plugin/marketplace.json": json({
        ...cleanMarketplace("claude-code", name),
        plugins: [{ ...cleanEntry("claude-code", name), strict: false, commands: ["./commands/run-probe.md"] }],
      }),
    }),
  },
];
