/**
 * Reads a policy file and validates it with the precompiled schema (schemas/policy.schema.json). A policy that
 * cannot be read or does not match the schema stops the command (exit 2) with one line: the file, the line and
 * JSON pointer of the first problem, and what to do. A policy is never half applied.
 */
import { createHash } from "node:crypto";
import { relative, resolve } from "node:path";
import { checkSchema, locate, parseJson, readTextFile, type PointerSegment } from "@agent-plugin/core";
import { PackError } from "../errors.js";
import type { LoadedPolicy, Policy } from "./types.js";

/** Where a reader finds what each rule means. */
const SEE = "see docs/governance.md#policy";

export function loadPolicy(file: string, cwd: string): LoadedPolicy {
  const path = resolve(cwd, file);
  const shown = shownPath(cwd, path);
  const read = readTextFile(path);
  if (!read.ok)
    throw new PackError(`policy ${shown} ${read.message}: give --policy the path of a policy JSON file (${SEE})`, path);
  const document = parseJson(read.text);
  const syntax = document.problems[0];
  if (document.value === undefined || syntax !== undefined) {
    const at = syntax === undefined ? "" : `:${where(document.lines.position(syntax.offset))}`;
    throw new PackError(
      `${shown}${at}: the policy is not valid JSON (${syntax?.message ?? "empty file"}): fix the file (${SEE})`,
      path,
    );
  }
  const issues = checkSchema("policy", document.value);
  const first = issues[0];
  if (first !== undefined) {
    const position = document.lines.position(locate(document, first.path, first.part).offset);
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length === 2 ? "" : "s"})` : "";
    throw new PackError(
      `${shown}:${where(position)}: ${pointer(first.path)}: ${first.message}${more}: fix the policy (${SEE})`,
      path,
    );
  }
  return {
    file: path,
    sha256: createHash("sha256").update(read.text).digest("hex"),
    policy: document.value as Policy,
  };
}

function where(position: { line: number; column: number }): string {
  return `${position.line}:${position.column}`;
}

/** RFC 6901: the location a reader searches for, "" being the whole document. */
function pointer(path: readonly PointerSegment[]): string {
  return path.length === 0 ? "/" : path.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") ? path : rel;
}
