import type { HostId } from "@agent-plugin/core";
import type { BatchInventory, PluginInventory } from "../inventory.js";

/**
 * What the host did with one probe's plugin: its inventory without the raw answers, the batch name and the context
 * figures (a token estimate is not a fact about what loads).
 */
export type PluginOutcome = Omit<PluginInventory, "raw" | "name" | "context">;

/** What the host did with a marketplace probe: the marketplace verdict and each plugin it installed. */
export interface MarketplaceOutcome {
  marketplace: BatchInventory["marketplace"];
  plugins: Record<string, PluginOutcome>;
}

export type ProbeOutcome = { plugin: PluginOutcome } | MarketplaceOutcome;

/** One host version's answers to the whole catalogue: the committed `data/<host>-<version>.json`. */
export interface ProbeData {
  host: HostId;
  version: string;
  driver: string;
  probes: Record<string, ProbeOutcome>;
}

export function pluginOutcome(inventory: PluginInventory): PluginOutcome {
  const { raw: _raw, name: _name, context: _context, ...outcome } = inventory;
  return outcome;
}

/** Strings longer than this are kept as their length and a start, so length probes stay readable. */
const LONG_STRING = 1000;

/**
 * The data as committed: keys sorted at every level, empty lists, empty objects and absent values left out, long
 * strings shortened to `[<n> characters] <start>…`. Two runs that saw the same host behaviour give the same bytes.
 */
export function formatProbeData(data: ProbeData): string {
  return `${JSON.stringify(stable(data), null, 2)}\n`;
}

function stable(value: unknown): unknown {
  if (typeof value === "string") {
    return value.length > LONG_STRING ? `[${value.length} characters] ${value.slice(0, 80)}…` : value;
  }
  if (Array.isArray(value)) return value.map(stable);
  if (typeof value !== "object" || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = stable((value as Record<string, unknown>)[key]);
    if (item === undefined || isEmpty(item)) continue;
    result[key] = item;
  }
  return result;
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}

export function parseProbeData(text: string): ProbeData {
  const data = JSON.parse(text) as ProbeData;
  if (typeof data.host !== "string" || typeof data.version !== "string" || typeof data.probes !== "object") {
    throw new Error("not a probe data file: it needs host, version and probes");
  }
  return data;
}

/**
 * The differences between two data files, one line per changed value: `~ <probe>: <path>: <before> → <after>`,
 * `+ <probe>` for a probe only `after` has, `- <probe>` for one only `before` has. Empty when nothing changed.
 */
export function diffProbeData(before: ProbeData, after: ProbeData): string[] {
  const lines: string[] = [];
  const ids = [...new Set([...Object.keys(before.probes), ...Object.keys(after.probes)])].sort();
  for (const id of ids) {
    const old = before.probes[id];
    const now = after.probes[id];
    if (old === undefined) {
      lines.push(`+ ${id}`);
      continue;
    }
    if (now === undefined) {
      lines.push(`- ${id}`);
      continue;
    }
    const a = flatten(stable(old));
    const b = flatten(stable(now));
    for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const x = a.get(path);
      const y = b.get(path);
      if (x !== y) lines.push(`~ ${id}: ${path}: ${x ?? "(none)"} → ${y ?? "(none)"}`);
    }
  }
  return lines;
}

/** `{a: {b: [1]}}` → `a.b[0]` = `1`, each leaf as JSON. */
function flatten(value: unknown, prefix = "", into = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) flatten(item, `${prefix}[${index}]`, into);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, JSON.stringify(value));
  }
  return into;
}
