import { CancelledError, toKebab, UsageError, WorkspaceFileError } from "@agent-plugin/core";
import { cancel, confirm, intro, isCancel, log, multiselect, note, outro, select, spinner, text } from "@clack/prompts";
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { KNOWN_CAPABILITIES } from "./capabilities.js";
import type { CreateFlags } from "./cli-spec.js";
import { resolveOptions, type CreateInput, type CreateOptions } from "./options.js";
import { detectPackageManager } from "./package-manager.js";
import { gitAvailable, insideGitWorkTree } from "./setup.js";
import { DEFAULT_TARGETS, TARGET_NAMES, TARGETS, type Target } from "./targets.js";
import { detectWorkspace, type WorkspaceMember } from "./workspace.js";

/**
 * Interactive mode: asks for every value its flag did not give, and answers with the same raw flag values the
 * command line would have, so validation, normalisation and defaults all stay in resolveOptions().
 * Nothing here writes to disk: every prompt runs before createPlugin(), so a cancelled run leaves nothing behind.
 */

/**
 * The flags a prompt can answer: the declared flags (cli-spec.ts), keyed and typed as the command line gives them.
 * A prompt only asks for one that was not given.
 */
export type PromptFlags = CreateFlags;

const CATEGORIES = ["Productivity", "Developer Tools", "Communication", "Data", "Design", "Other"] as const;

/**
 * Asks for the missing values; returns the given flags merged with the answers. Ctrl-C or Esc at a prompt throws
 * core's CancelledError (exit 130): nothing has been written yet.
 */
export async function promptForFlags(
  flags: PromptFlags,
  dir: string | undefined,
  cwd: string,
  userAgent?: string,
): Promise<PromptFlags> {
  intro("create-agent-plugin");
  // `npm create agent-plugin x --yes` gives --yes to npm, not to create, which then asks: say where flags go.
  if (userAgent?.startsWith("npm/"))
    log.info("Tip: npm keeps flags before -- for itself: npm create agent-plugin@latest -- --yes");
  return askAll(flags, dir, cwd);
}

