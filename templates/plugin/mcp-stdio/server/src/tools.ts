import { open, readdir, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";

/** One marker comment: where it is and what it says. */
export interface Todo {
  /** Relative to the folder that was scanned, with `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  marker: string;
  text: string;
}

export interface TodoReport {
  root: string;
  todos: Todo[];
  filesScanned: number;
  /** True when `limit` markers, or the file cap, stopped the scan early. */
  truncated: boolean;
}

export interface ListTodosOptions {
  markers?: readonly string[];
  limit?: number;
}

export const DEFAULT_MARKERS = ["TODO", "FIXME"] as const;
export const DEFAULT_LIMIT = 200;

/** Folders that hold dependencies, build output or version control, never the user's own notes. */
const SKIPPED_FOLDERS = new Set([".git", ".hg", ".svn", "node_modules", "dist", "build", "out", "coverage", ".next", ".turbo", ".cache", "target", "vendor", "__pycache__", ".venv", "venv"]);
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_FILES = 20_000;

/**
 * Lists marker comments (`TODO`, `FIXME`, ...) in the text files under `path` (a folder or one file), in
 * file order. The path must be absolute: the server runs in the plugin's folder, not the user's workspace.
 * Binary files, files over 1 MiB, symbolic links and dependency or build folders are skipped.
 */
export async function listTodos(path: string, options: ListTodosOptions = {}): Promise<TodoReport> {
  if (!isAbsolute(path)) throw new Error(`"${path}" is not an absolute path: pass the full path of the folder to scan (this server runs in the plugin's folder, not in your workspace)`);
  const markers = options.markers && options.markers.length > 0 ? [...options.markers] : [...DEFAULT_MARKERS];
  const limit = options.limit ?? DEFAULT_LIMIT;
  const pattern = markerPattern(markers);
  const info = await stat(path).catch(() => {
    throw new Error(`"${path}" does not exist or cannot be read`);
  });
  const root = info.isDirectory() ? path : join(path, "..");
  const files = info.isDirectory() ? walk(path) : single(path);
  const report: TodoReport = { root, todos: [], filesScanned: 0, truncated: false };
  for await (const file of files) {
    if (report.filesScanned >= MAX_FILES) {
      report.truncated = true;
      break;
    }
    const text = await readText(file);
    if (text === undefined) continue;
    report.filesScanned += 1;
    const lines = text.split(/\r?\n/);
    for (const [index, line] of lines.entries()) {
      const match = pattern.exec(line);
      if (!match) continue;
      if (report.todos.length >= limit) {
        report.truncated = true;
        return report;
      }
      report.todos.push({ file: relative(root, file).split(sep).join("/"), line: index + 1, marker: match[1] ?? "", text: cleanText(match[2] ?? "") });
    }
  }
  return report;
}

/** `src/app.ts:12 TODO handle the empty case`, one line per marker, then a summary line. */
export function formatTodos(report: TodoReport): string {
  const lines = report.todos.map((todo) => `${todo.file}:${todo.line} ${todo.marker}${todo.text === "" ? "" : ` ${todo.text}`}`);
  const count = `${report.todos.length} marker${report.todos.length === 1 ? "" : "s"} in ${report.filesScanned} file${report.filesScanned === 1 ? "" : "s"} under ${report.root}`;
  lines.push(report.truncated ? `${count} (stopped early: raise the limit or scan a smaller folder)` : count);
  return lines.join("\n");
}

/** A marker as a whole word, optionally followed by `(owner)` and `:`; the rest of the line is its text. */
function markerPattern(markers: readonly string[]): RegExp {
  const escaped = markers.map((marker) => marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![\\w-])(${escaped.join("|")})(?![\\w-])(?:\\([^)]*\\))?:?\\s*(.*)$`);
}

/** Drops the end of a block comment (`*\/`, `-->`) and surrounding spaces. */
function cleanText(text: string): string {
  return text.replace(/\s*(\*\/|-->)\s*$/, "").trim();
}

async function* single(file: string): AsyncGenerator<string> {
  yield file;
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) yield* walk(path);
    } else if (entry.isFile()) {
      yield path;
    }
  }
}

/** The file's text, or undefined for a file that is too large, binary (a NUL byte early on) or unreadable. */
async function readText(file: string): Promise<string | undefined> {
  try {
    const handle = await open(file, "r");
    try {
      const { size } = await handle.stat();
      if (size > MAX_FILE_BYTES) return undefined;
      const buffer = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buffer, 0, size, 0);
      const data = buffer.subarray(0, bytesRead);
      if (data.subarray(0, 8000).includes(0)) return undefined;
      return data.toString("utf8");
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
