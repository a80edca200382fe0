// `plugin-pack diff`: what a new version can do that the old one could not, for review before upgrading.
import { compareText, describeAuth, describeLaunch } from "./capabilities.js";
import { UsageError } from "@agent-plugin/core";
import { inspect } from "./inspect.js";
import type { CapabilityChange, CapabilityReport, ChangeKind, DiffReport, McpServerCapability } from "./types.js";

/** Report order: what the plugin knows, what it reaches, how it authenticates, what runs on its own, what it connects. */
export const CHANGE_KINDS: readonly ChangeKind[] = ["skills", "servers", "endpoints", "hooks", "apps", "auth"];

export async function diff(oldTarget: string, newTarget: string, options: { cwd: string }): Promise<DiffReport> {
  const before = await inspect(oldTarget, options);
  const after = await inspect(newTarget, options);
  return diffCapabilities(before, after);
}

export function diffCapabilities(before: CapabilityReport, after: CapabilityReport): DiffReport {
  const changes = [
    ...skillChanges(before, after),
    ...serverChanges(before, after),
    ...endpointChanges(before, after),
    ...hookChanges(before, after),
    ...appChanges(before, after),
    ...authChanges(before, after),
  ];
  return { old: identity(before), new: identity(after), changes: changes.sort(compareChanges) };
}

function identity(report: CapabilityReport): DiffReport["old"] {
  return report.version === undefined
    ? { source: report.source, name: report.name }
    : { source: report.source, name: report.name, version: report.version };
}

// ---- --fail-on ----

const FAIL_ON_WORDS: readonly (ChangeKind | "any")[] = [...CHANGE_KINDS, "any"];

/** Parses `--fail-on hooks,servers,endpoints`. */
export function failOnKinds(spec: string): Set<ChangeKind | "any"> {
  const words = spec
    .split(",")
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word !== "");
  const valid = `use a comma-separated list of ${FAIL_ON_WORDS.join(", ")}`;
  if (words.length === 0) throw new UsageError(`--fail-on needs at least one kind: ${valid}`);
  const unknown = words.find((word) => !(FAIL_ON_WORDS as readonly string[]).includes(word));
  if (unknown !== undefined) throw new UsageError(`unknown --fail-on kind "${unknown}": ${valid}`);
  return new Set(words as (ChangeKind | "any")[]);
}

/** Kinds where a changed capability is as much a new capability as an added one. */
const FAILING_CHANGED: ReadonlySet<ChangeKind> = new Set(["auth", "servers", "hooks", "apps"]);

/** True when the new version gains a capability of the given kinds. Removing one never fails a review. */
export function shouldFail(report: DiffReport, kinds: ReadonlySet<ChangeKind | "any">): boolean {
  return report.changes.some((change) => {
    const selected = kinds.has("any") || kinds.has(change.kind);
    const gains = change.change === "added" || (change.change === "changed" && FAILING_CHANGED.has(change.kind));
    return selected && gains;
  });
}

// ---- per kind ----

function skillChanges(before: CapabilityReport, after: CapabilityReport): CapabilityChange[] {
  return compareKeyed(
    keyed(before.skills, (s) => s.name),
    keyed(after.skills, (s) => s.name),
    {
      kind: "skills",
      added: (skill) => shorten(skill.description),
      changed: (old, now) =>
        old.description === now.description
          ? undefined
          : `description: ${quote(old.description)} → ${quote(now.description)}`,
    },
  );
}

function serverChanges(before: CapabilityReport, after: CapabilityReport): CapabilityChange[] {
  return compareKeyed(
    keyed(before.mcpServers, (s) => s.name),
    keyed(after.mcpServers, (s) => s.name),
    {
      kind: "servers",
      added: (server) =>
        `${server.transport} ${describeLaunch(server)}${server.env ? ` (env: ${server.env.join(", ")})` : ""}`,
      changed: serverDifference,
    },
  );
}

