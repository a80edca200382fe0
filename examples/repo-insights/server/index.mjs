#!/usr/bin/env node
// repo-insights: a dependency-free MCP server over stdio (newline-delimited JSON-RPC 2.0).
//
// Tools:
//   count_lines_by_extension  lines of code per file extension in a directory tree
//   largest_files             the files with the most lines in a directory tree
//
// Which directory is scanned, in order of preference:
//   1. the `path` argument of the tool call (absolute, or relative to the default root)
//   2. the first `file://` root the client reports through MCP `roots/list`
//   3. the REPO_INSIGHTS_ROOT environment variable
//   4. the PWD environment variable inherited from the host (the directory the agent runs in)
//   5. the server's own working directory
// Inside a git work tree the file list comes from `git ls-files`, so .gitignore is honoured.
// stdout carries only protocol messages; diagnostics go to stderr.

import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const SERVER_INFO = { name: "repo-insights", version: "0.3.0" };
const SUPPORTED_PROTOCOL_VERSIONS = ["2025-06-18", "2025-03-26", "2024-11-05"];
const SKIPPED_DIRS = new Set([
  ".git", ".hg", ".svn", "node_modules", "bower_components", "vendor", "dist", "build", "out",
  "target", "coverage", ".next", ".nuxt", ".turbo", ".cache", "__pycache__", ".venv", "venv",
  ".tox", ".mypy_cache", ".pytest_cache", ".gradle", ".idea", ".vscode",
]);
const NAMED_FILES = new Set(["Dockerfile", "Makefile", "Rakefile", "Gemfile", "Jenkinsfile", "Procfile", "Vagrantfile"]);
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_FILES = 50000;

let clientRoots = null;
let clientSupportsRoots = false;
let nextRequestId = 1;

const log = (...parts) => process.stderr.write(`[repo-insights] ${parts.join(" ")}\n`);
const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

class ToolInputError extends Error {}

// ---------------------------------------------------------------- file discovery

function defaultRoot() {
  if (clientRoots && clientRoots.length > 0) return clientRoots[0];
  if (process.env.REPO_INSIGHTS_ROOT) return resolve(process.env.REPO_INSIGHTS_ROOT);
  if (process.env.PWD && isDirectory(process.env.PWD)) return resolve(process.env.PWD);
  return process.cwd();
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function resolveRoot(pathArg) {
  if (pathArg !== undefined && typeof pathArg !== "string") throw new ToolInputError("`path` must be a string");
  const root = pathArg ? resolve(defaultRoot(), pathArg) : defaultRoot();
  if (!isDirectory(root)) throw new ToolInputError(`not a directory: ${root}`);
  return root;
}

function gitFiles(root) {
  try {
    const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out.split("\0").filter(Boolean);
  } catch {
    return null; // not a git work tree, or git is not installed
  }
}

function walkFiles(root, includeHidden, maxFiles) {
  const files = [];
  const stack = [""];
  while (stack.length > 0 && files.length < maxFiles) {
    const dir = stack.pop();
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!includeHidden && entry.name.startsWith(".")) continue;
      const rel = dir ? join(dir, entry.name) : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(rel);
      } else if (entry.isFile()) {
        files.push(rel);
        if (files.length >= maxFiles) break;
      }
    }
  }
  return files;
}

function listFiles(root, { includeHidden = false, maxFiles = DEFAULT_MAX_FILES } = {}) {
  const fromGit = gitFiles(root);
  let files;
  let source;
  if (fromGit) {
    source = "git ls-files";
    files = fromGit.filter((rel) => {
      const parts = rel.split("/");
      if (!includeHidden && parts.some((p) => p.startsWith("."))) return false;
      return !parts.slice(0, -1).some((p) => SKIPPED_DIRS.has(p));
    });
  } else {
    source = "directory walk";
    files = walkFiles(root, includeHidden, maxFiles + 1);
  }
  const truncated = files.length > maxFiles;
  return { files: truncated ? files.slice(0, maxFiles) : files, truncated, source };
}

function languageKey(rel) {
  const name = basename(rel);
  if (NAMED_FILES.has(name)) return name;
  const ext = extname(name).toLowerCase();
  return ext && ext !== name ? ext : "(no extension)";
}

function isBinary(buffer) {
  const end = Math.min(buffer.length, 8000);
  for (let i = 0; i < end; i++) if (buffer[i] === 0) return true;
  return false;
}

