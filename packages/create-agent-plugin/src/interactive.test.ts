import { lint } from "@agent-plugin/plugin-lint";
import { bins, copyFixture, repoRoot, tempDir } from "@agent-plugin/test-utils";
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Interactive mode needs real terminals, so the built CLI runs in a pseudo-terminal from util-linux `script`
// (no native module, no mocks): keystrokes go to script's stdin, the screen comes back on its stdout.
const hasScript =
  process.platform === "linux" &&
  (spawnSync("script", ["--version"], { encoding: "utf8" }).stdout ?? "").includes("util-linux");

const KEY = { enter: "\r", space: " ", up: "\x1b[A", down: "\x1b[B", ctrlC: "\x03", ctrlU: "\x15" } as const;

/** Colour and cursor sequences out, so the screen can be searched as text. */
const plain = (text: string): string => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");

const quote = (arg: string): string => `'${arg.replaceAll("'", `'\\''`)}'`;

/** The built CLI in a pseudo-terminal of 100 x 40, with CI unset, so it is interactive. */
class Terminal {
  private output = "";
  /** Where the next waitFor() starts looking: each prompt's text is matched once, in order. */
  private seen = 0;
  private readonly child: ChildProcessWithoutNullStreams;
  readonly exitCode: Promise<number>;

  constructor(args: readonly string[], cwd: string, env: Record<string, string>) {
    const command = `stty cols 100 rows 40; exec ${[process.execPath, bins.createAgentPlugin, ...args].map(quote).join(" ")}`;
    const { CI: _ci, ...inherited } = process.env;
    this.child = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd,
      env: { ...inherited, TERM: "xterm", SHELL: "/bin/sh", ...env },
    });
    this.child.stdout.on("data", (chunk: Buffer) => (this.output += plain(chunk.toString("utf8"))));
    this.child.stderr.on("data", (chunk: Buffer) => (this.output += plain(chunk.toString("utf8"))));
    this.exitCode = new Promise((resolve) => this.child.on("close", (code) => resolve(code ?? -1)));
  }

  get screen(): string {
    return this.output;
  }

  /** Waits until `text` appears after the last match. A prompt renders only once it reads keys, so typing is safe then. */
  async waitFor(text: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.output.indexOf(text, this.seen);
      if (at >= 0) {
        this.seen = at + text.length;
        return;
      }
      if (Date.now() > deadline || this.child.exitCode !== null)
        throw new Error(`"${text}" did not appear; the screen so far:\n${this.output}`);
      await sleep(25);
    }
  }

  /** Waits for a prompt, then types the keys after a short pause (the prompt has just switched to raw mode). */
  async answer(prompt: string, keys: string): Promise<void> {
    await this.waitFor(prompt);
    await sleep(50);
    this.child.stdin.write(keys);
  }

  async exit(): Promise<number> {
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 20_000);
    const code = await this.exitCode;
    clearTimeout(timer);
    this.child.stdin.end();
    return code;
  }
}

/** The plugin's questions, in the order they come, after the name and hosts and before the marketplace's. */
const PLUGIN_PROMPTS = [
  "Display name",
  "Description",
  "Developer",
  "Category",
  "Skills",
  "MCP server",
  "Add an app connector?",
  "Add a SessionStart hook?",
  "Capabilities",
] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh HOME with a known git user, so the default developer is stable. */
function environment(): Record<string, string> {
  const home = tempDir("create-agent-plugin-home-");
  const gitConfig = join(home, ".gitconfig");
  writeFileSync(gitConfig, "[user]\n\tname = Ada Lovelace\n");
  return { HOME: home, GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: "1" };
}

const readJson = (path: string): any => JSON.parse(readFileSync(path, "utf8"));

describe.skipIf(!hasScript)("create-agent-plugin interactive (in a pseudo-terminal from util-linux script)", () => {
  it("asks for every value, normalises the name, and creates a plugin that lints clean", {
    timeout: 90_000,
  }, async () => {
    const cwd = tempDir("create-agent-plugin-tty-");
    // Started by `npm create`: npm keeps the flags before `--` for itself, so the intro says where create's go.
    const term = new Terminal([], cwd, {
      ...environment(),
      npm_config_user_agent: "npm/10.9.0 node/v20.19.0 linux x64",
    });

    await term.waitFor("Tip: npm keeps flags before -- for itself: npm create agent-plugin@latest -- --yes");
    await term.answer("Plugin name", `My Cool Plugin!${KEY.enter}`);
    // The first Enter shows the normalised name; the second takes it, and the name used is echoed.
    await term.answer('Becomes "my-cool-plugin"', KEY.enter);
    await term.waitFor('Plugin name: my-cool-plugin (normalised from "My Cool Plugin!")');
    // Agent Plugins is offered first and Codex preselected; down past Codex to Claude Code, tick it.
    await term.answer("Target hosts", KEY.down + KEY.down + KEY.space + KEY.enter);
    await term.answer("Display name", KEY.enter);
    await term.answer("Description", `Draft release notes from merged pull requests.${KEY.enter}`);
    await term.waitFor("Developer");
    await term.answer("Ada Lovelace", KEY.enter); // the git user is the placeholder; Enter takes it
    await term.answer("Category", KEY.down + KEY.enter);
    await term.answer("Skills", `Draft Notes, review-changelog${KEY.enter}`);
    await term.waitFor('Skills: draft-notes, review-changelog (normalised from "Draft Notes, review-changelog")');
    // Remote HTTP is the last option (whether or not stdio is offered): up from "None" wraps to it.
    await term.answer("MCP server", KEY.up + KEY.enter);
    await term.answer("MCP server URL", `http://mcp.acme.example/mcp${KEY.enter}`);
    // The error names the field being answered, not the flag the user never typed.
    await term.answer(
      'MCP server URL "http://mcp.acme.example/mcp" must be an https URL',
      `${KEY.ctrlU}https://mcp.acme.example/mcp${KEY.enter}`,
    );
    await term.answer("How does the server authenticate?", KEY.down + KEY.enter); // OAuth
    await term.answer("Add an app connector?", "y");
    await term.answer("App connector id", `connector_0123abcd${KEY.enter}`);
    await term.answer("Add a SessionStart hook?", KEY.enter);
    // Interactive and Read are preselected (a server and an app); down twice to Write, tick it.
    await term.answer("Capabilities", KEY.down + KEY.down + KEY.space + KEY.enter);
    await term.answer("Marketplace entry", KEY.down + KEY.enter);
    await term.answer("Marketplace entry source", KEY.enter); // the plugin's folder, the default
    await term.answer("Initialize a git repository?", KEY.enter); // yes, the default
    await term.answer("Install dependencies with", "n");

    expect(await term.exit(), term.screen).toBe(0);
    expect(term.screen).toContain("Created my-cool-plugin in plugins/my-cool-plugin");
    expect(term.screen).not.toContain("--mcp-url");
    expect(term.screen).toContain("Done.");

    const dir = join(cwd, "plugins/my-cool-plugin");
    const manifest = readJson(join(dir, ".codex-plugin/plugin.json"));
    expect(manifest).toMatchObject({
      name: "my-cool-plugin",
      description: "Draft release notes from merged pull requests.",
      author: { name: "Ada Lovelace" },
      interface: {
        displayName: "My Cool Plugin",
        developerName: "Ada Lovelace",
        category: "Developer Tools",
        capabilities: ["Interactive", "Read", "Write"],
      },
    });
    expect(readJson(join(dir, ".claude-plugin/plugin.json"))).toMatchObject({
      name: "my-cool-plugin",
      version: "0.1.0",
      description: "Draft release notes from merged pull requests.",
    });
    // plugin-lint lints for every manifest the plugin has: one lint script covers both hosts.
    expect(readJson(join(dir, "package.json")).scripts).toMatchObject({ lint: "plugin-lint" });
    expect(readJson(join(dir, "package.json")).scripts).not.toHaveProperty("lint:claude-code");
    expect(readdirSync(join(dir, "skills")).sort()).toEqual(["draft-notes", "review-changelog"]);
    expect(readJson(join(dir, ".mcp.json")).mcpServers["my-cool-plugin"]).toEqual({
      type: "http",
      url: "https://mcp.acme.example/mcp",
    });
    expect(readJson(join(dir, ".app.json")).apps["my-cool-plugin"].id).toBe("connector_0123abcd");
    expect(existsSync(join(dir, "hooks"))).toBe(false);
    // A repo marketplace in an empty folder: that folder becomes the repository, the plugin one of its packages.
    expect(term.screen).toContain("a marketplace monorepo");
    expect(existsSync(join(cwd, ".git"))).toBe(true);
    expect(existsSync(join(dir, ".git"))).toBe(false);
    expect(readJson(join(cwd, "package.json")).workspaces).toEqual(["plugins/*"]);
    expect(existsSync(join(dir, "node_modules"))).toBe(false);
    expect(
      readJson(join(cwd, ".agents/plugins/marketplace.json")).plugins.map((entry: { name: string }) => entry.name),
    ).toEqual(["my-cool-plugin"]);
    for (const target of ["codex", "claude-code"] as const)
      expect((await lint({ paths: [cwd], cwd, target })).results).toEqual([]);
  });

  it("keeps Codex among the target hosts, and takes the defaults shown on Enter (the description names both hosts)", {
    timeout: 90_000,
  }, async () => {
    const cwd = tempDir("create-agent-plugin-tty-");
    // pnpm create passes every flag on, so no tip; the given name is used as it is, so nothing is said about it.
    const term = new Terminal(["--name", "demo"], cwd, {
      ...environment(),
      npm_config_user_agent: "pnpm/10.34.8 npm/? node/v20.19.0 linux x64",
    });

    // Codex unticked, Claude Code ticked: asked again, with a word on why, and both ticked.
    await term.answer("Target hosts", KEY.down + KEY.space + KEY.down + KEY.space + KEY.enter);
    await term.waitFor("Pick Agent Plugins or Codex too");
    await term.answer("Target hosts", KEY.enter);
    for (const prompt of [...PLUGIN_PROMPTS, "Marketplace entry"]) {
      await term.answer(prompt, KEY.enter);
    }
    // Releases to npm: the scope is asked for next.
    await term.answer("Release to", KEY.down + KEY.enter);
    await term.answer("npm scope of the package", `@acme${KEY.enter}`);
    await term.answer("Initialize a git repository?", KEY.enter);
    await term.answer("Install dependencies with", "n");

    expect(await term.exit(), term.screen).toBe(0);
    expect(term.screen).not.toContain("Tip:");
    expect(term.screen).not.toContain("normalised from");
    const dir = join(cwd, "demo");
    expect(readJson(join(dir, ".codex-plugin/plugin.json"))).toMatchObject({
      description: "Demo workflows for Codex and Claude Code.",
      interface: { capabilities: ["Read"] },
    });
    expect(readJson(join(dir, ".claude-plugin/plugin.json"))).toMatchObject({
      name: "demo",
      description: "Demo workflows for Codex and Claude Code.",
    });
    expect(readJson(join(dir, "package.json"))).toMatchObject({
      scripts: { release: "plugin-pack release --npm --sign env:PLUGIN_SIGNING_KEY" },
      agentPlugin: { npm: { scope: "@acme" } },
    });
  });

  it("offers the portable layout first; for it alone, asks no app, hook or capability question", {
    timeout: 90_000,
  }, async () => {
    const cwd = tempDir("create-agent-plugin-tty-");
    const term = new Terminal(["--name", "demo", "--no-git", "--no-install"], cwd, {
      ...environment(),
      npm_config_user_agent: "pnpm/10.34.8 npm/? node/v20.19.0 linux x64",
    });
    // Tick Agent Plugins (first), untick Codex (preselected).
    await term.answer("Target hosts", KEY.space + KEY.down + KEY.space + KEY.enter);
    for (const prompt of ["Display name", "Description", "Developer", "Category", "Skills", "MCP server"]) {
      await term.answer(prompt, KEY.enter);
    }
    await term.answer("Marketplace entry", KEY.enter);
    await term.answer("Release to", KEY.enter);
    expect(await term.exit(), term.screen).toBe(0);
    for (const question of ["Add an app connector?", "Add a SessionStart hook?", "Capabilities"])
      expect(term.screen).not.toContain(question);
    const dir = join(cwd, "demo");
    expect(readJson(join(dir, "plugin.json"))).toMatchObject({
      $schema: "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json",
      name: "demo",
      description: "Demo workflows for any Agent Plugins host.",
    });
    expect(existsSync(join(dir, ".codex-plugin"))).toBe(false);
  });

  it("inside a workspace, asks nothing more: no git question, and the install is the workspace's", {
    timeout: 90_000,
  }, async () => {
    const cwd = copyFixture(join(repoRoot, "examples/marketplace"));
    const term = new Terminal(["--name", "demo", "--marketplace", "repo"], cwd, environment());

    for (const prompt of ["Target hosts", ...PLUGIN_PROMPTS, "Marketplace entry source"]) {
      await term.answer(prompt, KEY.enter);
    }
    // examples/marketplace is a pnpm workspace, with no repository of its own here: git init is still not offered.
    await term.answer("Install dependencies with pnpm at the workspace root?", "n");

    expect(await term.exit(), term.screen).toBe(0);
    expect(term.screen).not.toContain("Initialize a git repository?");
    expect(term.screen).toContain("A package of the pnpm workspace at . (pnpm-workspace.yaml)");
    const dir = join(cwd, "plugins/demo");
    expect(readdirSync(dir).sort()).toEqual([
      ".codex-plugin",
      ".pluginignore",
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "assets",
      "package.json",
      "skills",
    ]);
    expect((await lint({ paths: [cwd], cwd })).results).toEqual([]);
  });

  it("asks for the npm scope when the entry's source is an npm package, and lists the plugin by it", {
    timeout: 90_000,
  }, async () => {
    const cwd = copyFixture(join(repoRoot, "examples/marketplace"));
    const term = new Terminal(["--name", "demo", "--marketplace", "repo", "--target", "codex"], cwd, environment());
    for (const prompt of PLUGIN_PROMPTS) await term.answer(prompt, KEY.enter);
    await term.answer("Marketplace entry source", KEY.down + KEY.enter);
    await term.answer("npm scope", `@Acme Corp${KEY.enter}`);
    await term.answer("which npm refuses", `${KEY.ctrlU}@acme${KEY.enter}`);
    await term.answer("Install dependencies with pnpm at the workspace root?", "n");

    expect(await term.exit(), term.screen).toBe(0);
    const market = readJson(join(cwd, ".agents/plugins/marketplace.json")) as {
      plugins: { name: string; source: unknown }[];
    };
    expect(market.plugins.find((entry) => entry.name === "demo")?.source).toEqual({
      source: "npm",
      package: "@acme/demo",
      version: "^0.1.0",
    });
    expect((await lint({ paths: [cwd], cwd, target: "codex" })).errorCount).toBe(0);
  });

  it("takes the npm scope from a workspace root that publishes to npm, without asking", {
    timeout: 90_000,
  }, async () => {
    const cwd = copyFixture(join(repoRoot, "examples/marketplace"));
    const rootJson = readJson(join(cwd, "package.json")) as { scripts: Record<string, string> };
    rootJson.scripts.release = rootJson.scripts.release!.replace("release ", "release --npm ");
    writeFileSync(
      join(cwd, "package.json"),
      `${JSON.stringify({ ...rootJson, agentPlugin: { npm: { scope: "@acme" } } }, null, 2)}\n`,
    );
    const term = new Terminal(["--name", "demo", "--marketplace", "repo", "--target", "codex"], cwd, environment());
    for (const prompt of PLUGIN_PROMPTS) await term.answer(prompt, KEY.enter);
    await term.answer("Marketplace entry source", KEY.down + KEY.enter);
    await term.answer("Install dependencies with pnpm at the workspace root?", "n");

    expect(await term.exit(), term.screen).toBe(0);
    expect(term.screen).not.toContain("npm scope");
    const market = readJson(join(cwd, ".agents/plugins/marketplace.json")) as {
      plugins: { name: string; source: unknown }[];
    };
    expect(market.plugins.find((entry) => entry.name === "demo")?.source).toEqual({
      source: "npm",
      package: "@acme/demo",
      version: "^0.1.0",
    });
  });

  it("Ctrl-C at a prompt prints cancelled, exits 130 and writes nothing; a given flag is not asked", {
    timeout: 60_000,
  }, async () => {
    const cwd = tempDir("create-agent-plugin-tty-");
    const term = new Terminal(["--name", "demo", "--target", "codex"], cwd, environment());

    await term.answer("Display name", KEY.ctrlC);

    expect(await term.exit(), term.screen).toBe(130);
    expect(term.screen).toContain("cancelled");
    expect(term.screen).not.toContain("Plugin name");
    expect(term.screen).not.toContain("Target hosts");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("never prompts with --yes, or when CI is set", { timeout: 60_000 }, async () => {
    const cwd = tempDir("create-agent-plugin-tty-");
    const env = environment();

    const yes = new Terminal(["--name", "demo", "--yes", "--no-install"], cwd, env);
    expect(await yes.exit(), yes.screen).toBe(0);
    expect(yes.screen).toContain("Created demo in demo");
    expect(yes.screen).not.toContain("Display name");

    const ci = new Terminal([], cwd, { ...env, CI: "1" });
    expect(await ci.exit(), ci.screen).toBe(2);
    expect(ci.screen).toContain("missing --name");
  });
});
