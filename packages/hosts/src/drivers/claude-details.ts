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
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "") break;
    const match = COMPONENT_LINE.exec(line);
    if (match === null) return undefined;
    const [, label, count, rest = ""] = match;
    details.components[label!] = { count: Number(count), names: splitNames(rest) };
  }
  return details;
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