function measureFile(absPath) {
  let size;
  try {
    const st = statSync(absPath);
    if (!st.isFile()) return null;
    size = st.size;
  } catch {
    return null;
  }
  if (size > MAX_FILE_BYTES) return { skipped: "too large", bytes: size };
  let buffer;
  try {
    buffer = readFileSync(absPath);
  } catch {
    return null;
  }
  if (isBinary(buffer)) return { skipped: "binary", bytes: size };
  if (buffer.length === 0) return { lines: 0, blank: 0, bytes: 0 };
  const text = buffer.toString("utf8");
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  let blank = 0;
  for (const line of lines) if (line.trim() === "") blank++;
  return { lines: lines.length, blank, bytes: size };
}

function parseLimit(value, name, fallback, max) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ToolInputError(`\`${name}\` must be an integer between 1 and ${max}`);
  }
  return value;
}

// ---------------------------------------------------------------- tools

function countLinesByExtension(args) {
  const root = resolveRoot(args.path);
  const includeHidden = args.include_hidden === true;
  const maxFiles = parseLimit(args.max_files, "max_files", DEFAULT_MAX_FILES, 1000000);
  const { files, truncated, source } = listFiles(root, { includeHidden, maxFiles });
  const byExt = new Map();
  let skippedBinary = 0;
  let skippedLarge = 0;
  for (const rel of files) {
    const m = measureFile(join(root, rel));
    if (!m) continue;
    if (m.skipped === "binary") { skippedBinary++; continue; }
    if (m.skipped) { skippedLarge++; continue; }
    const key = languageKey(rel);
    const row = byExt.get(key) ?? { extension: key, files: 0, lines: 0, blank: 0, code: 0, bytes: 0 };
    row.files++;
    row.lines += m.lines;
    row.blank += m.blank;
    row.code += m.lines - m.blank;
    row.bytes += m.bytes;
    byExt.set(key, row);
  }
  const rows = [...byExt.values()].sort((a, b) => b.code - a.code || a.extension.localeCompare(b.extension));
  const totals = rows.reduce(
    (t, r) => ({ files: t.files + r.files, lines: t.lines + r.lines, blank: t.blank + r.blank, code: t.code + r.code }),
    { files: 0, lines: 0, blank: 0, code: 0 },
  );
  const structured = { root, source, truncated, skipped: { binary: skippedBinary, tooLarge: skippedLarge }, totals, byExtension: rows };
  const table = [
    "| extension | files | non-blank lines | blank lines |",
    "|---|---:|---:|---:|",
    ...rows.map((r) => `| ${r.extension} | ${r.files} | ${r.code} | ${r.blank} |`),
    `| **total** | ${totals.files} | ${totals.code} | ${totals.blank} |`,
  ].join("\n");
  const notes = [
    `Scanned ${root} (file list from ${source}).`,
    skippedBinary || skippedLarge ? `Skipped ${skippedBinary} binary and ${skippedLarge} files over 2 MiB.` : "",
    truncated ? `Stopped after ${maxFiles} files; raise max_files to scan more.` : "",
  ].filter(Boolean).join(" ");
  return { text: `${notes}\n\n${table}`, structured };
}

function largestFiles(args) {
  const root = resolveRoot(args.path);
  const limit = parseLimit(args.limit, "limit", 10, 100);
  const { files, truncated, source } = listFiles(root, { includeHidden: args.include_hidden === true });
  const measured = [];
  for (const rel of files) {
    const m = measureFile(join(root, rel));
    if (!m || m.skipped) continue;
    measured.push({ path: rel.split("\\").join("/"), lines: m.lines, code: m.lines - m.blank, bytes: m.bytes });
  }
  measured.sort((a, b) => b.lines - a.lines || a.path.localeCompare(b.path));
  const top = measured.slice(0, limit);
  const structured = { root, source, truncated, files: top };
  const table = [
    "| file | lines | non-blank | bytes |",
    "|---|---:|---:|---:|",
    ...top.map((f) => `| ${f.path} | ${f.lines} | ${f.code} | ${f.bytes} |`),
  ].join("\n");
  return { text: `The ${top.length} largest text files under ${root} by line count (file list from ${source}):\n\n${table}`, structured };
}

const PATH_PROPERTY = {
  type: "string",
  description: "Directory to scan: an absolute path, or a path relative to the workspace root. Defaults to the workspace root.",
};
const HIDDEN_PROPERTY = {
  type: "boolean",
  description: "Also count files and folders whose names start with a dot. Default false.",
};

