#!/usr/bin/env node
// todo-scout: a dependency-free MCP server over stdio (newline-delimited JSON-RPC 2.0).
//
// Tool:
//   list_todos  the TODO, FIXME, HACK and XXX comments under a folder, as file:line entries
//
// The server runs in the plugin's folder (mcp.json's "cwd": "./"), so `path` is the absolute folder to scan.
// Inside a git work tree the file list comes from `git ls-files`, so .gitignore is honoured.
// stdout carries only protocol messages; diagnostics go to stderr.

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { createInterface } from "node:readline";

const SERVER_INFO = { name: "todo-scout", version: "0.1.0" };
const SUPPORTED_PROTOCOL_VERSIONS = ["2025-06-18", "2025-03-26", "2024-11-05"];
const DEFAULT_TAGS = ["TODO", "FIXME", "HACK", "XXX"];
const SKIPPED_DIRS = new Set([".git", ".hg", ".svn", "node_modules", "dist", "build", "out", "target", "coverage", ".venv"]);
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_FILES = 50000;

const log = (...parts) => process.stderr.write(`[todo-scout] ${parts.join(" ")}\n`);
const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

class ToolInputError extends Error {}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The files to scan, relative to root: git's list inside a work tree (honours .gitignore), else a walk. */
function filesUnder(root) {
  try {
    const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out.split("\0").filter(Boolean).slice(0, MAX_FILES);
  } catch {
    const files = [];
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (files.length >= MAX_FILES) return;
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name));
        } else if (entry.isFile()) files.push(relative(root, join(dir, entry.name)));
      }
    };
    walk(root);
    return files;
  }
}

function listTodos(args) {
  const { path, tags = DEFAULT_TAGS, max_results: maxResults = 500 } = args;
  if (typeof path !== "string" || !isAbsolute(path)) throw new ToolInputError("`path` must be an absolute folder path");
  if (!isDirectory(path)) throw new ToolInputError(`not a folder: ${path}`);
  if (!Array.isArray(tags) || tags.length === 0 || !tags.every((tag) => /^[A-Za-z]+$/.test(tag)))
    throw new ToolInputError("`tags` must be a non-empty list of words, such as [\"TODO\", \"FIXME\"]");
  if (!Number.isInteger(maxResults) || maxResults < 1) throw new ToolInputError("`max_results` must be a positive integer");
  // TAG, TAG: text, TAG(owner): text; the owner is dropped, the text kept.
  const pattern = new RegExp(`\\b(${tags.join("|")})\\b(?:\\([^)]*\\))?:?\\s*(.*)$`);
  const todos = [];
  let truncated = false;
  for (const file of filesUnder(path)) {
    const absolute = join(path, file);
    let text;
    try {
      if (statSync(absolute).size > MAX_FILE_BYTES) continue;
      text = readFileSync(absolute, "utf8");
    } catch {
      continue; // unreadable, or removed since it was listed
    }
    if (text.includes("\0")) continue; // binary
    const lines = text.split(/\r?\n/);
    for (let index = 0; index < lines.length; index++) {
      const match = pattern.exec(lines[index]);
      if (!match) continue;
      if (todos.length >= maxResults) {
        truncated = true;
        break;
      }
      todos.push({ file: file.split("\\").join("/"), line: index + 1, tag: match[1], text: match[2].trim().slice(0, 200) });
    }
    if (truncated) break;
  }
  const text = todos.length === 0
    ? `No ${tags.join(", ")} comments under ${path}.`
    : `${todos.map((t) => `${t.file}:${t.line} ${t.tag} ${t.text}`.trimEnd()).join("\n")}${truncated ? `\n(truncated at ${maxResults})` : ""}`;
  return { text, structured: { root: path, todos, truncated } };
}

const TOOLS = [
  {
    name: "list_todos",
    title: "List TODO comments",
    description:
      "List the TODO, FIXME, HACK and XXX comments in the files under a folder, one entry per comment with its file, line, tag and text. Read-only.",
    inputSchema: {
      type: "object",
      properties: {
        path: { type: "string", description: "Absolute path of the folder to scan" },
        tags: { type: "array", items: { type: "string" }, description: "Tags to look for (default TODO, FIXME, HACK, XXX)" },
        max_results: { type: "integer", minimum: 1, description: "Stop after this many entries (default 500)" },
      },
      required: ["path"],
      additionalProperties: false,
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: listTodos,
  },
];

// ---------------------------------------------------------------- protocol

const result = (id, value) => ({ jsonrpc: "2.0", id, result: value });
const error = (id, code, message) => ({ jsonrpc: "2.0", id, error: { code, message } });

function handleRequest({ id, method, params = {} }) {
  switch (method) {
    case "initialize": {
      const requested = params.protocolVersion;
      const protocolVersion = SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : SUPPORTED_PROTOCOL_VERSIONS[0];
      return result(id, {
        protocolVersion,
        capabilities: { tools: { listChanged: false } },
        serverInfo: SERVER_INFO,
        instructions: "Read-only. Pass the absolute path of the folder to scan: the server runs in the plugin's folder.",
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

function dispatch(message) {
  if (message === null || typeof message !== "object" || message.jsonrpc !== "2.0")
    return error(message?.id ?? null, -32600, "Invalid Request");
  if (typeof message.method !== "string") return undefined; // a response to a request this server never sends
  if (message.id === undefined || message.id === null) return undefined; // notifications need no action
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
  try {
    const response = dispatch(parsed);
    if (response) send(response);
  } catch (err) {
    log(err?.stack ?? String(err));
    if (parsed?.id !== undefined && parsed?.id !== null) send(error(parsed.id, -32603, "Internal error"));
  }
});
input.on("close", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
log(`ready (${SERVER_INFO.name} ${SERVER_INFO.version}, node ${process.version})`);