/** How a server's launch or destination changed; auth has its own kind. */
function serverDifference(old: McpServerCapability, now: McpServerCapability): string | undefined {
  const parts: string[] = [];
  if (old.transport !== now.transport) parts.push(`transport: ${old.transport} → ${now.transport}`);
  const [oldLaunch, newLaunch] = [describeLaunch(old), describeLaunch(now)];
  if (oldLaunch !== newLaunch)
    parts.push(`${now.transport === "http" && old.transport === "http" ? "url" : "runs"}: ${oldLaunch} → ${newLaunch}`);
  // A variable newly handed to a server can be a credential it did not get before.
  const addedEnv = (now.env ?? []).filter((name) => !(old.env ?? []).includes(name));
  const removedEnv = (old.env ?? []).filter((name) => !(now.env ?? []).includes(name));
  if (addedEnv.length + removedEnv.length > 0)
    parts.push(`env: ${[...addedEnv.map((n) => `+${n}`), ...removedEnv.map((n) => `-${n}`)].join(" ")}`);
  return parts.length === 0 ? undefined : parts.join("; ");
}

/** Every remote host and path the plugin talks to, with the servers that use it. */
function endpointsOf(report: CapabilityReport): Map<string, string[]> {
  const endpoints = new Map<string, string[]>();
  for (const server of report.mcpServers) {
    // A stdio server can be a bridge to a remote one (`npx mcp-remote https://...`): its URL arguments count too.
    const urls = [server.url, ...(server.args ?? [])].filter(
      (value): value is string => value !== undefined && /^https?:\/\//i.test(value),
    );
    for (const url of urls) {
      const endpoint = endpointOf(url);
      endpoints.set(endpoint, [...(endpoints.get(endpoint) ?? []), server.name]);
    }
  }
  return endpoints;
}

