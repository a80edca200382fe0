// Claude Code's plugin components beyond skills, MCP servers and hooks: agents, commands and output styles (Markdown
// with frontmatter), LSP servers (`.lsp.json`) and monitors (`monitors/monitors.json`), found where Claude Code
// looks for them and read once.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TextReadResult } from "./fs-safe.js";
import { parseJson } from "./parse/json.js";
import { parseYaml, splitFrontmatter, type YamlDocument } from "./parse/yaml.js";
import { isInside, resolvePluginPath, toPosixRelative } from "./paths.js";
import { LineIndex } from "./text.js";
import type { WalkResult } from "./walk.js";

export type MarkdownComponentKind = "agent" | "command" | "output-style";

/** An agent, command or output style file: a Markdown file under one of the component folders. */
export interface MarkdownComponent {
  kind: MarkdownComponentKind;
  path: string;
  /** The folder it was found under (`agents/`, or a folder the manifest names); the file itself for a named file. */
  componentRoot: string;
  /** Its path below `componentRoot`, with `/` separators (`team/helper.md`); its name for a named file. */
  relative: string;
  text: string;
  lines: LineIndex;
  /** Parsed frontmatter; absent when `frontmatterError` says why. */
  frontmatter?: YamlDocument;
  frontmatterError?: { message: string; offset: number; length: number };
  bodyStart: number;
}

export interface ClaudeComponentFile {
  path: string;
  doc: ReturnType<typeof parseJson>;
}

export interface ClaudeComponents {
  markdown: MarkdownComponent[];
  /** `.lsp.json` and the LSP files the manifest's `lspServers` names. */
  lspFiles: ClaudeComponentFile[];
  /** `monitors/monitors.json`, or the file the manifest's `monitors` names. */
  monitorFiles: ClaudeComponentFile[];
}

/** Default folder and manifest field of each Markdown component. */
const MARKDOWN_FOLDERS: readonly { kind: MarkdownComponentKind; folder: string; field: string }[] = [
  { kind: "agent", folder: "agents", field: "agents" },
  { kind: "command", folder: "commands", field: "commands" },
  { kind: "output-style", folder: "output-styles", field: "outputStyles" },
];

export function loadClaudeComponents(options: {
  root: string;
  files: WalkResult;
  manifest: Record<string, unknown>;
  readText: (path: string) => TextReadResult;
}): ClaudeComponents {
  const { root, files, manifest, readText } = options;
  const declared = (value: unknown): string[] =>
    (typeof value === "string" ? [value] : Array.isArray(value) ? value : []).flatMap((item) => {
      if (typeof item !== "string") return [];
      const resolved = resolvePluginPath(item, { root });
      return resolved.ok ? [resolved.absolute] : [];
    });

  const markdown: MarkdownComponent[] = [];
  const seen = new Set<string>();
  for (const { kind, folder, field } of MARKDOWN_FOLDERS) {
    for (const componentRoot of [join(root, folder), ...declared(manifest[field])]) {
      if (!existsSync(componentRoot)) continue;
      const isFile = statSync(componentRoot).isFile();
      for (const file of files.files) {
        const inside = isFile ? file.absolute === componentRoot : isInside(componentRoot, file.absolute);
        if (!inside || !file.relative.toLowerCase().endsWith(".md") || seen.has(file.absolute)) continue;
        const text = readText(file.absolute);
        if (!text.ok) continue;
        seen.add(file.absolute);
        const relative = isFile
          ? (file.relative.split("/").pop() ?? "")
          : toPosixRelative(componentRoot, file.absolute);
        markdown.push(markdownComponent(kind, file.absolute, componentRoot, relative, text.text));
      }
    }
  }

  const readJsonFile = (path: string): ClaudeComponentFile[] => {
    if (!existsSync(path) || !statSync(path).isFile()) return [];
    const text = readText(path);
    return text.ok ? [{ path, doc: parseJson(text.text) }] : [];
  };
  const lspFiles = [join(root, ".lsp.json"), ...declared(lspPaths(manifest.lspServers))].flatMap(readJsonFile);
  const monitorsField = monitorsOf(manifest);
  const monitorFiles =
    typeof monitorsField === "string"
      ? declared(monitorsField).flatMap(readJsonFile)
      : monitorsField === undefined
        ? readJsonFile(join(root, "monitors/monitors.json"))
        : [];
  return { markdown, lspFiles, monitorFiles };
}

/** The manifest's monitors: under `experimental.monitors`, or the older top-level `monitors`. */
export function monitorsOf(manifest: Record<string, unknown>): unknown {
  const experimental = manifest.experimental;
  if (typeof experimental === "object" && experimental !== null && "monitors" in experimental)
    return (experimental as Record<string, unknown>).monitors;
  return manifest.monitors;
}

/** The file paths among `lspServers` (a path, an inline map, or a list of either). */
function lspPaths(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is string => typeof item === "string");
}

function markdownComponent(
  kind: MarkdownComponentKind,
  path: string,
  componentRoot: string,
  relative: string,
  text: string,
): MarkdownComponent {
  const lines = new LineIndex(text);
  const component: MarkdownComponent = { kind, path, componentRoot, relative, text, lines, bodyStart: 0 };
  const split = splitFrontmatter(text);
  if (split.ok) {
    component.frontmatter = parseYaml(text, split.split.yamlStart, split.split.yamlEnd, lines);
    component.bodyStart = split.split.bodyStart;
  } else {
    component.frontmatterError = {
      message: split.message.replace("SKILL.md", "the file"),
      offset: split.offset,
      length: split.length,
    };
  }
  return component;
}
