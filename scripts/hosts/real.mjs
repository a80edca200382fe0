// `pnpm hosts:real <marketplace-folder> [--host codex|claude-code] [--version X] [--json out.json]`: lints a real
// marketplace with plugin-lint and loads the same marketplace into the pinned real host, then prints, per rule, how
// the errors and warnings line up with what the host dropped (issue #9's check: every error where the host drops
// something, no error in a plugin the host loads whole). A report: exit 0 whatever it finds, 2 on bad input.
// Remote plugin sources (git, url, npm) are listed as skipped, never fetched.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isHostId, runMain, UsageError } from "@agent-plugin/core";
import {
  findLosses,
  inspectMarketplace,
  inspectPlugins,
  marketplaceEntries,
  marketplaceFile,
  pins,
} from "@agent-plugin/hosts";
import { lint } from "@agent-plugin/plugin-lint";
import { formatReport, joinReport } from "./real-report.mjs";

/** Plugins per host batch when the marketplace itself is refused (as `hosts:fixtures` batches). */
const BATCH = 40;

await runMain("hosts:real", async (argv) => {
  const options = readOptions(argv);
  const started = Date.now();
  const { entries, name } = readEntries(options.dir, options.host);
  console.error(`plugin-lint, target ${options.target}: ${options.dir}`);
  const report = await lintMarketplace(options.dir, options.target);
  console.error(`${options.host} ${options.version}: loading ${entries.filter((entry) => entry.dir).length} plugins`);
  const loaded = await loadIntoHost(options.host, options.version, options.dir, entries);
  const joined = joinReport({
    host: options.host,
    version: options.version,
    target: options.target,
    marketplace: { dir: options.dir, file: marketplaceFile[options.host], name, ...loaded.marketplace },
    entries,
    diagnostics: report.diagnostics,
    plugins: loaded.plugins.map((plugin) => ({ ...plugin, declared: declaredCounts(report, plugin.dir) })),
  });
  console.log(formatReport(joined));
  console.error(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(joined, null, 2)}\n`);
  return 0;
});

/** The command line, checked: the folder, the host (and the lint target, passed through as given), its version. */
function readOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        host: { type: "string", default: "codex" },
        version: { type: "string" },
        json: { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      "give one marketplace folder: hosts:real <marketplace-folder> [--host codex|claude-code] [--version X] [--json out.json]",
    );
  const dir = resolve(positionals[0]);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`no such folder: ${dir}`);
  // `codex@0.117` is a versioned lint target: the host is the part before the `@`.
  const target = values.host;
  const [host, targetVersion] = target.split("@");
  if (!isHostId(host)) throw new UsageError(`unknown host "${target}": use codex or claude-code (optionally @version)`);
  const pinned = pins.filter((pin) => pin.host === host);
  const version =
    values.version ??
    (targetVersion === undefined
      ? pinned.find((pin) => pin.current)?.version
      : pinned.find((pin) => pin.version === targetVersion || pin.version.startsWith(`${targetVersion}.`))?.version);
  if (version === undefined)
    throw new UsageError(
      `no pinned ${host} version matches "${targetVersion}": pass --version (pinned: ${pinned.map((pin) => pin.version).join(", ")})`,
    );
  // Lint for the profile verified against the same release the host runs.
  return { dir, host, target: `${host}@${version}`, version, json: values.json };
}

function readEntries(dir, host) {
  const file = join(dir, marketplaceFile[host]);
  if (!existsSync(file)) throw new UsageError(`${dir} has no ${marketplaceFile[host]}: not a ${host} marketplace`);
  const text = readFileSync(file, "utf8");
  const entries = marketplaceEntries(text, dir);
  if (entries === undefined) throw new UsageError(`${file} is not a JSON object with a "plugins" list`);
  const { name } = JSON.parse(text.replace(/^\uFEFF/, ""));
  return { entries, name: typeof name === "string" ? name : undefined };
}

async function lintMarketplace(dir, target) {
  return await lint({ paths: [dir], target, cwd: dir });
}

/** The skills and MCP servers plugin-lint found in a plugin folder. */
function declaredCounts(report, dir) {
  const load = report.plugins?.find((plugin) => resolve(plugin.root) === dir)?.targets[0];
  return load === undefined ? undefined : { skills: load.skills.length, servers: load.servers.length };
}

/**
 * The marketplace as the host takes it, and each local plugin's losses. When the host refuses the marketplace (a
 * reserved name, say), its local plugins are loaded from a marketplace of their own, with their entry fields, so
 * each plugin still gets the host's verdict.
 */
async function loadIntoHost(host, version, dir, entries) {
  const local = entries.filter((entry) => entry.dir !== undefined);
  const inventory = await inspectMarketplace({ host, version, marketplace: dir });
  const marketplace = { added: inventory.marketplace.added };
  if (inventory.marketplace.added) {
    const plugins = local.map((entry) => {
      const plugin = inventory.plugins.find((candidate) => candidate.name === entry.name);
      const losses =
        plugin !== undefined
          ? findLosses(entry.dir, host, plugin)
          : [
              inventory.marketplace.plugins.includes(entry.name)
                ? "plugin not installed: the host did not install it"
                : `entry ${entry.name} dropped`,
            ];
      return { name: entry.name, dir: entry.dir, losses, loaded: loadedCounts(plugin) };
    });
    return { marketplace: { ...marketplace, loadedAs: "marketplace" }, plugins };
  }
  console.error(`  marketplace refused (${inventory.marketplace.error}): loading its plugins in batches`);
  const plugins = [];
  for (let start = 0; start < local.length; start += BATCH) {
    const batch = local.slice(start, start + BATCH);
    console.error(`  plugins ${start + 1}-${start + batch.length} of ${local.length}`);
    const loaded = await inspectPlugins({
      host,
      version,
      plugins: batch.map((entry) => ({ name: entry.name, dir: entry.dir, entry: entry.fields })),
    });
    for (const entry of batch) {
      const plugin = loaded.plugins.find((candidate) => candidate.name === entry.name);
      const losses =
        plugin === undefined ? ["plugin not installed: no answer from the host"] : findLosses(entry.dir, host, plugin);
      plugins.push({ name: entry.name, dir: entry.dir, losses, loaded: loadedCounts(plugin) });
    }
  }
  return {
    marketplace: { ...marketplace, error: inventory.marketplace.error, loadedAs: "batch" },
    plugins,
  };
}

function loadedCounts(plugin) {
  return { skills: plugin?.skills.length ?? 0, servers: plugin?.mcpServers.length ?? 0 };
}