const TOOLS = [
  {
    name: "count_lines_by_extension",
    title: "Count lines by extension",
    description:
      "Count files, non-blank lines and blank lines per file extension under a directory. Honours .gitignore inside git repositories and skips binary files, files over 2 MiB and dependency or build folders.",
    inputSchema: {
      type: "object",
      properties: {
        path: PATH_PROPERTY,
        include_hidden: HIDDEN_PROPERTY,
        max_files: { type: "integer", minimum: 1, maximum: 1000000, description: "Stop after this many files. Default 50000." },
      },
      additionalProperties: false,
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: countLinesByExtension,
  },
  {
    name: "largest_files",
    title: "Largest files",
    description:
      "List the text files with the most lines under a directory, with their non-blank line count and size in bytes. Useful for spotting files that should be split.",
    inputSchema: {
      type: "object",
      properties: {
        path: PATH_PROPERTY,
        include_hidden: HIDDEN_PROPERTY,
        limit: { type: "integer", minimum: 1, maximum: 100, description: "How many files to return. Default 10." },
      },
      additionalProperties: false,
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: largestFiles,
  },
];

// ---------------------------------------------------------------- protocol

function result(id, value) {
  return { jsonrpc: "2.0", id, result: value };
}

function error(id, code, message) {
  return { jsonrpc: "2.0", id, error: { code, message } };
}

function requestRoots() {
  send({ jsonrpc: "2.0", id: `repo-insights-roots-${nextRequestId++}`, method: "roots/list" });
}

function handleClientResponse(message) {
  if (typeof message.id !== "string" || !message.id.startsWith("repo-insights-roots-")) return;
  if (message.error) {
    log("roots/list failed:", message.error.message ?? "unknown error");
    return;
  }
  const roots = Array.isArray(message.result?.roots) ? message.result.roots : [];
  clientRoots = roots
    .map((r) => (typeof r?.uri === "string" && r.uri.startsWith("file://") ? fileURLToPath(r.uri) : null))
    .filter((p) => p && isDirectory(p));
  log("workspace roots:", clientRoots.join(", ") || "(none)");
}

function handleRequest(message) {
  const { id, method, params = {} } = message;
  switch (method) {
    case "initialize": {
      const requested = params.protocolVersion;
      const protocolVersion = SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : SUPPORTED_PROTOCOL_VERSIONS[0];
      clientSupportsRoots = Boolean(params.capabilities?.roots);
      return result(id, {
        protocolVersion,
        capabilities: { tools: { listChanged: false } },
        serverInfo: SERVER_INFO,
        instructions:
          "Read-only code statistics for the current workspace. Pass an absolute `path` when the workspace root is not the directory you want to scan.",
      });
    }
    case "ping":
      return result(id, {});
    case "tools/list":
      return result(id, { tools: TOOLS.map(({ run, ...tool }) => tool) });
    case "tools/call": {
      const tool = TOOLS.find((t) => t.name === params.name);
      if (!tool) return error(id, -32602, `Unknown tool: ${params.name}`);
      const args = params.arguments ?? {};
      if (typeof args !== "object" || Array.isArray(args)) return error(id, -32602, "`arguments` must be an object");
      try {
        const { text, structured } = tool.run(args);
        return result(id, { content: [{ type: "text", text }], structuredContent: structured, isError: false });
      } catch (err) {
        const text = err instanceof ToolInputError ? err.message : `Internal error: ${err?.message ?? err}`;
        if (!(err instanceof ToolInputError)) log(err?.stack ?? String(err));
        return result(id, { content: [{ type: "text", text }], isError: true });
      }
    }
    default:
      return error(id, -32601, `Method not found: ${method}`);
  }
}

function handleNotification(message) {
  switch (message.method) {
    case "notifications/initialized":
      if (clientSupportsRoots) requestRoots();
      return;
    case "notifications/roots/list_changed":
      if (clientSupportsRoots) requestRoots();
      return;
    default:
      return; // notifications/cancelled and others need no action: every call here is synchronous
  }
}

function dispatch(message) {
  if (message === null || typeof message !== "object" || message.jsonrpc !== "2.0") {
    return error(message?.id ?? null, -32600, "Invalid Request");
  }
  if (typeof message.method !== "string") return handleClientResponse(message);
  if (message.id === undefined || message.id === null) return handleNotification(message);
  return handleRequest(message);
}

const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on("line", (line) => {
  if (line.trim() === "") return;
  let parsed;
  try {
    parsed = JSON.parse(line);
  } catch {
    return send(error(null, -32700, "Parse error"));
  }
  const isBatch = Array.isArray(parsed);
  if (isBatch && parsed.length === 0) return send(error(null, -32600, "Invalid Request: empty batch"));
  const responses = [];
  for (const message of isBatch ? parsed : [parsed]) {
    try {
      const response = dispatch(message);
      if (response) responses.push(response);
    } catch (err) {
      log(err?.stack ?? String(err));
      if (message && message.id !== undefined && message.id !== null) responses.push(error(message.id, -32603, "Internal error"));
    }
  }
  if (responses.length > 0) send(isBatch ? responses : responses[0]);
});
input.on("close", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
log(`ready (${SERVER_INFO.name} ${SERVER_INFO.version}, node ${process.version})`);
