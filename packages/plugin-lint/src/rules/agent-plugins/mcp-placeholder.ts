// agent-plugins/mcp-placeholder: placeholder-like text where clients leave it literal (§9.2, §7.2.1).
import { isRecord, type PointerSegment } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { ENV_REFERENCE, type McpFile, stringList } from "../mcp/servers.js";
import type { StandardServer } from "./mcp-file.js";
import { urlProblem } from "./mcp-remote.js";

const EXPANDED = new Set(["${PLUGIN_ROOT}", "${PLUGIN_DATA}"]);

interface Place {
  label: string;
  path: PointerSegment[];
  text: string;
  /** Whether clients expand `${PLUGIN_ROOT}` and `${PLUGIN_DATA}` here (args, env values, cwd). */
  expands: boolean;
  part?: "key";
}

function places(server: StandardServer): Place[] {
  const base = server.pointer;
  const out: Place[] = [];
  for (const [index, text] of (stringList(server.value.args) ?? []).entries())
    out.push({ label: `args[${index}]`, path: [...base, "args", index], text, expands: true });
  const env = server.value.env;
  if (isRecord(env))
    for (const [key, value] of Object.entries(env)) {
      out.push({ label: `env name "${key}"`, path: [...base, "env", key], text: key, expands: false, part: "key" });
      if (typeof value === "string")
        out.push({ label: `env "${key}"`, path: [...base, "env", key], text: value, expands: true });
    }
  // A cwd of another form is mcp-cwd's; placeholders after an allowed prefix are literal text.
  if (typeof server.value.cwd === "string")
    out.push({ label: "cwd", path: [...base, "cwd"], text: server.value.cwd, expands: true });
  // A url that is not a URL at all is mcp-url's to report.
  if (typeof server.value.url === "string" && urlProblem(server.value.url) === undefined)
    out.push({ label: "url", path: [...base, "url"], text: server.value.url, expands: false });
  const headers = server.value.headers;
  if (isRecord(headers))
    for (const [name, value] of Object.entries(headers)) {
      out.push({
        label: `header name "${name}"`,
        path: [...base, "headers", name],
        text: name,
        expands: false,
        part: "key",
      });
      if (typeof value === "string")
        out.push({ label: `header "${name}"`, path: [...base, "headers", name], text: value, expands: false });
    }
  return out;
}

function advice(references: readonly string[], expands: boolean): string {
  if (references.some((ref) => ref.includes("CLAUDE_PLUGIN_ROOT")))
    return expands ? "use ${PLUGIN_ROOT}, the standard's name for the plugin folder" : "write the value itself";
  return expands
    ? "only ${PLUGIN_ROOT} and ${PLUGIN_DATA} are expanded: write the value itself, or have the server read its own settings"
    : "write the value itself; credentials are the client's to supply (§7.2.1)";
}

export function checkPlaceholders(file: McpFile, server: StandardServer, context: RuleContext): void {
  for (const place of places(server)) {
    const found = [...place.text.matchAll(ENV_REFERENCE)].map((match) => match[0]);
    const literal = place.expands ? found.filter((ref) => !EXPANDED.has(ref)) : found;
    if (literal.length === 0) continue;
    const listed = [...new Set(literal)].join(", ");
    context.report({
      ruleId: "agent-plugins/mcp-placeholder",
      message: `server "${server.name}" ${place.label} holds ${listed}, which clients pass on as literal text (§9.2${place.expands ? "" : ", §7.2.1"}); ${advice(literal, place.expands)}`,
      file: file.path,
      at: { doc: file.doc, path: place.path, ...(place.part ? { part: place.part } : {}) },
    });
  }
}
