// The join behind `pnpm hosts:real`: plugin-lint's findings on a real marketplace next to what the pinned host lost
// from each of its plugins, counted per rule. An error should sit where the host drops or rejects something; a
// plugin the host loads whole should have none. Pure functions over plain data, so they are tested without a host.
import { basename, relative, resolve, sep } from "node:path";

/** The marketplace-level group: findings in the marketplace file outside every entry, and the host's refusal. */
export const MARKETPLACE = "(marketplace)";

/**
 * What part of a plugin one of `findLosses`' lines is about: `plugin` (not installed), `skill` (with its SKILL.md
 * path when the host names it), `mcp`, `hooks`, `agents`, `commands`, `outputStyles` or `manifest` (display fields).
 */
export function classifyLoss(text) {
  if (text.startsWith("plugin not installed")) return { component: "plugin", text };
  const skill = /^skill (.+?) (?:refused: |dropped$)/.exec(text);
  if (skill) return { component: "skill", path: skill[1], text };
  if (/^\d+ of \d+ skills dropped/.test(text)) return { component: "skill", text };
  if (text.startsWith("MCP server ")) return { component: "mcp", text };
  if (text.startsWith("hooks for ")) return { component: "hooks", text };
  const counted = /^\d+ of \d+ (agents|commands|outputStyles) dropped/.exec(text);
  if (counted) return { component: counted[1], text };
  if (text.startsWith("interface.") || / default prompts? dropped$/.test(text)) return { component: "manifest", text };
  return { component: "other", text };
}

const MANIFESTS = new Set([".codex-plugin/plugin.json", ".claude-plugin/plugin.json", "plugin.json"]);

/** The part of a plugin a file is (by its plugin-relative path): what a loss in the same part would be about. */
export function fileComponent(path) {
  if (MANIFESTS.has(path)) return { component: "manifest" };
  const parts = path.split("/");
  const skills = parts.indexOf("skills");
  if (basename(path) === "SKILL.md") return { component: "skill", folder: parts.slice(0, -1).join("/") };
  if (skills !== -1 && parts.length > skills + 2)
    return { component: "skill", folder: parts.slice(0, skills + 2).join("/") };
  if (path === ".mcp.json" || path === "mcp.json") return { component: "mcp" };
  if (parts[0] === "hooks" || basename(path) === "hooks.json") return { component: "hooks" };
  if (parts[0] === "agents") return { component: "agents" };
  if (parts[0] === "commands") return { component: "commands" };
  if (parts[0] === "output-styles") return { component: "outputStyles" };
  return { component: "other" };
}

/** The loss component a rule's area is about, whatever file the finding is in (an inline server, say). */
const AREA_COMPONENT = { mcp: "mcp", hooks: "hooks", skill: "skill", "openai-yaml": "skill", manifest: "manifest" };

/**
 * How a finding relates to what the host lost from its plugin: `file` (a loss in the very file), `component` (a loss
 * in the same part: the skill folder, the MCP servers, the manifest, the entry), `plugin` (the host lost something
 * else from the plugin) or undefined (the host lost nothing: it loaded the plugin whole).
 */
export function matchLoss(finding, losses) {
  if (losses.length === 0) return undefined;
  const where = finding.entry ? { component: "entry" } : fileComponent(finding.path);
  const area = AREA_COMPONENT[finding.ruleId.split("/")[0]];
  if (losses.some((loss) => loss.path !== undefined && loss.path === finding.path)) return "file";
  const same = losses.some((loss) => {
    if (loss.component === "marketplace") return true;
    // A plugin that is not installed loses everything; its manifest or entry is why.
    if (loss.component === "plugin") return where.component === "manifest" || where.component === "entry";
    if (loss.component === "entry") return where.component === "entry";
    if (loss.component === "skill" && where.component === "skill")
      return loss.path === undefined || loss.path.startsWith(`${where.folder}/`);
    return loss.component === where.component || loss.component === area;
  });
  return same ? "component" : "plugin";
}

/**
 * The plugin a lint finding belongs to: the entry whose line range holds it when it is in the marketplace file, else
 * the local entry whose folder holds it; otherwise the marketplace group. Paths are relative, with `/`.
 */