async function askAll(flags: PromptFlags, dir: string | undefined, cwd: string): Promise<PromptFlags> {
  const answers: PromptFlags = { ...flags };
  // A folder argument already names the plugin.
  if (answers.name === undefined && dir === undefined) answers.name = await askName(cwd, flags.skills);
  // Asked early: the default description names the hosts.
  if (answers.target === undefined) answers.target = await askTargets();
  const probe = prober(cwd, dir, answers);
  const base = probe({});
  if (answers["display-name"] === undefined)
    answers["display-name"] = await askText(
      "Display name",
      base.displayName,
      (value) => ({ displayName: value }),
      probe,
    );
  if (answers.description === undefined) {
    const shown = probe({ displayName: answers["display-name"] });
    answers.description = await askText(
      "Description (one sentence)",
      shown.description,
      (value) => ({ description: value }),
      probe,
    );
  }
  // The one default read from outside (git config user.name), looked up once, for the placeholder only.
  if (answers.developer === undefined)
    answers.developer = await askText(
      "Developer",
      defaultDeveloper(cwd, dir, answers),
      (value) => ({ developer: value }),
      probe,
    );
  if (answers.category === undefined) answers.category = await askCategory(base.category);
  if (answers.skills === undefined) {
    answers.skills = await askText(
      "Skills (comma-separated names)",
      base.skills.join(","),
      (value) => ({ skills: value }),
      probe,
    );
    // The prompt echoes what was typed; say which names are used when that differs.
    if (answers.skills !== undefined) {
      const typed = answers.skills
        .split(",")
        .map((skill) => skill.trim())
        .filter((skill) => skill !== "");
      const used = probe({ skills: answers.skills }).skills;
      if (used.join(",") !== typed.join(","))
        log.info(`Skills: ${used.join(", ")} (normalised from "${answers.skills.trim()}")`);
    }
  }
  await askMcp(answers, probe);
  // App connectors and Codex's interface are Codex's, hooks a host's: not asked for the standard alone.
  const codex = base.targets.includes("codex");
  const host = codex || base.targets.includes("claude-code");
  if (
    codex &&
    answers.app === undefined &&
    (await cancelable(confirm({ message: "Add an app connector?", initialValue: false })))
  ) {
    answers.app = await askRequired("App connector id", "connector_0123abcd", (value) => ({ app: value }), probe);
  }
  if (host && answers.hooks === undefined)
    answers.hooks = await cancelable(confirm({ message: "Add a SessionStart hook?", initialValue: false }));
  // After the components: they decide the capabilities preselected.
  if (codex && answers.capabilities === undefined) {
    answers.capabilities = await askCapabilities(
      probe({ mcp: answers.mcp, mcpUrl: answers["mcp-url"], app: answers.app }).capabilities,
    );
  }
  if (answers.marketplace === undefined) answers.marketplace = await askMarketplace();
  // Detected, not asked: inside a workspace the plugin is one of its packages (see workspace.ts).
  const target = probe({ marketplace: answers.marketplace }).dir;
  const member = workspaceOf(target);
  if (answers.marketplace !== "none" && answers.source === undefined) answers.source = await askSource();
  // A workspace root that publishes under a scope gives it (options.ts); otherwise the entry needs one.
  if (answers.source === "npm" && answers["npm-scope"] === undefined && !member?.npmScope)
    answers["npm-scope"] = await askRequired(
      "npm scope (your npm user or organisation)",
      "@acme",
      (value) => ({ marketplace: answers.marketplace, source: "npm", npmScope: value }),
      probe,
    );
  // Where releases go: only for a plugin that is its own repository (a workspace's root releases its plugins, and a
  // repo marketplace in a plain folder makes one, released to npm with an npm source).
  if (member === null && answers.marketplace !== "repo" && answers.release === undefined)
    answers.release = await askRelease(answers.source === "npm");
  if ((answers.release === "npm" || answers.release === "both") && answers["npm-scope"] === undefined) {
    answers["npm-scope"] = await askRequired(
      "npm scope of the package",
      "@acme",
      (value) => ({ release: answers.release, npmScope: value }),
      probe,
    );
  }
  // Asked only when git init would happen: git is there, the plugin is not a workspace package, and no repository holds the target yet.
  if (
    answers["no-git"] === undefined &&
    member === null &&
    gitAvailable() &&
    !insideGitWorkTree(existingAncestor(target))
  ) {
    answers["no-git"] = !(await cancelable(confirm({ message: "Initialize a git repository?", initialValue: true })));
  }
  if (answers["no-install"] === undefined) {
    const how = member ? `${member.packageManager} at the workspace root` : detectPackageManager();
    answers["no-install"] = !(await cancelable(
      confirm({ message: `Install dependencies with ${how}?`, initialValue: true }),
    ));
  }
  return answers;
}

/** The workspace that will hold the plugin; a workspace file that cannot be read is reported by the run itself, after the prompts. */
function workspaceOf(dir: string): WorkspaceMember | null {
  try {
    return detectWorkspace(dir, detectPackageManager());
  } catch (error) {
    if (error instanceof WorkspaceFileError) return null;
    throw error;
  }
}

/** The target folder, or its nearest folder that exists (the target is only created after the prompts). */
function existingAncestor(dir: string): string {
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Runs a step after the files are written (the dependency install) behind a spinner. */
export async function withSpinner<T>(message: string, done: string, task: () => Promise<T>): Promise<T> {
  const progress = spinner();
  progress.start(message);
  try {
    const value = await task();
    progress.stop(done);
    return value;
  } catch (error) {
    progress.error(`${message}: failed`);
    throw error;
  }
}

/** Ends interactive mode with the summary the non-interactive run prints, then its warnings. */
export function showResult(summary: string, warnings: readonly string[] = []): void {
  note(summary.trimEnd(), "Summary");
  for (const warning of warnings) log.warn(warning);
  outro("Done.");
}

/** The single place a clack prompt's result is checked for Ctrl-C / Esc. */
async function cancelable<T>(prompt: Promise<T>): Promise<Exclude<T, symbol>> {
  const value = await prompt;
  if (isCancel(value)) {
    cancel("cancelled");
    throw new CancelledError("cancelled at a prompt; nothing was written");
  }
  return value as Exclude<T, symbol>;
}

type Probe = (extra: Partial<CreateInput>) => CreateOptions;

/** resolveOptions() over the answers so far plus one candidate value: the prompts' validation and defaults. */
function prober(cwd: string, dir: string | undefined, answers: PromptFlags): Probe {
  // A stub git lookup and no workspace search: validating a keystroke must not start a process or read files.
  return (extra) =>
    resolveOptions({
      cwd,
      dir,
      name: answers.name,
      skills: answers.skills,
      target: answers.target,
      gitUserName: () => undefined,
      detectWorkspace: false,
      ...extra,
    });
}

/**
 * The field each flag is asked as. resolveOptions() names the flag in its messages; a prompt names the field being
 * answered instead, since the user typed no flag.
 */
const FIELDS: Readonly<Record<string, string>> = {
  "--name": "Plugin name",
  "--display-name": "Display name",
  "--description": "Description",
  "--developer": "Developer",
  "--skills": "Skills",
  "--mcp-url": "MCP server URL",
  "--app": "App connector id",
  "--npm-scope": "npm scope",
};

/** The UsageError message for a candidate value, naming prompt fields rather than flags, or undefined when it is fine. */
function problem(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof UsageError) return error.message.replace(/--[a-z][a-z-]*/g, (flag) => FIELDS[flag] ?? flag);
    throw error;
  }
}

