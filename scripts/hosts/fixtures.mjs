// `pnpm hosts:fixtures [--all-pins] [--json <file>]`: runs every plugin-lint rule fixture (the failing one and its
// passing twin) through the current pin of the host it targets (--all-pins: every pinned version of it), and prints
// for each rule its default severity, what the host lost from the failing fixture and whether it loaded the passing
// twin whole. Data for fixing rule severities: an error should mean the host drops or rejects something, a warning
// that it copes. Remote marketplace sources are listed, never fetched.
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runMain } from "@agent-plugin/core";
import { findLosses, inspectMarketplace, inspectPlugins, pins } from "@agent-plugin/hosts";
import { ruleMetas } from "@agent-plugin/plugin-lint";
import { fixturesRoot, repoRoot } from "./paths.mjs";

await runMain("hosts:fixtures", async (argv) => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: "string" },
      "all-pins": { type: "boolean", default: false },
      only: { type: "string" },
    },
  });
  const work = mkdtempSync(join(tmpdir(), "agent-plugin-fixtures-"));
  try {
    const only = values.only?.split(",").filter((item) => item !== "");
    const fixtures = readCases(work).filter(
      (item) => only === undefined || only.some((id) => item.rule === id || item.rule.startsWith(`${id}/`)),
    );
    const started = Date.now();
    const cases = [];
    for (const pin of pins.filter((candidate) => candidate.current || values["all-pins"])) {
      const mine = fixtures
        .filter((item) => item.host === pin.host)
        .map((item) => ({ ...item, version: pin.version, losses: [] }));
      console.error(`${pin.host} ${pin.version}: ${mine.length} fixtures`);
      await runPluginCases(
        pin.host,
        pin.version,
        mine.filter((item) => !item.marketplace),
      );
      for (const item of mine.filter((item) => item.marketplace)) await runMarketplaceCase(pin.host, pin.version, item);
      cases.push(...mine);
    }
    const rows = tableRows(cases);
    console.log(formatTable(rows));
    console.error(`${cases.length} fixture runs in ${Math.round((Date.now() - started) / 1000)} s`);
    if (values.json) writeFileSync(values.json, `${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

/** Every fixture, copied into `work` with its setup applied. */
function readCases(work) {
  const cases = [];
  for (const area of readdirSync(fixturesRoot).sort()) {
    for (const rule of readdirSync(join(fixturesRoot, area)).sort()) {
      for (const kind of ["fail", "pass"]) {
        const dir = join(fixturesRoot, area, rule, kind);
        if (!existsSync(join(dir, "case.json"))) continue;
        const spec = JSON.parse(readFileSync(join(dir, "case.json"), "utf8"));
        const copy = join(work, area, rule, kind);
        mkdirSync(dirname(copy), { recursive: true });
        cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
        applySetup(copy, spec.setup ?? []);
        const path = join(copy, spec.lint);
        const marketplace = [".agents/plugins/marketplace.json", ".claude-plugin/marketplace.json"].some((file) =>
          existsSync(join(path, file)),
        );
        const host = spec.target ?? "codex";
        cases.push({
          rule: `${area}/${rule}`,
          kind,
          host,
          path,
          marketplace,
          name: pluginName(path, host),
          losses: [],
        });
      }
    }
  }
  return cases;
}

/** The steps of a case.json `setup` (plugin-lint's fixture format): big files, links and modes git cannot hold. */
function applySetup(root, steps) {
  for (const step of steps) {
    if ("write" in step) {
      mkdirSync(dirname(join(root, step.write)), { recursive: true });
      writeFileSync(join(root, step.write), Buffer.alloc(step.bytes, step.fill ?? "a"));
    } else if ("symlink" in step) {
      mkdirSync(dirname(join(root, step.symlink)), { recursive: true });
      symlinkSync(step.target, join(root, step.symlink));
    } else {
      chmodSync(join(root, step.chmod), Number.parseInt(step.mode, 8));
    }
  }
}

/** The name the plugin's marketplace entry must have: its manifest's, else its folder's. */
function pluginName(dir, host) {
  const manifests =
    host === "codex"
      ? [".codex-plugin/plugin.json", ".claude-plugin/plugin.json", "plugin.json"]
      : [".claude-plugin/plugin.json"];
  for (const file of manifests) {
    try {
      const name = JSON.parse(readFileSync(join(dir, file), "utf8").replace(/^\uFEFF/, "")).name;
      if (typeof name === "string" && /^[A-Za-z0-9._-]+$/.test(name)) return name;
    } catch {
      // Unreadable: the folder name below.
    }
  }
  return basename(dir);
}

/** Plugin fixtures in batches of distinct names (most are all called "demo", so most batches hold one). */
async function runPluginCases(host, version, cases) {
  const batches = [];
  for (const item of cases) {
    const batch = batches.find(
      (candidate) => candidate.length < 40 && !candidate.some((other) => other.name === item.name),
    );
    if (batch === undefined) batches.push([item]);
    else batch.push(item);
  }
  for (const [index, batch] of batches.entries()) {
    if (index % 20 === 0) console.error(`  batch ${index + 1}/${batches.length}`);
    const inventory = await inspectPlugins({
      host,
      version,
      plugins: batch.map((item) => ({ name: item.name, dir: item.path })),
    });
    for (const item of batch) {
      const plugin = inventory.plugins.find((candidate) => candidate.name === item.name);
      item.losses = plugin === undefined ? ["no answer from the host"] : findLosses(item.path, host, plugin);
    }
  }
}

async function runMarketplaceCase(host, version, item) {
  const inventory = await inspectMarketplace({ host, version, marketplace: item.path });
  if (!inventory.marketplace.added) {
    item.losses = [`marketplace refused: ${inventory.marketplace.error}`];
    return;
  }
  const entries = marketplaceEntries(item.path, host);
  for (const entry of entries) {
    if (!inventory.marketplace.plugins.includes(entry.name)) item.losses.push(`entry ${entry.name} dropped`);
  }
  for (const plugin of inventory.plugins) {
    const entry = entries.find((candidate) => candidate.name === plugin.name);
    const dir = entry?.path === undefined ? undefined : resolve(item.path, entry.path);
    const losses =
      dir === undefined
        ? plugin.installed
          ? []
          : [`not installed: ${plugin.installError}`]
        : findLosses(dir, host, plugin);
    item.losses.push(...losses.map((loss) => `${plugin.name}: ${loss}`));
  }
}

/** The entries a marketplace file declares, with their local source folders. */
function marketplaceEntries(dir, host) {
  const file = host === "codex" ? ".agents/plugins/marketplace.json" : ".claude-plugin/marketplace.json";
  try {
    const { plugins } = JSON.parse(readFileSync(join(dir, file), "utf8").replace(/^\uFEFF/, ""));
    return (Array.isArray(plugins) ? plugins : []).map((entry) => ({
      name: entry.name,
      path: typeof entry.source === "string" ? entry.source : entry.source?.path,
    }));
  } catch {
    return [];
  }
}

/** One row per rule: severity, what the host did with each twin, and whether the severity matches it. */
function tableRows(cases) {
  const keys = [...new Set(cases.map((item) => `${item.rule}\t${item.host} ${item.version}`))].sort();
  return keys.map((key) => {
    const [rule, host] = key.split("\t");
    const twin = (kind) =>
      cases.find((item) => item.rule === rule && `${item.host} ${item.version}` === host && item.kind === kind);
    const fail = twin("fail");
    const pass = twin("pass");
    const severity = ruleMetas.get(rule)?.severity ?? severityFromDocs(rule);
    const lost = fail !== undefined && fail.losses.length > 0;
    const whole = pass === undefined ? undefined : pass.losses.length === 0;
    let verdict = "no failing fixture";
    if (fail !== undefined) {
      if (severity === "error") verdict = lost ? "agrees: host drops" : "host copes: error too strong";
      else verdict = lost ? "host drops: warning too weak" : "agrees: host copes";
    }
    if (whole === false) verdict += "; passing twin not whole";
    return {
      rule,
      severity,
      host,
      failLosses: fail?.losses ?? [],
      passLosses: pass?.losses ?? [],
      verdict,
    };
  });
}

function severityFromDocs(rule) {
  try {
    return /Severity: \*\*(\w+)\*\*/.exec(readFileSync(join(repoRoot, "docs/rules", `${rule}.md`), "utf8"))?.[1] ?? "?";
  } catch {
    return "?";
  }
}

function formatTable(rows) {
  const cell = (text) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const lines = [
    "| Rule | Severity | Host | Failing fixture: what the host lost | Passing twin | Verdict |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const row of rows) {
    const lost = row.failLosses.length === 0 ? "nothing" : row.failLosses.join("; ");
    const twin = row.passLosses.length === 0 ? "whole" : `lost: ${row.passLosses.join("; ")}`;
    lines.push(`| ${row.rule} | ${row.severity} | ${row.host} | ${cell(lost)} | ${cell(twin)} | ${row.verdict} |`);
  }
  return lines.join("\n");
}
