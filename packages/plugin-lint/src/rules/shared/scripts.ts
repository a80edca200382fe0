// Local scripts named by MCP server commands and hook commands: which words are script paths,
// where they resolve, and whether they exist and can be executed. Shared by mcp/command and hooks/command.
import { existsSync, statSync } from "node:fs";
import { basename, isAbsolute, resolve } from "node:path";
import { isInside, toPosixRelative, type PointerSegment } from "@agent-plugin/core";
import type { RuleContext, RuleId } from "../../rule.js";
import type { ParsedFile } from "./schema.js";
import { checkPath } from "../path/check.js";

/** Variables hosts set to the plugin's install folder: a path after one resolves against the plugin root. */
const PLUGIN_ROOT_PREFIX =
  /^(?:\$\{(?:CLAUDE_PLUGIN_ROOT|PLUGIN_ROOT|CODEX_PLUGIN_ROOT)\}|\$(?:CLAUDE_PLUGIN_ROOT|PLUGIN_ROOT|CODEX_PLUGIN_ROOT)(?![A-Za-z0-9_]))/;

/** `${CLAUDE_PLUGIN_ROOT}/x` → `./x`: a leading plugin-root variable becomes the root itself. */
export function replacePluginRoot(path: string): string {
  const variable = PLUGIN_ROOT_PREFIX.exec(path);
  const rest = variable ? path.slice(variable[0].length) : undefined;
  return rest !== undefined && (rest === "" || rest.startsWith("/")) ? `.${rest}` : path;
}

/** True when a path starts with a plugin-root variable, so it does not depend on the folder it is run from. */
export function startsWithPluginRoot(path: string): boolean {
  return PLUGIN_ROOT_PREFIX.test(path);
}

/** Claude Code expands this; Codex passes it through literally (and does not set it for hooks). */
const CLAUDE_PLUGIN_ROOT = /\$\{CLAUDE_PLUGIN_ROOT\}|\$CLAUDE_PLUGIN_ROOT(?![A-Za-z0-9_])/;

export function mentionsClaudePluginRoot(text: string): boolean {
  return CLAUDE_PLUGIN_ROOT.test(text);
}

/** Extensions that mark a relative path as a script even when it does not start with `./`. */
const SCRIPT_EXTENSION = /\.(?:js|mjs|cjs|ts|mts|cts|py|sh|bash|zsh|rb|pl|php|ps1)$/i;

/** Programs that run their first (non-flag) argument as a script; the value lists subcommands to step over. */
const INTERPRETERS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ...[
    "sh",
    "bash",
    "zsh",
    "dash",
    "ksh",
    "fish",
    "node",
    "nodejs",
    "python",
    "python3",
    "ruby",
    "perl",
    "php",
    "pwsh",
    "powershell",
    "tsx",
    "ts-node",
  ].map((name): [string, readonly string[]] => [name, []]),
  ["deno", ["run"]],
  ["bun", ["run"]],
  ["uv", ["run"]],
]);

/** A script path found in a command, relative to the folder it resolves from. */
export interface ScriptPath {
  /** The word as written, e.g. `${CLAUDE_PLUGIN_ROOT}/hooks/check.sh`. */
  written: string;
  /** The path with any plugin-root variable replaced by `.`. */
  relative: string;
  /** The folder `relative` resolves from. */
  from: string;
}

/**
 * The script path a command word names, if it names one: `./x`, `../x`, a plugin-root variable followed by
 * a path, or a relative path with a `/` that ends in a script extension or exists (for an interpreter's
 * argument, a file name with a script extension is enough). Bare program names
 * (found on PATH), absolute paths, URLs, package specs and words with other variables are not local scripts.
 */