/**
 * The name, normalised as it is checked: when the typed text is not already lowercase kebab-case, the first Enter
 * shows the name it becomes, and a second Enter on the same text takes it.
 */
async function askName(cwd: string, skills: string | undefined): Promise<string> {
  let shown: string | undefined;
  const value = await cancelable(
    text({
      message: "Plugin name",
      placeholder: "release-notes",
      validate(raw) {
        const typed = (raw ?? "").trim();
        if (typed === "") return "A name is needed, such as release-notes";
        let name = "";
        const error = problem(
          () =>
            (name = resolveOptions({
              cwd,
              name: typed,
              skills,
              gitUserName: () => undefined,
              detectWorkspace: false,
            }).name),
        );
        if (error !== undefined) return error;
        if (name === typed || shown === typed) return undefined;
        shown = typed;
        return `Becomes "${name}" (lowercase kebab-case, at most 64 characters): press Enter to use it`;
      },
    }),
  );
  // The prompt echoes what was typed; say which name is used when that differs.
  const typed = value.trim();
  const name = toKebab(typed);
  if (name !== typed) log.info(`Plugin name: ${name} (normalised from "${typed}")`);
  return name;
}

/**
 * A free-text value whose empty answer takes the default (shown as the placeholder). The default comes back as
 * undefined, as if its flag were left out, so resolveOptions() stays the one place defaults are made.
 */
async function askText(
  message: string,
  fallback: string,
  toInput: (value: string) => Partial<CreateInput>,
  probe: Probe,
): Promise<string | undefined> {
  const value = await cancelable(
    text({
      message,
      placeholder: fallback,
      defaultValue: fallback,
      validate: (raw) => (raw === undefined || raw.trim() === "" ? undefined : problem(() => probe(toInput(raw)))),
    }),
  );
  return value.trim() === "" || value === fallback ? undefined : value;
}

/** A value with no default (a URL, an app id). */
async function askRequired(
  message: string,
  placeholder: string,
  toInput: (value: string) => Partial<CreateInput>,
  probe: Probe,
): Promise<string> {
  const value = await cancelable(
    text({
      message,
      placeholder,
      validate: (raw) =>
        raw === undefined || raw.trim() === "" ? `${message} is needed` : problem(() => probe(toInput(raw))),
    }),
  );
  return value.trim();
}

async function askCategory(fallback: string): Promise<string> {
  const options = CATEGORIES.map((value) => ({ value: value as string }));
  return cancelable(select({ message: "Category", options, initialValue: fallback }));
}

/** --mcp and --mcp-url: a remote server needs its URL; --mcp-url alone already means a remote one. */
async function askMcp(answers: PromptFlags, probe: Probe): Promise<void> {
  if (answers.mcp === undefined && answers["mcp-url"] === undefined) {
    const options = [
      { value: "none", label: "None" },
      { value: "stdio", label: "Local TypeScript stdio server" },
      { value: "http", label: "Remote HTTP server" },
    ];
    answers.mcp = await cancelable(select({ message: "MCP server", options, initialValue: "none" }));
  }
  if (answers.mcp === "http" && answers["mcp-url"] === undefined) {
    answers["mcp-url"] = await askRequired(
      "MCP server URL (https)",
      "https://mcp.example.com/mcp",
      (value) => ({ mcp: "http", mcpUrl: value }),
      probe,
    );
  }
  if ((answers.mcp === "http" || answers["mcp-url"] !== undefined) && answers["mcp-auth"] === undefined) {
    const options = [
      {
        value: "bearer",
        label: "Bearer token from an environment variable",
        hint: "the token is never stored in the plugin",
      },
      { value: "oauth", label: "OAuth", hint: "the host signs the user in" },
    ];
    answers["mcp-auth"] = await cancelable(
      select({ message: "How does the server authenticate?", options, initialValue: "bearer" }),
    );
  }
}