/** Host and path: what a reviewer approves, without scheme, user info, query or fragment. */
export function endpointOf(url: string): string {
  const rest = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, "").replace(/[?#].*$/s, "");
  const slash = rest.indexOf("/");
  const authority = (slash === -1 ? rest : rest.slice(0, slash)).replace(/^[^@]*@/, "");
  const path = slash === -1 ? "/" : rest.slice(slash);
  // Host names are case-insensitive; a `${VAR}` placeholder is not.
  return `${authority.includes("$") ? authority : authority.toLowerCase()}${path}`;
}

function endpointChanges(before: CapabilityReport, after: CapabilityReport): CapabilityChange[] {
  const [old, now] = [endpointsOf(before), endpointsOf(after)];
  const describe = (servers: string[]) => `server${servers.length === 1 ? "" : "s"} ${unique(servers).join(", ")}`;
  return [
    ...[...now]
      .filter(([endpoint]) => !old.has(endpoint))
      .map(
        ([endpoint, servers]): CapabilityChange => ({
          kind: "endpoints",
          change: "added",
          name: endpoint,
          detail: describe(servers),
        }),
      ),
    ...[...old]
      .filter(([endpoint]) => !now.has(endpoint))
      .map(
        ([endpoint, servers]): CapabilityChange => ({
          kind: "endpoints",
          change: "removed",
          name: endpoint,
          detail: describe(servers),
        }),
      ),
  ];
}

/** Auth of servers in both versions; a new server's auth is shown with the server itself. */
function authChanges(before: CapabilityReport, after: CapabilityReport): CapabilityChange[] {
  const old = new Map(before.mcpServers.map((server) => [server.name, server]));
  return after.mcpServers.flatMap((server): CapabilityChange[] => {
    const previous = old.get(server.name);
    if (!previous || (previous.auth.kind === server.auth.kind && previous.auth.detail === server.auth.detail))
      return [];
    return [
      {
        kind: "auth",
        change: "changed",
        name: server.name,
        detail: `${describeAuth(previous.auth)} → ${describeAuth(server.auth)}`,
      },
    ];
  });
}

type Hook = CapabilityReport["hooks"][number];

function hookName(hook: Hook): string {
  return hook.matcher === undefined ? hook.event : `${hook.event} ${hook.matcher}`;
}

function hookAction(hook: Hook): string {
  return hook.command ?? `(${hook.type} hook)`;
}

/**
 * Hooks are matched on event + matcher + command. Within one event + matcher, a single removed hook and
 * a single added one are reported as one changed command, which is how a reviewer thinks of an edit.
 */
function hookChanges(before: CapabilityReport, after: CapabilityReport): CapabilityChange[] {
  const identity = (hook: Hook) => `${hookName(hook)}\u0000${hookAction(hook)}`;
  const removed = subtract(before.hooks, after.hooks, identity);
  const added = subtract(after.hooks, before.hooks, identity);
  const changes: CapabilityChange[] = [];
  for (const name of unique([...removed, ...added].map(hookName))) {
    const gone = removed.filter((hook) => hookName(hook) === name);
    const come = added.filter((hook) => hookName(hook) === name);
    if (gone.length === 1 && come.length === 1) {
      changes.push({
        kind: "hooks",
        change: "changed",
        name,
        detail: `${hookAction(gone[0]!)} → ${hookAction(come[0]!)}`,
      });
      continue;
    }
    changes.push(
      ...come.map((hook): CapabilityChange => ({ kind: "hooks", change: "added", name, detail: hookAction(hook) })),
    );
    changes.push(
      ...gone.map((hook): CapabilityChange => ({ kind: "hooks", change: "removed", name, detail: hookAction(hook) })),
    );
  }
  return changes;
}

function appChanges(before: CapabilityReport, after: CapabilityReport): CapabilityChange[] {
  return compareKeyed(
    keyed(before.apps, (a) => a.key),
    keyed(after.apps, (a) => a.key),
    {
      kind: "apps",
      added: (app) => app.id,
      changed: (old, now) => (old.id === now.id ? undefined : `${old.id} → ${now.id}`),
    },
  );
}

// ---- helpers ----

interface KeyedRules<T> {
  kind: ChangeKind;
  added: (item: T) => string | undefined;
  /** The difference in words, or undefined when nothing a reviewer cares about changed. */
  changed: (old: T, now: T) => string | undefined;
}

/** Added, removed and changed items of two maps keyed by name. */
function compareKeyed<T>(old: Map<string, T>, now: Map<string, T>, rules: KeyedRules<T>): CapabilityChange[] {
  const changes: CapabilityChange[] = [];
  for (const [name, item] of now) {
    const previous = old.get(name);
    const detail = previous === undefined ? rules.added(item) : rules.changed(previous, item);
    if (previous !== undefined && detail === undefined) continue;
    changes.push(withDetail({ kind: rules.kind, change: previous === undefined ? "added" : "changed", name }, detail));
  }
  for (const name of old.keys()) {
    if (!now.has(name)) changes.push({ kind: rules.kind, change: "removed", name });
  }
  return changes;
}

/** Items by key; a repeated key (two skills with one name) gets `#2`, `#3` so neither is lost. */
function keyed<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    let unique = key;
    for (let n = 2; map.has(unique); n++) unique = `${key} #${n}`;
    map.set(unique, item);
  }
  return map;
}

/** Items of `from` not matched in `other`, counting repeats (a multiset difference). */
function subtract<T>(from: readonly T[], other: readonly T[], identity: (item: T) => string): T[] {
  const remaining = new Map<string, number>();
  for (const item of other) remaining.set(identity(item), (remaining.get(identity(item)) ?? 0) + 1);
  return from.filter((item) => {
    const count = remaining.get(identity(item)) ?? 0;
    if (count === 0) return true;
    remaining.set(identity(item), count - 1);
    return false;
  });
}

function withDetail(change: CapabilityChange, detail: string | undefined): CapabilityChange {
  return detail === undefined || detail === "" ? change : { ...change, detail };
}

const CHANGE_ORDER = { added: 0, changed: 1, removed: 2 } as const;

function compareChanges(a: CapabilityChange, b: CapabilityChange): number {
  return (
    CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind) ||
    CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change] ||
    compareText(a.name, b.name) ||
    compareText(a.detail ?? "", b.detail ?? "")
  );
}

function shorten(text: string, max = 80): string | undefined {
  if (text === "") return undefined;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function quote(text: string): string {
  return JSON.stringify(shorten(text, 60) ?? "");
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
