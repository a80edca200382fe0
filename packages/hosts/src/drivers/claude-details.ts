/**
 * `claude plugin details <plugin>` has no --json: this reads its text. The header is `<name> <version>`, then
 * `  Description:` / `  Source:` lines, then a "Component inventory" block of lines such as
 * `  Skills (2)  doit, hello` or `  Hooks (1)  SessionStart  (harness-only — no model context cost)`.
 */
export interface PluginDetails {
  /** The first line, `<name> <version>` as printed: split it with the version from `plugin list --json`. */
  header: string;
  description?: string;
  source?: string;
  /**
   * Inventory label (`Skills`, `Agents`, `Hooks`, `MCP servers`, `LSP servers`...) → the count and the names listed
   * (for hooks the names are events, which may be fewer than the hooks).
   */
  components: Record<string, { count: number; names: string[] }>;
  /**
   * The "Projected token cost" block: Claude Code's own estimate, as printed (`~39`, `< 20`), of the always-on total
   * and of each skill, command and agent. Absent when the text has none.
   */
  tokens?: { alwaysOn: string; components: { name: string; alwaysOn: string; onInvoke: string }[] };
}

const INVENTORY_HEADER = "Component inventory";
// "  Skills (2)  doit, hello  (note)": a label, a count, then the names, then an optional note in parentheses.
const COMPONENT_LINE = /^\s{2}(\S.*?) \((\d+)\)(?: {2}(.*))?$/;

/** Reads the text; undefined when it has no component inventory (a format this parser does not know). */
export function parsePluginDetails(text: string): PluginDetails | undefined {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const start = lines.findIndex((line) => line.trim() === INVENTORY_HEADER);
  if (start < 1) return undefined;
  const details: PluginDetails = { header: lines.find((line) => line.trim() !== "")!, components: {} };
  for (const line of lines.slice(1, start)) {
    const field = /^\s{2}(Description|Source): (.*)$/.exec(line);
    if (field?.[1] === "Description") details.description = field[2]!;
    if (field?.[1] === "Source") details.source = field[2]!;
  }
  let end = start + 1;
  for (; end < lines.length; end++) {
    const line = lines[end]!;
    if (line.trim() === "") break;
    const match = COMPONENT_LINE.exec(line);
    if (match === null) return undefined;
    const [, label, count, rest = ""] = match;
    details.components[label!] = { count: Number(count), names: splitNames(rest) };
  }
  const tokens = tokenCost(lines.slice(end));
  if (tokens !== undefined) details.tokens = tokens;
  return details;
}

// "  Always-on:   ~39 tok   added to every session"; "  summarize        ~20       < 20".
const ALWAYS_ON_LINE = /^\s{2}Always-on:\s+(\S.*?) tok\b/;
const FIGURE = String.raw`(?:~|< )?[\d,.]+k?`;
const COMPONENT_COST_LINE = new RegExp(String.raw`^\s{2}(\S+)\s+(${FIGURE})\s+(${FIGURE})$`);

/** The "Projected token cost" block after the inventory, when there is one. */
function tokenCost(lines: readonly string[]): PluginDetails["tokens"] {
  const start = lines.findIndex((line) => line.trim() === "Projected token cost");
  if (start === -1) return undefined;
  const alwaysOn = lines
    .slice(start + 1)
    .map((line) => ALWAYS_ON_LINE.exec(line)?.[1])
    .find(Boolean);
  if (alwaysOn === undefined) return undefined;
  const components: { name: string; alwaysOn: string; onInvoke: string }[] = [];
  const table = lines.findIndex((line, index) => index > start && line.trim() === "Per-component (rounded)");
  if (table !== -1) {
    // The row after the heading is the column header ("component  always-on  on-invoke").
    for (const line of lines.slice(table + 2)) {
      const match = COMPONENT_COST_LINE.exec(line);
      if (match === null) break;
      components.push({ name: match[1]!, alwaysOn: match[2]!, onInvoke: match[3]! });
    }
  }
  return { alwaysOn, components };
}

/** The plugin name from the header: a version may itself contain spaces, so it is cut off by its known value. */
export function nameFromHeader(header: string, version: string | undefined): string {
  if (version !== undefined && header.endsWith(` ${version}`)) return header.slice(0, -(version.length + 1));
  const space = header.trimEnd().lastIndexOf(" ");
  return space > 0 ? header.slice(0, space) : header.trim();
}

/** `doit, hello  (a note)` → ["doit", "hello"]. */
function splitNames(rest: string): string[] {
  const list = rest.replace(/ {2}\(.*\)$/, "").trim();
  if (list === "") return [];
  return list.split(", ").map((name) => name.trim());
}