/**
 * --target: the portable Agent Plugins layout is offered first, Codex is preselected (the default), and an answer
 * with neither is asked again (a multiselect has no validation hook). The default comes back as undefined.
 */
async function askTargets(): Promise<string | undefined> {
  const hints: Record<Target, string> = {
    "agent-plugins": "portable plugin.json, skills/, mcp.json: every host of the standard",
    codex: ".codex-plugin/plugin.json: its interface, apps, hooks",
    "claude-code": ".claude-plugin/plugin.json, hooks",
  };
  const options = TARGETS.map((value) => ({ value, label: TARGET_NAMES[value], hint: hints[value] }));
  let initialValues: Target[] = [...DEFAULT_TARGETS];
  for (;;) {
    const chosen = await cancelable(multiselect<Target>({ message: "Target hosts", options, initialValues }));
    if (chosen.includes("codex") || chosen.includes("agent-plugins")) {
      const picked = TARGETS.filter((target) => chosen.includes(target));
      return picked.join(",") === DEFAULT_TARGETS.join(",") ? undefined : picked.join(",");
    }
    log.warn("Pick Agent Plugins or Codex too: Claude Code is written beside one of their manifests.");
    initialValues = [...DEFAULT_TARGETS, ...chosen];
  }
}

/**
 * --capabilities, from the values real manifests use, preselected from the components chosen. Other names can
 * only be given with the flag (Codex accepts any string). The default comes back as undefined.
 */
async function askCapabilities(defaults: readonly string[]): Promise<string | undefined> {
  const hints: Record<(typeof KNOWN_CAPABILITIES)[number], string> = {
    Interactive: "usually with tools the agent calls: an MCP server or an app",
    Read: "reads the user's files and context",
    Write: "changes files or data",
  };
  const options = KNOWN_CAPABILITIES.map((value) => ({ value: value as string, label: value, hint: hints[value] }));
  const picked = await cancelable(
    multiselect({ message: "Capabilities (interface.capabilities)", options, initialValues: defaults }),
  );
  // In the list's order, not the order they were ticked in.
  const chosen = KNOWN_CAPABILITIES.filter((value) => picked.includes(value)).join(",");
  return chosen === defaults.join(",") ? undefined : chosen;
}

/** With an npm source the release must publish the package the entry names: GitHub alone is not offered. */
async function askRelease(sourceNpm: boolean): Promise<string> {
  const options = [
    ...(sourceNpm ? [] : [{ value: "github", label: "GitHub releases", hint: "a signed archive per version" }]),
    { value: "npm", label: "npm", hint: "a package with provenance, installable by version range" },
    { value: "both", label: "Both" },
  ];
  return cancelable(select({ message: "Release to", options, initialValue: sourceNpm ? "npm" : "github" }));
}

async function askMarketplace(): Promise<string> {
  const options = [
    { value: "none", label: "None" },
    { value: "repo", label: "This repo's .agents/plugins/marketplace.json" },
    { value: "personal", label: "Personal ~/.agents/plugins/marketplace.json" },
  ];
  return cancelable(select({ message: "Marketplace entry", options, initialValue: "none" }));
}

/** --source: the plugin's folder, or the npm package it will be published as. */
async function askSource(): Promise<string> {
  const options = [
    { value: "local", label: "The plugin's folder" },
    {
      value: "npm",
      label: "An npm package",
      hint: "Codex 0.171+ installs it with npm pack; publish with release --npm",
    },
  ];
  return cancelable(select({ message: "Marketplace entry source", options, initialValue: "local" }));
}

function defaultDeveloper(cwd: string, dir: string | undefined, answers: PromptFlags): string {
  return resolveOptions({ cwd, dir, name: answers.name, skills: answers.skills, detectWorkspace: false }).developer;
}
