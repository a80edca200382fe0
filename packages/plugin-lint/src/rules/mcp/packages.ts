// mcp/unpinned-package: servers started through a package runner pin one exact version.
import { basename } from "node:path";
import type { RuleContext } from "../../rule.js";
import { stringList, type McpFile, type Server } from "./servers.js";

/** How a package runner names the package it downloads and runs. */
interface Runner {
  tool: string;
  ecosystem: "npm" | "python";
  /** Index in `args` where the runner's own options start. */
  start: number;
  /** Options whose value is a package to install. */
  packageFlags: ReadonlySet<string>;
  /** Options that take a value that is not a package. */
  valueFlags: ReadonlySet<string>;
}

const NPM_FLAGS = {
  packageFlags: new Set(["-p", "--package"]),
  valueFlags: new Set(["-c", "--call", "--registry", "--cache", "--userconfig", "-w", "--workspace", "--node-options"]),
};
const UV_FLAGS = {
  packageFlags: new Set(["--from", "--with"]),
  valueFlags: new Set([
    "-p",
    "--python",
    "-i",
    "--index",
    "--index-url",
    "--extra-index-url",
    "--default-index",
    "--with-requirements",
    "--with-editable",
    "-c",
    "--constraints",
    "--overrides",
  ]),
};
const PIPX_FLAGS = {
  packageFlags: new Set(["--spec"]),
  valueFlags: new Set(["--python", "--index-url", "-i", "--pip-args"]),
};

function runnerOf(command: string, args: readonly string[]): Runner | undefined {
  const tool = basename(command).replace(/\.(?:cmd|exe)$/i, "");
  const npm = (start: number, name = tool): Runner => ({ tool: name, ecosystem: "npm", start, ...NPM_FLAGS });
  if (tool === "npx" || tool === "bunx") return npm(0);
  if ((tool === "pnpm" || tool === "yarn") && args[0] === "dlx") return npm(1, `${tool} dlx`);
  if (tool === "npm" && (args[0] === "exec" || args[0] === "x")) return npm(1, `npm ${args[0]}`);
  if (tool === "bun" && args[0] === "x") return npm(1, "bun x");
  if (tool === "uvx") return { tool, ecosystem: "python", start: 0, ...UV_FLAGS };
  if (tool === "uv" && args[0] === "tool" && args[1] === "run")
    return { tool: "uv tool run", ecosystem: "python", start: 2, ...UV_FLAGS };
  if (tool === "pipx" && args[0] === "run") return { tool: "pipx run", ecosystem: "python", start: 1, ...PIPX_FLAGS };
  return undefined;
}

/** Indexes in `args` of the package specs a runner installs. */
function packageArguments(runner: Runner, args: readonly string[]): number[] {
  const found: number[] = [];
  for (let i = runner.start; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      if (found.length === 0 && i + 1 < args.length) found.push(i + 1);
      break;
    }
    if (!arg.startsWith("-")) {
      // After `-p pkg` / `--from pkg` the first word is the command to run, not a package.
      if (found.length === 0) found.push(i);
      break;
    }
    const flag = arg.split("=")[0]!;
    if (runner.packageFlags.has(flag)) {
      if (arg.includes("=")) found.push(i);
      else if (i + 1 < args.length) found.push(++i);
    } else if (runner.valueFlags.has(flag) && !arg.includes("=")) {
      i++;
    }
  }
  return found;
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Why a package spec is not pinned to one exact version; undefined when it is pinned or not from a registry. */
function unpinnedReason(spec: string, ecosystem: Runner["ecosystem"]): string | undefined {
  if (/^[./~]/.test(spec) || spec.includes(":")) return undefined; // local folder, git, URL or file: spec
  if (ecosystem === "npm") {
    if (!spec.startsWith("@") && spec.includes("/")) return undefined; // GitHub shorthand
    const at = spec.indexOf("@", 1);
    const version = at > 0 ? spec.slice(at + 1) : "";
    if (EXACT_VERSION.test(version)) return undefined;
    return version === ""
      ? "has no version"
      : /^[A-Za-z]/.test(version) && version !== "x"
        ? `uses the tag "@${version}"`
        : `uses the range "${version}"`;
  }
  const bare = spec.replace(/\[[^\]]*\]/, "");
  if (/==\s*[\w.!+-]+$/.test(bare) || EXACT_VERSION.test(bare.split("@")[1] ?? "")) return undefined;
  return /[@<>=~!]/.test(bare) ? `uses "${bare.replace(/^[\w.-]+/, "")}", not one exact version` : "has no version";
}

function pinnedExample(spec: string, ecosystem: Runner["ecosystem"]): string {
  if (ecosystem === "python") return `${spec.replace(/(?<=.)(?:@|[<>=~!]).*$/, "")}==1.2.3`;
  const at = spec.indexOf("@", 1);
  return `${at > 0 ? spec.slice(0, at) : spec}@1.2.3`;
}

export function checkPackages(context: RuleContext, file: McpFile, server: Server): void {
  const command = server.value.command;
  const args = stringList(server.value.args);
  if (typeof command !== "string" || !args) return;
  const runner = runnerOf(command, args);
  if (!runner) return;
  for (const index of packageArguments(runner, args)) {
    const spec = args[index]!.replace(/^--?[\w-]+=/, "");
    const reason = unpinnedReason(spec, runner.ecosystem);
    if (!reason) continue;
    context.report({
      ruleId: "mcp/unpinned-package",
      message: `server "${server.name}" runs "${spec}" through ${runner.tool}, which ${reason}: every new publish changes the code that runs on users' machines; pin an exact version, e.g. "${pinnedExample(spec, runner.ecosystem)}"`,
      file: file.path,
      at: { doc: file.doc, path: [...server.pointer, "args", index] },
    });
  }
}
