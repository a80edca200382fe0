/** What `plugin-pack convert` takes and reports. Plain data: printed, or JSON with --json. */
import type { TargetId } from "@agent-plugin/core";

export interface ConvertOptions {
  /** The plugin folder; default `cwd`. */
  dir?: string;
  cwd?: string;
  /** The layout to write. */
  to: TargetId;
  /** The layout to read, when the plugin has several; default the standard's, then Codex's, then Claude Code's. */
  from?: TargetId;
  /** The new plugin folder (missing or empty); default `<parent>/<name>-<to>/<name>`. Not with `inPlace`. */
  out?: string;
  /** Replace the plugin folder itself, through a converted copy swapped in at the end. */
  inPlace?: boolean;
}

/** Something of the source plugin the target layout has no place for: printed, never dropped silently. */
export interface NotCarried {
  /** The source file it is in, relative to the plugin root. */
  file: string;
  /** `manifest` field, an MCP `server` (or one of its fields), or a component such as hooks or apps. */
  part: "manifest" | "server" | "component";
  /** The field, server or component name. */
  name: string;
  /** The server field, for a part of a server. */
  field?: string;
  /** Why the target cannot hold it, and what to do. */
  reason: string;
}

export interface ConvertReport {
  name: string;
  from: TargetId;
  to: TargetId;
  /** The folder written, absolute. */
  dir: string;
  inPlace: boolean;
  /** Files written or rewritten for the target layout, relative to `dir`, sorted. */
  written: string[];
  /** Files of the source layout that the target does not read, left out, relative to the plugin root, sorted. */
  removed: string[];
  /** The MCP servers carried into the target's MCP file. */
  servers: string[];
  notCarried: NotCarried[];
}