export function attribute(diagnostic, { marketplaceDir, marketplaceFile, entries }) {
  const file = resolve(diagnostic.file);
  const base = {
    ruleId: diagnostic.ruleId,
    severity: diagnostic.severity,
    line: diagnostic.line,
    message: diagnostic.message,
    file: slash(relative(marketplaceDir, file)),
  };
  if (file === resolve(marketplaceDir, marketplaceFile)) {
    const entry = entries.find((item) => diagnostic.line >= item.lines[0] && diagnostic.line <= item.lines[1]);
    if (entry !== undefined) return { ...base, plugin: entry.name, path: base.file, entry: true };
    return { ...base, plugin: MARKETPLACE, path: base.file };
  }
  let owner;
  for (const entry of entries) {
    if (entry.dir === undefined || !isWithin(file, entry.dir)) continue;
    if (owner === undefined || entry.dir.length > owner.dir.length) owner = entry;
  }
  if (owner === undefined) return { ...base, plugin: MARKETPLACE, path: base.file };
  return { ...base, plugin: owner.name, path: slash(relative(owner.dir, file)) };
}

/**
 * Joins the findings with the host's losses.
 * - `diagnostics`: plugin-lint's (`LintReport.diagnostics`), absolute `file`s.
 * - `plugins`: one per local entry the host was asked to load: `{ name, losses: string[] (findLosses' lines, or
 *   `entry <name> dropped`), declared?: { skills, servers }, loaded: { skills, servers } }`.
 * - `marketplace`: `{ dir, file, name, added, error?, loadedAs }` (`loadedAs`: `marketplace`, or `batch` when the host
 *   refused the marketplace and its plugins were loaded from a marketplace of their own).
 */
export function joinReport({ host, version, target, marketplace, entries, diagnostics, plugins }) {
  const context = { marketplaceDir: marketplace.dir, marketplaceFile: marketplace.file, entries };
  const findings = diagnostics.map((diagnostic) => attribute(diagnostic, context));
  const lossesOf = new Map(plugins.map((plugin) => [plugin.name, plugin.losses.map(lossOf)]));
  lossesOf.set(
    MARKETPLACE,
    marketplace.added ? [] : [{ component: "marketplace", text: `marketplace refused: ${marketplace.error}` }],
  );
  for (const finding of findings) finding.match = matchLoss(finding, lossesOf.get(finding.plugin) ?? []);

  const rules = new Map();
  for (const finding of findings) {
    const row = rules.get(finding.ruleId) ?? {
      rule: finding.ruleId,
      errors: 0,
      warnings: 0,
      errorsWhereLost: 0,
      errorsMatchingLoss: 0,
      falseErrors: 0,
      warningsMatchingLoss: 0,
    };
    rules.set(finding.ruleId, row);
    if (finding.severity === "error") {
      row.errors++;
      if (finding.match === undefined) row.falseErrors++;
      else row.errorsWhereLost++;
      if (finding.match === "file" || finding.match === "component") row.errorsMatchingLoss++;
    } else {
      row.warnings++;
      if (finding.match === "file" || finding.match === "component") row.warningsMatchingLoss++;
    }
  }

  const lossy = plugins.filter((plugin) => plugin.losses.length > 0);
  const errorsIn = (name) => findings.filter((finding) => finding.plugin === name && finding.severity === "error");
  const missedLosses = [...(marketplace.added ? [] : [MARKETPLACE]), ...lossy.map((plugin) => plugin.name)]
    .filter((name) => errorsIn(name).length === 0)
    .map((name) => ({
      plugin: name,
      losses: lossesOf.get(name).map((loss) => loss.text),
      warnings: [
        ...new Set(findings.filter((f) => f.plugin === name && f.severity === "warning").map((f) => f.ruleId)),
      ].sort(),
    }));
  const sum = (pick) => plugins.reduce((total, plugin) => total + (pick(plugin) ?? 0), 0);
  return {
    host,
    version,
    target,
    marketplace,
    totals: {
      entries: entries.length,
      plugins: plugins.length,
      skipped: entries.filter((entry) => entry.dir === undefined).length,
      loadedWhole: plugins.length - lossy.length,
      lostSomething: lossy.length,
      skillsDeclared: sum((plugin) => plugin.declared?.skills),
      skillsLoaded: sum((plugin) => plugin.loaded.skills),
      serversDeclared: sum((plugin) => plugin.declared?.servers),
      serversLoaded: sum((plugin) => plugin.loaded.servers),
      errors: findings.filter((finding) => finding.severity === "error").length,
      warnings: findings.filter((finding) => finding.severity === "warning").length,
    },
    rules: [...rules.values()].sort((a, b) => a.rule.localeCompare(b.rule)),
    falseErrors: findings
      .filter((finding) => finding.severity === "error" && finding.match === undefined)
      .map(({ plugin, ruleId, file, line, message }) => ({ plugin, rule: ruleId, file, line, message })),
    unmatchedErrors: findings
      .filter((finding) => finding.severity === "error" && finding.match === "plugin")
      .map(({ plugin, ruleId, file, line, message }) => ({
        plugin,
        rule: ruleId,
        file,
        line,
        message,
        lost: lossesOf.get(plugin).map((loss) => loss.text),
      })),
    missedLosses,
    skipped: entries
      .filter((entry) => entry.dir === undefined)
      .map((entry) => ({ plugin: entry.name, source: entry.remote })),
    plugins: plugins.map((plugin) => ({
      name: plugin.name,
      declared: plugin.declared,
      loaded: plugin.loaded,
      losses: plugin.losses,
      errors: errorsIn(plugin.name).length,
      warnings: findings.filter((f) => f.plugin === plugin.name && f.severity === "warning").length,
    })),
  };
}

