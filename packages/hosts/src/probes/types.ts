import type { HostId } from "@agent-plugin/core";

/** A file of a probe: text (written as UTF-8), exact bytes, or a symbolic link. */
export type ProbeFile = string | Uint8Array | { symlink: string };

/** The files of a probe, by path relative to the plugin (or, for a marketplace probe, the marketplace) folder. */
export type ProbeFiles = Record<string, ProbeFile>;

/** Which file a probe mutates. */
export type FileKind =
  | "plugin"
  | "codex-plugin-json"
  | "claude-plugin-json"
  | "plugin-json"
  | "root-plugin-json"
  | "marketplace-json"
  | "mcp-json"
  | "app-json"
  | "hooks-json"
  | "skill-md"
  | "openai-yaml"
  | "agent-md"
  | "command-md"
  | "output-style-md"
  | "lsp-json"
  | "monitors-json"
  | "package-json";

/** What about the file a probe changes. */
export type Dimension =
  | "baseline"
  | "encoding"
  | "line-endings"
  | "frontmatter"
  | "file-name"
  | "nesting"
  | "yaml-types"
  | "yaml-syntax"
  | "json-syntax"
  | "length"
  | "shape"
  | "location"
  | "unknown-field"
  | "missing-field"
  | "value"
  | "path"
  | "symlink";

export interface Probe {
  /** Stable id, `<kind>/<dimension>/<what>`: the key of its result in the data files. Never reuse one. */
  id: string;
  /** One line: what the probe changes from a clean plugin. */
  description: string;
  kind: FileKind;
  dimension: Dimension;
  hosts: readonly HostId[];
  /**
   * The plugin's folder and marketplace entry name. Default: `p` and 6 hex digits of the id's hash, short so that
   * `<plugin>:<skill>` length probes control the total.
   */
  plugin?: string;
  /**
   * The plugin's files (or the marketplace's, for a marketplace probe), for the host it runs on; `plugin` is the
   * plugin's name, which its manifest must repeat.
   */
  files: (host: HostId, plugin: string) => ProbeFiles;
  /**
   * Files outside the plugin, for links that escape it: a link target `<outside>/x` points at the file `x` here.
   */
  outside?: Record<string, string>;
  /** Fields merged into the plugin's marketplace entry, per host. */
  entry?: Partial<Record<HostId, Record<string, unknown>>>;
  /** The files are a whole marketplace folder, added as it is. */
  marketplace?: boolean;
}