export function scriptPath(
  word: string,
  options: { root: string; from: string; interpreterArgument?: boolean },
): ScriptPath | undefined {
  const variable = PLUGIN_ROOT_PREFIX.exec(word);
  if (variable) {
    const rest = word.slice(variable[0].length);
    if (!rest.startsWith("/") || rest.length < 2 || /[$`*?]/.test(rest)) return undefined;
    return { written: word, relative: `.${rest}`, from: options.root };
  }
  if (word === "" || /[$`*?\s]/.test(word) || word.startsWith("@") || word.startsWith("~")) return undefined;
  if (isAbsolute(word) || /^[A-Za-z]:[\\/]/.test(word) || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(word)) return undefined;
  if (word.startsWith("./") || word.startsWith("../")) return { written: word, relative: word, from: options.from };
  // A program without a `/` is looked up on PATH; an interpreter's `server.js` is a file in the folder.
  if (!word.includes("/"))
    return options.interpreterArgument && SCRIPT_EXTENSION.test(word)
      ? { written: word, relative: word, from: options.from }
      : undefined;
  if (SCRIPT_EXTENSION.test(word) || existsSync(resolve(options.from, word)))
    return { written: word, relative: word, from: options.from };
  return undefined;
}

/** Where a command's scripts are: the program itself, or the script an interpreter is given. */
export interface CommandScripts {
  /** The program is a local script: it must exist and be executable. */
  program?: { script: ScriptPath; index: number };
  /** An interpreter runs this script: it must exist. `index` is its position among the words. */
  argument?: { script: ScriptPath; index: number };
}

/** `words[0]` is the program, the rest its arguments. */
export function commandScripts(words: readonly string[], options: { root: string; from: string }): CommandScripts {
  const [program, ...args] = words;
  if (program === undefined) return {};
  const programScript = scriptPath(program, options);
  if (programScript) return { program: { script: programScript, index: 0 } };
  const subcommands = INTERPRETERS.get(basename(program).replace(/\.exe$/i, ""));
  if (!subcommands) return {};
  let index = args.findIndex((arg) => !arg.startsWith("-"));
  if (index >= 0 && subcommands.includes(args[index]!))
    index = args.findIndex((arg, i) => i > index && !arg.startsWith("-"));
  if (index < 0) return {};
  const script = scriptPath(args[index]!, { ...options, interpreterArgument: true });
  return script ? { argument: { script, index: index + 1 } } : {};
}

/**
 * Checks that a script exists inside the plugin (reported as `path/*`) and, when it is run directly,
 * that it is executable (reported as `ruleId`, with a chmod fix). `at` is the JSON node naming the script.
 */
export function checkScript(
  context: RuleContext,
  file: ParsedFile,
  at: readonly PointerSegment[],
  script: ScriptPath,
  options: { root: string; ruleId: RuleId; what: string; consequence: string; mustBeExecutable: boolean },
): void {
  const judged = fromRootWhenInside(script, options.root);
  const resolution = checkPath(context, file, at, judged.relative, {
    root: options.root,
    from: judged.from,
    requireDotSlash: false,
    expect: "file",
    what: `${options.what} "${script.written}"`,
    consequence: options.consequence,
  });
  if (!resolution.ok || !options.mustBeExecutable) return;
  const mode = statSync(resolution.real).mode;
  if ((mode & 0o111) !== 0) return;
  context.report({
    ruleId: options.ruleId,
    message: `${options.what} "${script.written}" is not executable (mode ${(mode & 0o777).toString(8)}): ${options.consequence}; run chmod +x on it`,
    file: file.path,
    at: { doc: file.doc, path: at },
    fix: { kind: "chmod", file: resolution.real, mode: (mode & 0o7777) | 0o755 },
  });
}

/**
 * A `..` that stays inside the plugin (`../lib/x.js` from a `cwd` subfolder) is fine at run time, so such a
 * path is rewritten from the root before it is judged; one that climbs out keeps its `..` and is reported.
 */
function fromRootWhenInside(script: ScriptPath, root: string): { relative: string; from: string } {
  const unchanged = { relative: script.relative, from: script.from };
  if (!script.relative.split(/[\\/]/).includes("..")) return unchanged;
  const absolute = resolve(script.from, script.relative);
  return isInside(root, absolute) && absolute !== resolve(root)
    ? { relative: `./${toPosixRelative(root, absolute)}`, from: root }
    : unchanged;
}

/** One word of a shell command: its text with quotes removed, and where it is in the command as written. */
export interface ShellWord {
  text: string;
  start: number;
  end: number;
  /** Written without quotes or backslashes, so `text` is exactly `command.slice(start, end)`. */
  plain: boolean;
}

/**
 * The leading words of a shell command with quotes removed, up to the first operator (`;`, `&&`, `|`, ...):
 * enough to find the program and the script it runs. Leading `NAME=value` assignments are dropped.
 */
export function shellWords(command: string): string[] {
  return shellWordSpans(command).map((word) => word.text);
}

/** `shellWords`, with each word's position in the command (the same words, in the same order). */
export function shellWordSpans(command: string): ShellWord[] {
  const words: ShellWord[] = [];
  // The word being read; a holder object so the helper below can start one.
  const state: { word?: ShellWord } = {};
  const word = (at: number): ShellWord => (state.word ??= { text: "", start: at, end: at, plain: true });
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (quote) {
      const w = word(i);
      if (ch === quote) quote = undefined;
      else if (ch === "\\" && quote === '"' && i + 1 < command.length) w.text += command[++i];
      else w.text += ch;
      w.end = i + 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      Object.assign(word(i), { plain: false, end: i + 1 });
    } else if (ch === "\\" && i + 1 < command.length) {
      const w = word(i);
      w.text += command[++i];
      Object.assign(w, { plain: false, end: i + 1 });
    } else if (/\s/.test(ch)) {
      if (state.word) words.push(state.word);
      state.word = undefined;
    } else if (";&|<>()`".includes(ch)) {
      break;
    } else {
      const w = word(i);
      w.text += ch;
      w.end = i + 1;
    }
  }
  // An unterminated quote leaves a word we cannot trust.
  if (state.word && !quote) words.push(state.word);
  const firstCommandWord = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text));
  return firstCommandWord < 0 ? [] : words.slice(firstCommandWord);
}