function lossOf(text) {
  if (text.startsWith("entry ") && text.endsWith(" dropped")) return { component: "entry", text };
  return classifyLoss(text);
}

/** The report as markdown: totals, the per-rule table, then every false error, unmatched error and missed loss. */
export function formatReport(report) {
  const { totals, marketplace } = report;
  const out = [
    `## ${marketplace.name ?? basename(marketplace.dir)}: plugin-lint (target ${report.target}) vs ${report.host} ${report.version}`,
    "",
  ];
  out.push(
    marketplace.added
      ? "The host added the marketplace as it is."
      : `The host refused the marketplace (${marketplace.error}); its local plugins were loaded from a marketplace of their own instead.`,
    "",
    "| Entries | Loaded (local) | Skipped (remote, not fetched) | Loaded whole | Host lost something | Skills declared / loaded | MCP servers declared / loaded | Errors | Warnings |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${totals.entries} | ${totals.plugins} | ${totals.skipped} | ${totals.loadedWhole} | ${totals.lostSomething} | ${totals.skillsDeclared} / ${totals.skillsLoaded} | ${totals.serversDeclared} / ${totals.serversLoaded} | ${totals.errors} | ${totals.warnings} |`,
    "",
    "### Per rule",
    "",
    "| Rule | Errors | Warnings | Errors where the host lost something | … matching the loss (same file or component) | False errors (host loaded whole) | Warnings matching a loss |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const row of report.rules) {
    out.push(
      `| ${row.rule} | ${row.errors} | ${row.warnings} | ${row.errorsWhereLost} | ${row.errorsMatchingLoss} | ${row.falseErrors} | ${row.warningsMatchingLoss} |`,
    );
  }
  out.push("", `### False errors (${report.falseErrors.length}): errors in plugins the host loaded whole`, "");
  out.push(...findingTable(report.falseErrors, false));
  out.push(
    "",
    `### Errors beside a different loss (${report.unmatchedErrors.length}): the host lost something else from the plugin`,
    "",
  );
  out.push(...findingTable(report.unmatchedErrors, true));
  out.push("", `### Missed losses (${report.missedLosses.length}): the host lost something and no error says so`, "");
  if (report.missedLosses.length === 0) out.push("None.");
  else {
    out.push("| Plugin | What the host lost | Warnings there |", "| --- | --- | --- |");
    for (const item of report.missedLosses)
      out.push(`| ${item.plugin} | ${cell(item.losses.join("; "))} | ${item.warnings.join(", ") || "none"} |`);
  }
  const kinds = new Map();
  for (const item of report.skipped) kinds.set(item.source, (kinds.get(item.source) ?? 0) + 1);
  out.push(
    "",
    `### Skipped (${report.skipped.length}): remote sources, listed and never fetched`,
    "",
    report.skipped.length === 0
      ? "None."
      : [...kinds]
          .sort()
          .map(([kind, count]) => `${kind}: ${count}`)
          .join(", "),
  );
  return out.join("\n");
}

function findingTable(rows, withLoss) {
  if (rows.length === 0) return ["None."];
  const out = withLoss
    ? ["| Plugin | Rule | File:line | Message | What the host lost |", "| --- | --- | --- | --- | --- |"]
    : ["| Plugin | Rule | File:line | Message |", "| --- | --- | --- | --- |"];
  for (const row of rows) {
    const cells = [row.plugin, row.rule, `${row.file}:${row.line}`, cell(row.message)];
    if (withLoss) cells.push(cell(row.lost.join("; ")));
    out.push(`| ${cells.join(" | ")} |`);
  }
  return out;
}

function cell(text) {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function slash(path) {
  return path.split(sep).join("/");
}

function isWithin(file, dir) {
  const path = relative(dir, file);
  return path === "" || (!path.startsWith("..") && !path.startsWith(sep) && !/^[A-Za-z]:/.test(path));
}
