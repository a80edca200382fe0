import { lint } from "@agent-plugin/plugin-lint";
import { loadTrust, pack, runCli as runPluginPack, verifyArchive, writeKeyPair } from "@agent-plugin/plugin-pack";
import {
  bins,
  copyFixture,
  inheritedEnv,
  repoRoot,
  runCli,
  runInProcess,
  tempDir,
  withoutFinalNewline,
  writeTree,
} from "@agent-plugin/test-utils";
import { execa } from "execa";
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCli } from "./cli-spec.js";
import { type CliIo, runCli as runCreateCli } from "./cli.js";

/**
 * A fresh HOME and a global git config with a known user, so the default developer is stable; npm as the package
 * manager that started the run (the `pnpm test` running this file would otherwise be detected); and Node 20 as the
 * Node that runs create, so the changesets major in the golden files does not depend on the Node running the tests.
 */
function environment(): { home: string; env: Record<string, string> } {
  const home = tempDir("create-agent-plugin-home-");
  const gitConfig = join(home, ".gitconfig");
  writeFileSync(gitConfig, "[user]\n\tname = Ada Lovelace\n");
  return {
    home,
    env: {
      HOME: home,
      GIT_CONFIG_GLOBAL: gitConfig,
      GIT_CONFIG_NOSYSTEM: "1",
      npm_config_user_agent: "npm/10.9.0 node/v20.19.0 linux x64",
      CREATE_AGENT_PLUGIN_NODE_VERSION: "20.19.0",
    },
  };
}

const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;

/**
 * create-agent-plugin run in this process, its output as the bin's would be (the final newline stripped). `env` is
 * the run's environment (io.env); it is also set in process.env, until the test ends, for what the run starts or
 * reads from there: git, the package manager, the home folder.
 */
async function create(args: readonly string[], cwd: string, env: Record<string, string>) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return withoutFinalNewline(await runInProcess<CliIo>(runCreateCli, args, { cwd, env }));
}

/** plugin-pack run in this process, in the environment a bin started now would inherit. */
async function pluginPack(args: readonly string[], cwd: string) {
  return withoutFinalNewline(await runInProcess(runPluginPack, args, { cwd, env: inheritedEnv() }));
}

/** The built bin, for the smoke tests at the end. */
function createWithBin(args: readonly string[], cwd: string, env: Record<string, string>) {
  return runCli(bins.createAgentPlugin, args, { cwd, env });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Every file under `dir`, as sorted POSIX paths. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

// The copyright year changes every January; everything else is deterministic.
const normalise = (text: string): string => text.replaceAll(`(c) ${new Date().getFullYear()} `, "(c) YEAR ");

// A snapshot named .gitignore would act on the repo itself, so it is stored as _gitignore (the template rule);
// a generated .ts file gets .txt, so neither vitest (server.test.ts) nor this package's tsc picks it up.
const snapshotName = (path: string): string =>
  path.replace(/(^|\/)\.gitignore$/, "$1_gitignore").replace(/\.ts$/, ".ts.txt");

interface Case {
  name: string;
  args: string[];
  /** The plugin folder, relative to the folder the command runs in. */
  dir: string;
  marketplace?: "repo" | "personal";
  sign?: boolean;
  /** A local server that packs only once built (`npm install && npm run build`, see internal/registry-e2e): pack must refuse. */
  unbuilt?: boolean;
  /** The hosts it is written for, each linted (and packed) with its own rules; default Codex only. */
  targets?: Target[];
  /** Run in a copy of this workspace (a marketplace monorepo, relative to the repo root): the plugin is one of its packages. */
  workspace?: string;
  /**
   * `--marketplace repo` in a folder that is no repository or workspace: the folder becomes a marketplace monorepo
   * (changesets, hooks, workflows and a package.json of workspaces at its root), snapshotted under `root/`.
   */
  newRoot?: boolean;
  /** What it prints on standard error (its warnings); default nothing. */
  stderr?: string;
  /** The npm_config_user_agent of the package manager that runs create (`pnpm create agent-plugin`); default npm's. */
  userAgent?: string;
  /** The new root releases to npm under this scope (`--source npm`): its release publishes the packages it lists. */
  npmScope?: string;
}

type Target = "agent-plugins" | "codex" | "claude-code";
const BOTH: Target[] = ["codex", "claude-code"];
const MANIFESTS: Record<Target, string> = {
  "agent-plugins": "plugin.json",
  codex: ".codex-plugin/plugin.json",
  "claude-code": ".claude-plugin/plugin.json",
};

const cases: Case[] = [
  { name: "skills-only", args: ["--name", "Release Notes!"], dir: "release-notes" },
  {
    name: "two-skills",
    args: [
      "--name",
      "release-notes",
      "--skills",
      "draft-notes,review-changelog",
      "--developer",
      "Grace Hopper",
      "--description",
      "Draft and review release notes from merged pull requests.",
      "--category",
      "Developer Tools",
    ],
    dir: "release-notes",
  },
  // Released to npm only: the release script publishes with --npm, package.json carries the scope, and the workflow
  // installs npm 11.5.1+ with id-token: write for trusted publishing and provenance, and pushes the tags itself.
  {
    name: "release-npm",
    args: ["--name", "release-notes", "--release", "npm", "--npm-scope", "@acme"],
    dir: "release-notes",
  },
  // Both channels, the scope taken from the developer.
  {
    name: "release-both",
    args: ["--name", "release-notes", "--release", "both", "--developer", "Grace Hopper"],
    dir: "release-notes",
  },
  {
    name: "mcp-http",
    args: [
      "--name",
      "acme-docs",
      "--display-name",
      "Acme Docs",
      "--mcp",
      "http",
      "--mcp-url",
      "https://mcp.acme.example/mcp",
    ],
    dir: "acme-docs",
  },
  {
    name: "mcp-stdio",
    args: [
      "--name",
      "todo-scout",
      "--mcp",
      "stdio",
      "--description",
      "Find the TODO and FIXME comments left in a repository.",
    ],
    dir: "todo-scout",
    unbuilt: true,
  },
  { name: "app", args: ["issue-helper", "--app", "connector_0123abcd"], dir: "issue-helper" },
  { name: "hooks", args: ["--name", "repo-context", "--hooks", "--yes"], dir: "repo-context" },
  {
    name: "everything",
    args: [
      "--name",
      "team-tools",
      "--skills",
      "plan-sprint,write-standup",
      "--mcp",
      "http",
      "--mcp-url",
      "https://mcp.team.example/v1/mcp",
      "--app",
      "connector_team42",
      "--hooks",
      "--homepage",
      "https://team.example/tools",
      "--marketplace",
      "repo",
    ],
    dir: "plugins/team-tools",
    marketplace: "repo",
    newRoot: true,
    sign: true,
  },
  {
    name: "personal-marketplace",
    args: ["--name", "my-notes", "--marketplace", "personal"],
    dir: "plugins/my-notes",
    marketplace: "personal",
  },
  {
    name: "dual-host",
    args: [
      "--name",
      "todo-scout",
      "--target",
      "codex,claude-code",
      "--hooks",
      "--mcp",
      "stdio",
      "--description",
      "Find the TODO and FIXME comments left in a repository.",
    ],
    dir: "todo-scout",
    unbuilt: true,
    targets: BOTH,
  },
  {
    // The dual-host case run by `pnpm create agent-plugin`: installed with pnpm, so its README, scripts, git hook and
    // workflows use pnpm, and package.json pins the pnpm that ran (for pnpm/action-setup and Corepack).
    name: "dual-host-pnpm",
    args: [
      "--name",
      "todo-scout",
      "--target",
      "codex,claude-code",
      "--hooks",
      "--mcp",
      "stdio",
      "--description",
      "Find the TODO and FIXME comments left in a repository.",
    ],
    dir: "todo-scout",
    unbuilt: true,
    targets: BOTH,
    userAgent: "pnpm/10.34.8 npm/? node/v20.20.2 linux x64",
  },
  {
    name: "dual-host-remote",
    args: [
      "--name",
      "acme-docs",
      "--target",
      "codex,claude-code",
      "--mcp-url",
      "https://mcp.acme.example/mcp",
      "--app",
      "connector_0123abcd",
      "--hooks",
      "--homepage",
      "https://acme.example/docs",
    ],
    dir: "acme-docs",
    sign: true,
    targets: BOTH,
  },
  {
    // The portable layout alone: root plugin.json, skills/ without Codex's agents/openai.yaml, mcp.json.
    name: "portable",
    args: ["--name", "acme-docs", "--target", "agent-plugins", "--mcp-url", "https://mcp.acme.example/mcp"],
    dir: "acme-docs",
    sign: true,
    targets: ["agent-plugins"],
  },
  {
    // The portable layout with both hosts' manifests: Codex's interface, app and hooks in its own manifest.
    name: "portable-hosts",
    args: [
      "--name",
      "acme-docs",
      "--target",
      "agent-plugins,codex,claude-code",
      "--mcp-url",
      "https://mcp.acme.example/mcp",
      "--app",
      "connector_0123abcd",
    ],
    dir: "acme-docs",
    targets: ["agent-plugins", "codex", "claude-code"],
  },
  {
    name: "portable-stdio",
    args: ["--name", "todo-scout", "--target", "agent-plugins,codex", "--mcp", "stdio"],
    dir: "todo-scout",
    unbuilt: true,
    targets: ["agent-plugins", "codex"],
  },
  { name: "capabilities", args: ["--name", "pr-review", "--capabilities", "interactive,Read,write"], dir: "pr-review" },
  {
    // The 3rd plugin of examples/marketplace (a pnpm workspace of plugins/*): a workspace package, whose root keeps
    // changesets, the workflows, the hooks and the install. Its root's release script builds every package first.
    name: "workspace-member",
    args: [
      "--name",
      "todo-scout",
      "--mcp",
      "stdio",
      "--hooks",
      "--marketplace",
      "repo",
      "--description",
      "Find the TODO and FIXME comments left in a repository.",
    ],
    dir: "plugins/todo-scout",
    marketplace: "repo",
    unbuilt: true,
    workspace: "examples/marketplace",
  },
  {
    name: "mcp-oauth",
    args: [
      "--name",
      "linear-tasks",
      "--target",
      "codex,claude-code",
      "--mcp-url",
      "https://mcp.linear.example/mcp",
      "--mcp-auth",
      "oauth",
      "--marketplace",
      "repo",
    ],
    dir: "plugins/linear-tasks",
    marketplace: "repo",
    newRoot: true,
    targets: BOTH,
  },
  {
    // `pnpm create agent-plugin` in an empty folder: the root gets pnpm-workspace.yaml, and pnpm's scripts.
    name: "marketplace-root-pnpm",
    args: ["--name", "pr-triage", "--marketplace", "repo", "--mcp", "stdio"],
    dir: "plugins/pr-triage",
    marketplace: "repo",
    newRoot: true,
    unbuilt: true,
    userAgent: "pnpm/10.34.8 npm/? node/v20.20.2 linux x64",
  },
  {
    // `--source npm` in an empty folder: the monorepo's root releases to npm what its marketplace lists
    // (agentPlugin.npm.scope, plugin-pack release --npm, a workflow with id-token: write, registry-url and npm 11.5.1+).
    name: "marketplace-root-npm",
    args: ["--name", "pr-review", "--marketplace", "repo", "--source", "npm", "--npm-scope", "acme"],
    dir: "plugins/pr-review",
    marketplace: "repo",
    newRoot: true,
    npmScope: "@acme",
  },
];

describe("create-agent-plugin: generated plugins", () => {
  it.for(cases)("$name: exits 0, lints clean, packs, verifies and matches the snapshots", async (testCase) => {
    const { home, env } = environment();
    // Marketplace cases run in a named folder: a repo marketplace is named after it; a personal one must hold the plugin.
    const cwd = testCase.workspace
      ? copyFixture(join(repoRoot, testCase.workspace))
      : testCase.marketplace === "personal"
        ? join(home, "work")
        : join(tempDir(), "team-repo");
    mkdirSync(cwd, { recursive: true });
    // No repository and no install: the snapshots hold the generated files only (git and install are tested below).
    const result = await create(
      [...testCase.args, "--no-git", "--no-install"],
      cwd,
      testCase.userAgent ? { ...env, npm_config_user_agent: testCase.userAgent } : env,
    );
    expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: testCase.stderr ?? "" });
    const dir = join(cwd, testCase.dir);
    expect(result.stdout).not.toMatch(/git repository|Installing/);
    expect(result.stdout).toContain(`in ${testCase.dir} (`);
    // Every plugin has a test script (lint strict, pack; a local server's own test first): it is the first step to
    // run. A workspace installs at its root, with its own package manager; a plugin of its own with the one that
    // runs create.
    const pm = testCase.workspace ? "pnpm" : (testCase.userAgent?.split("/")[0] ?? "npm");
    const testStep = `\n  ${pm} test`;
    const firstSteps =
      testCase.workspace || testCase.newRoot
        ? `${pm} install\n  cd ${testCase.dir}`
        : `cd ${testCase.dir}\n  ${pm} install`;
    expect(result.stdout).toContain(`Next steps:\n  ${firstSteps}${testStep}\n  ${pm} run lint\n  ${pm} run pack`);

    const targets = testCase.targets ?? ["codex"];
    for (const target of targets) {
      const report = await lint({ paths: [testCase.marketplace === "repo" ? cwd : dir], cwd, target });
      expect(report.results, target).toEqual([]);
      expect(report).toMatchObject({ errorCount: 0, warningCount: 0 });
    }

    const files = filesOf(dir);
    expect(files).toContain(MANIFESTS[targets[0]!]);
    for (const file of files) {
      await expect(normalise(readFileSync(join(dir, file), "utf8"))).toMatchFileSnapshot(
        `__snapshots__/${testCase.name}/${snapshotName(file)}`,
      );
    }
    if (files.includes("hooks/session-start.sh"))
      expect(statSync(join(dir, "hooks/session-start.sh")).mode & 0o777).toBe(0o755);
    const repoFiles = [
      ".changeset/README.md",
      ".changeset/config.json",
      ".githooks/enable.mjs",
      ".githooks/pre-commit",
      ".github/workflows/ci.yml",
      ".github/workflows/release.yml",
      ".gitignore",
      ".vscode/extensions.json",
      ".vscode/settings.json",
    ];
    if (testCase.workspace || testCase.newRoot) {
      // The root's changesets, workflows, hooks, editor settings and .gitignore apply: the package has none of them.
      expect(files.filter((file) => /^\.(changeset|github|githooks|vscode|gitignore)\b/.test(file))).toEqual([]);
      const declaration = pm === "pnpm" ? "pnpm-workspace.yaml" : "package.json";
      expect(result.stdout).toContain(`A package of the ${pm} workspace at . (${declaration})`);
    } else {
      expect(files).toEqual(expect.arrayContaining(repoFiles));
      expect(statSync(join(dir, ".githooks/pre-commit")).mode & 0o777).toBe(0o755);
    }
    // One version everywhere: changesets raises package.json, plugin-pack version carries it into each manifest.
    const manifests = targets.map((target) => MANIFESTS[target]);
    expect(files.filter((file) => file === "plugin.json" || file.endsWith("-plugin/plugin.json"))).toEqual(
      manifests.sort(),
    );
    const pkg = readJson(join(dir, "package.json"));
    expect(pkg).toMatchObject({
      name: readJson(join(dir, MANIFESTS[targets[0]!])).name,
      version: "0.1.0",
      private: true,
    });
    for (const manifest of manifests)
      expect(readJson(join(dir, manifest)), manifest).toMatchObject({
        name: pkg.name,
        version: pkg.version,
        description: pkg.description,
      });
    if (testCase.marketplace) {
      const file = join(testCase.marketplace === "repo" ? cwd : home, ".agents/plugins/marketplace.json");
      await expect(readFileSync(file, "utf8")).toMatchFileSnapshot(`__snapshots__/${testCase.name}/marketplace.json`);
    }
    if (testCase.newRoot) {
      // The root is the repository: the files a plugin repository has, a package.json of workspaces, and no plugin.
      const rootFiles = filesOf(cwd).filter((file) => !file.startsWith("plugins/") && !file.startsWith(".agents/"));
      expect(rootFiles).toEqual(
        [...repoFiles, "README.md", "package.json", ...(pm === "pnpm" ? ["pnpm-workspace.yaml"] : [])].sort(),
      );
      expect(result.stdout).toContain(`Made . a marketplace monorepo, the plugin one of its packages (`);
      expect(statSync(join(cwd, ".githooks/pre-commit")).mode & 0o777).toBe(0o755);
      for (const file of rootFiles)
        await expect(normalise(readFileSync(join(cwd, file), "utf8"))).toMatchFileSnapshot(
          `__snapshots__/${testCase.name}/root/${snapshotName(file)}`,
        );
    }
    if (testCase.workspace || testCase.newRoot) {
      // Appended after the workspace's own plugins; then the root's release flow finds the new package as it is.
      expect(
        (readJson(join(cwd, ".agents/plugins/marketplace.json")).plugins as { name: string }[]).map(
          (entry) => entry.name,
        ),
      ).toEqual([...(testCase.workspace ? ["pr-review", "incident-postmortem"] : []), pkg.name]);
      const version = await pluginPack(["version", "--no-changesets", "--no-lockfile"], cwd);
      expect(version, version.stderr).toMatchObject({
        exitCode: 0,
        stdout: "changesets: skipped (--no-changesets)\nplugin.json and marketplace versions: already in step",
      });
      const release = await pluginPack(["release", "--unsigned", "--no-tag", "--dry-run"], cwd);
      expect(release, release.stderr).toMatchObject({ exitCode: 0 });
      expect(release.stdout).toContain("lint: 0 errors, 0 warnings\n");
      expect(release.stdout).toContain(`would release ${String(pkg.name)}@0.1.0 from ${testCase.dir}`);
    }
    if (testCase.newRoot) {
      // The root publishes to npm exactly when its marketplace names npm packages; the plugin's package.json never
      // carries the setting (the root's is the one plugin-pack reads).
      const rootJson = readJson(join(cwd, "package.json")) as { scripts: { release: string }; agentPlugin?: unknown };
      const workflow = readFileSync(join(cwd, ".github/workflows/release.yml"), "utf8");
      expect(pkg.agentPlugin).toBeUndefined();
      if (testCase.npmScope) {
        expect(rootJson.agentPlugin).toEqual({ npm: { scope: testCase.npmScope } });
        expect(rootJson.scripts.release).toMatch(/ && plugin-pack release --npm --sign env:PLUGIN_SIGNING_KEY$/);
        for (const line of [
          "id-token: write",
          "registry-url: https://registry.npmjs.org",
          "npm install -g npm@^11.5.1",
          "NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}",
        ])
          expect(workflow).toContain(line);
        const entry = readJson(join(cwd, ".agents/plugins/marketplace.json")) as { plugins: { source: unknown }[] };
        expect(entry.plugins[0]!.source).toEqual({
          source: "npm",
          package: `${testCase.npmScope}/${String(pkg.name)}`,
          version: "^0.1.0",
        });
        const npmRelease = await runCli(bins.pluginPack, ["release", "--npm", "--unsigned", "--no-tag", "--dry-run"], {
          cwd,
        });
        expect(npmRelease, npmRelease.stderr).toMatchObject({ exitCode: 0 });
        expect(npmRelease.stdout).toContain(`npm package ${testCase.npmScope}/${String(pkg.name)}, `);
      } else {
        expect(rootJson.agentPlugin).toBeUndefined();
        expect(rootJson.scripts.release).not.toContain("--npm");
        expect(workflow).not.toMatch(/id-token|registry-url|NODE_AUTH_TOKEN/);
      }
    }

    const out = tempDir();
    if (testCase.unbuilt) {
      // Packing an unbuilt server must fail loudly (the launcher's static import), never ship a broken bundle.
      await expect(pack({ dir, cwd: dir, outDir: join(out, "dist"), lint: true })).rejects.toThrow(
        /cannot bundle server\/index\.mjs: .*Could not resolve "\.\/dist\/src\/index\.js"/,
      );
      return;
    }
    const keys = testCase.sign ? writeKeyPair(join(out, "keys")) : undefined;
    for (const target of targets) {
      const packed = await pack({
        dir,
        cwd: dir,
        outDir: join(out, target),
        lint: true,
        target,
        ...(keys ? { sign: keys.privateKey } : {}),
      });
      expect(packed.lint).toEqual({ errorCount: 0, warningCount: 0 });
      const verified = await verifyArchive(
        packed.archive,
        keys ? { trust: loadTrust([keys.publicKey], { cwd: out }) } : { trust: [], allowUnsigned: true },
      );
      expect(verified).toMatchObject({ ok: true, problems: [] });
      expect(verified.signature.status).toBe(keys ? "valid" : "unsigned");
    }
  });
});

describe("create-agent-plugin: usage errors and safety", () => {
  it("exits 2 naming --name when no name or folder is given, with one line on stderr", async () => {
    const { env } = environment();
    const cwd = tempDir();
    const result = await create(["--yes"], cwd, env);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^create-agent-plugin: missing --name: [^\n]*$/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("exits 2 on an over-long name and on a skill whose <plugin>:<skill> id is over 64 characters", async () => {
    const { env } = environment();
    const cwd = tempDir();
    const long = await create(["--name", "a".repeat(65)], cwd, env);
    expect(long).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("at most 64") });
    const skill = await create(["--name", "release-notes", "--skills", "s".repeat(51)], cwd, env);
    expect(skill).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('"release-notes:sss') });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("exits 2 on an unknown --mcp kind, on --mcp http without --mcp-url, and on --mcp stdio with one", async () => {
    const { env } = environment();
    const cwd = tempDir();
    expect(await create(["--name", "x-tools", "--mcp", "sse"], cwd, env)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('unknown --mcp "sse": use none, http or stdio'),
    });
    expect(await create(["--name", "x-tools", "--mcp", "http"], cwd, env)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining("--mcp-url"),
    });
    expect(
      await create(["--name", "x-tools", "--mcp", "stdio", "--mcp-url", "https://mcp.example.com"], cwd, env),
    ).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining("--mcp-url needs --mcp http (a stdio server runs locally and has no URL)"),
    });
    expect(await create(["--name", "x-tools", "--no-hooks"], cwd, env)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining("--no-hooks"),
    });
    expect(await create(["--name", "x-tools", "--mcp", "stdio", "--mcp-auth", "oauth"], cwd, env)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining("--mcp-auth goes with a remote server: add --mcp http --mcp-url <https URL>"),
    });
    expect(
      await create(["--name", "x-tools", "--mcp-url", "https://mcp.example.com", "--mcp-auth", "basic"], cwd, env),
    ).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('unknown --mcp-auth "basic": use bearer or oauth'),
    });
  });

  it("exits 2 on a --target without codex or with an unknown host, and on empty --capabilities, naming the flag", async () => {
    const { env } = environment();
    const cwd = tempDir();
    expect(await create(["--name", "x-tools", "--target", "claude-code"], cwd, env)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining("--target must include codex"),
    });
    expect(await create(["--name", "x-tools", "--target", "codex,cursor"], cwd, env)).toMatchObject({
      exitCode: 2,
      stderr:
        'create-agent-plugin: unknown --target "cursor": use codex, agent-plugins, or a list such as agent-plugins,codex,claude-code',
    });
    expect(
      await create(["--name", "x-tools", "--target", "agent-plugins", "--app", "connector_1"], cwd, env),
    ).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/^create-agent-plugin: --app needs codex in --target: [^\n]*$/),
    });
    expect(await create(["--name", "x-tools", "--capabilities", ","], cwd, env)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining("--capabilities needs at least one value"),
    });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("picks the changesets major from the Node that runs it", async () => {
    const { env } = environment();
    const cwd = tempDir();
    const { CREATE_AGENT_PLUGIN_NODE_VERSION: _pinned, ...unpinned } = env;
    const [node, on22] = await Promise.all([
      create(["node-now", "--no-git", "--no-install"], cwd, unpinned),
      create(["node-22", "--no-git", "--no-install"], cwd, { ...env, CREATE_AGENT_PLUGIN_NODE_VERSION: "22.11.0" }),
    ]);
    expect(node.exitCode, node.stderr).toBe(0);
    expect(on22.exitCode, on22.stderr).toBe(0);
    const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
    const runs3 = (major === 22 && minor >= 11) || major === 24 || major >= 26;
    const devDependency = (name: string) =>
      (readJson(join(cwd, name, "package.json")).devDependencies as Record<string, string>)["@changesets/cli"];
    expect(devDependency("node-now")).toBe(runs3 ? "^3.0.3" : "^2.31.1");
    expect(devDependency("node-22")).toBe("^3.0.3");
    expect(readJson(join(cwd, "node-22/.changeset/config.json")).$schema).toBe(
      "https://unpkg.com/@changesets/config@4/schema.json",
    );
    expect(readFileSync(join(cwd, "node-22/.github/workflows/release.yml"), "utf8")).toContain("node-version: 22\n");
  });

  it("refuses a non-empty folder without --force, and with --force keeps the user's files", async () => {
    const { env } = environment();
    const cwd = tempDir();
    const dir = join(cwd, "release-notes");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "mine\n");
    writeFileSync(join(dir, "README.md"), "old readme\n");
    const refused = await create(["--name", "release-notes"], cwd, env);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(
      `create-agent-plugin: ${dir} is not empty: choose another folder or pass --force (no existing file is deleted)`,
    );
    expect(filesOf(dir)).toEqual(["README.md", "notes.txt"]);

    const forced = await create(["--name", "release-notes", "--force", "--no-install"], cwd, env);
    expect(forced, forced.stderr).toMatchObject({ exitCode: 0 });
    expect(forced.stdout).toContain("README.md  (overwritten)");
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine\n");
    expect(filesOf(dir)).toContain(".codex-plugin/plugin.json");
    // No staging folder is left next to the plugin.
    expect(readdirSync(cwd)).toEqual(["release-notes"]);
  });

  it("appends to an existing marketplace, byte for byte except the new entry, and refuses a duplicate without --force", async () => {
    const { env } = environment();
    const cwd = tempDir();
    const existing = `{
    "name": "team",
    "plugins": [
        { "name": "pr-review", "source": { "source": "local", "path": "./plugins/pr-review" } }
    ]
}
`;
    mkdirSync(join(cwd, ".agents/plugins"), { recursive: true });
    const file = join(cwd, ".agents/plugins/marketplace.json");
    writeFileSync(file, existing);
    const result = await create(["--name", "notes", "--marketplace", "repo", "--no-install"], cwd, env);
    expect(result, result.stderr).toMatchObject({ exitCode: 0 });
    expect(readFileSync(file, "utf8")).toBe(`{
    "name": "team",
    "plugins": [
        { "name": "pr-review", "source": { "source": "local", "path": "./plugins/pr-review" } },
        {
            "name": "notes",
            "source": {
                "source": "local",
                "path": "./plugins/notes"
            },
            "policy": {
                "installation": "AVAILABLE",
                "authentication": "ON_USE"
            },
            "category": "Productivity"
        }
    ]
}
`);
    const appended = readFileSync(file, "utf8");
    const duplicate = await create(["plugins/notes-2", "--name", "notes", "--marketplace", "repo"], cwd, env);
    expect(duplicate.exitCode).toBe(2);
    const again = await create(["plugins/other/notes", "--marketplace", "repo"], cwd, env);
    expect(again).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('already lists a plugin named "notes": pass --force'),
    });
    expect(readFileSync(file, "utf8")).toBe(appended);
    expect(readdirSync(join(cwd, "plugins"))).toEqual(["notes"]);
  });

  it("--source npm lists the plugin as the npm package @<scope>/<name> at ^0.1.0, which lints clean for Codex", async () => {
    const { env } = environment();
    const cwd = realpathSync(tempDir());
    const args = ["--name", "notes", "--marketplace", "repo", "--no-install", "--no-git"];
    for (const [extra, message] of [
      [["--source", "npm"], "--source npm needs --npm-scope <@scope>"],
      [
        ["--source", "npm", "--npm-scope", "@Acme Corp"],
        'makes the package name "@Acme Corp/notes", which npm refuses',
      ],
      [["--npm-scope", "@acme"], "--npm-scope goes with --source npm or --release npm|both"],
    ] as const) {
      const refused = await create([...args, ...extra], cwd, env);
      expect(refused).toMatchObject({ exitCode: 2, stderr: expect.stringContaining(message) });
    }
    const alone = await create(["--name", "notes", "--source", "npm", "--npm-scope", "@acme"], cwd, env);
    expect(alone).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("add --marketplace repo") });
    expect(readdirSync(cwd)).toEqual([]);

    const result = await create([...args, "--source", "npm", "--npm-scope", "acme"], cwd, env);
    expect(result, result.stderr).toMatchObject({ exitCode: 0 });
    expect(result.stdout).toContain("(source npm:@acme/notes@^0.1.0)");
    const market = readJson(join(cwd, ".agents/plugins/marketplace.json")) as { plugins: { source: unknown }[] };
    expect(market.plugins.map((entry) => entry.source)).toEqual([
      { source: "npm", package: "@acme/notes", version: "^0.1.0" },
    ]);
    const report = await lint({ paths: [cwd], cwd, target: "codex" });
    expect(report.diagnostics).toEqual([]);
  });

  it("adds plugins to a monorepo released to npm under its scope, and says what a root that does not publish lacks", async () => {
    const { env } = environment();
    const cwd = join(realpathSync(tempDir()), "team-repo");
    mkdirSync(cwd);
    const base = ["--marketplace", "repo", "--no-install", "--no-git"];
    const first = await create(["--name", "alpha", ...base, "--source", "npm", "--npm-scope", "acme"], cwd, env);
    expect(first, first.stderr).toMatchObject({ exitCode: 0, stderr: "" });
    const rootJson = readFileSync(join(cwd, "package.json"), "utf8");

    // The second plugin takes the root's scope; another scope would name a package the root never publishes.
    const other = await create(["--name", "beta", ...base, "--source", "npm", "--npm-scope", "other"], cwd, env);
    expect(other).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining(
        "--npm-scope @other differs from the scope the workspace root publishes under (@acme",
      ),
    });
    expect(existsSync(join(cwd, "plugins/beta"))).toBe(false);
    const second = await create(["--name", "beta", ...base, "--source", "npm"], cwd, env);
    expect(second, second.stderr).toMatchObject({ exitCode: 0, stderr: "" });
    expect(second.stdout).toContain("(source npm:@acme/beta@^0.1.0)");
    expect(readFileSync(join(cwd, "package.json"), "utf8")).toBe(rootJson);
    expect(readJson(join(cwd, "plugins/beta/package.json")).agentPlugin).toBeUndefined();
    expect(readFileSync(join(cwd, "plugins/beta/README.md"), "utf8")).toContain(
      "publishes the same signed files as the npm package `@acme/beta@<version>`",
    );
    const market = readJson(join(cwd, ".agents/plugins/marketplace.json")) as { plugins: { source: unknown }[] };
    expect(market.plugins.map((entry) => entry.source)).toEqual([
      { source: "npm", package: "@acme/alpha", version: "^0.1.0" },
      { source: "npm", package: "@acme/beta", version: "^0.1.0" },
    ]);
    expect((await lint({ paths: [cwd], cwd, target: "codex" })).diagnostics).toEqual([]);
    const dryRun = await runCli(bins.pluginPack, ["release", "--npm", "--unsigned", "--no-tag", "--dry-run"], { cwd });
    expect(dryRun, dryRun.stderr).toMatchObject({ exitCode: 0 });
    expect(dryRun.stdout).toContain("npm package @acme/alpha, ");
    expect(dryRun.stdout).toContain("npm package @acme/beta, ");

    // A monorepo released to GitHub only: the entry is written, and the warnings say what the root lacks.
    const plain = join(realpathSync(tempDir()), "plain-repo");
    mkdirSync(plain);
    expect(await create(["--name", "alpha", ...base], plain, env)).toMatchObject({ exitCode: 0 });
    const added = await create(["--name", "beta", ...base, "--source", "npm", "--npm-scope", "@acme"], plain, env);
    expect(added.exitCode, added.stderr).toBe(0);
    const guide = "https://github.com/agent-plugin/agent-plugin-toolchain/blob/main/docs/releasing.md";
    expect(added.stderr.split("\n")).toEqual([
      `create-agent-plugin: warning: the marketplace lists @acme/beta, but the workspace root does not publish to npm yet: add "agentPlugin": {"npm": {"scope": "@acme"}} in package.json and --npm in its "release" script's plugin-pack release (see ${guide}#the-npm-channel)`,
      `create-agent-plugin: warning: .github/workflows/release.yml does not set up npm publishing: give the job "id-token: write", actions/setup-node a registry-url and npm 11.5.1 or later (see ${guide}#the-workflow)`,
    ]);
  });

  it("--release npm in an empty folder with --marketplace repo: the new monorepo publishes its plugins, listed by folder", async () => {
    const { env } = environment();
    const cwd = join(realpathSync(tempDir()), "team-repo");
    mkdirSync(cwd);
    const result = await create(
      [
        "--name",
        "alpha",
        "--marketplace",
        "repo",
        "--release",
        "both",
        "--npm-scope",
        "acme",
        "--no-install",
        "--no-git",
      ],
      cwd,
      env,
    );
    expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: "" });
    expect(readJson(join(cwd, "package.json"))).toMatchObject({
      agentPlugin: { npm: { scope: "@acme" } },
      scripts: {
        release: "npm run build --workspaces --if-present && plugin-pack release --npm --sign env:PLUGIN_SIGNING_KEY",
      },
    });
    const workflow = readFileSync(join(cwd, ".github/workflows/release.yml"), "utf8");
    expect(workflow).toContain("id-token: write");
    expect(workflow).toContain("registry-url: https://registry.npmjs.org");
    // both: the GitHub releases too.
    expect(workflow).toContain("- name: Publish GitHub releases");
    const market = readJson(join(cwd, ".agents/plugins/marketplace.json")) as { plugins: { source: unknown }[] };
    expect(market.plugins[0]!.source).toEqual({ source: "local", path: "./plugins/alpha" });
    expect((await lint({ paths: [cwd], cwd, target: "codex" })).diagnostics).toEqual([]);
  });

  it("reports an internal error as a bug in one line, without a stack, and exits 2", async () => {
    let stderr = "";
    const io: CliIo = {
      cwd: tempDir(),
      env: {},
      stdout: () => {
        throw new TypeError("boom");
      },
      stderr: (text) => {
        stderr += text;
      },
    };
    expect(await runCreateCli(["--help"], io)).toBe(2);
    expect(stderr).toBe(
      "create-agent-plugin: internal error: boom\nThis is a bug in create-agent-plugin; please report it with the command you ran.\n",
    );
  });

  it("--help lists every flag with examples", async () => {
    const result = await create(["--help"], tempDir(), {});
    expect(result.exitCode).toBe(0);
    // Every declared flag, as parseCommandLine reads it, with its description.
    const declared = { ...createCli.commands.create.options, ...createCli.globalOptions };
    expect(Object.keys(declared).length).toBeGreaterThanOrEqual(21);
    for (const [name, option] of Object.entries(declared)) {
      expect(result.stdout).toContain(`${"short" in option ? `-${option.short}, ` : ""}--${name}`);
      expect(result.stdout.replace(/\s+/g, " ")).toContain(option.description);
    }
    for (const example of createCli.commands.create.examples) expect(result.stdout).toContain(example);
    expect(result.stdout).toContain("Examples:");
    const examples = result.stdout.slice(result.stdout.indexOf("Examples:"));
    expect(examples).toContain("--target codex,claude-code");
    expect(examples).toContain("--capabilities Interactive,Read,Write");
    expect(result.stdout).toContain("Inside a workspace (a marketplace monorepo) it writes a workspace package");
  });
});

describe("create-agent-plugin: the package manager that runs it", () => {
  // pnpm has a golden twin above (dual-host-pnpm); these check what differs for yarn and bun, and pnpm of no known version.
  const run = async (userAgent: string, args: string[] = []) => {
    const { env } = environment();
    const cwd = tempDir();
    const result = await create(
      ["--name", "todo-scout", "--mcp", "stdio", "--hooks", ...args, "--no-git", "--no-install"],
      cwd,
      { ...env, npm_config_user_agent: userAgent },
    );
    expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: "" });
    const dir = join(cwd, "todo-scout");
    expect((await lint({ paths: [dir], cwd: dir })).results).toEqual([]);
    const read = (file: string) => readFileSync(join(dir, file), "utf8");
    return {
      result,
      dir,
      read,
      pkg: readJson(join(dir, "package.json")) as { scripts: Record<string, string>; packageManager?: string },
    };
  };

  it("yarn 2+: node_modules/ rather than Plug'n'Play, its state ignored, the hooks enabled from postinstall, yarn from Corepack", async () => {
    const { result, dir, read, pkg } = await run("yarn/4.9.2 npm/? node/v20.20.2 linux x64");
    expect(result.stdout).toContain(
      "Next steps:\n  cd todo-scout\n  yarn install\n  yarn test\n  yarn run lint\n  yarn run pack",
    );
    expect(read(".yarnrc.yml")).toMatch(/^nodeLinker: node-modules$/m);
    expect(pkg).toMatchObject({
      packageManager: "yarn@4.9.2",
      scripts: {
        test: "yarn run build && node --test server/dist/test/server.test.js && plugin-lint --max-warnings 0 && plugin-pack . --out dist/test --no-lint",
        postinstall: "node .githooks/enable.mjs",
      },
    });
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(read(".gitignore")).toContain("\n.yarn/*\n");
    expect(read(".pluginignore")).toContain("\n/.yarn/\n");
    expect(read(".githooks/pre-commit")).toContain("\nexec yarn run plugin-lint\n");
    const release = read(".github/workflows/release.yml");
    expect(release).toContain("      - name: Enable Corepack\n        run: corepack enable\n");
    expect(release).toContain(
      "run: if [ -f yarn.lock ]; then yarn install --immutable; else yarn install --no-immutable && echo /yarn.lock >> .git/info/exclude; fi\n",
    );
    expect(release).toContain("version: yarn run version-packages\n");
    expect(read(".github/workflows/ci.yml")).toContain("run: yarn run lint --format github\n");
    expect(existsSync(join(dir, "package-lock.json"))).toBe(false);
  });

  it("bun: oven-sh/setup-bun, `bun run test` (bun test is bun's own runner), no packageManager field", async () => {
    const { result, dir, read, pkg } = await run("bun/1.2.15 npm/? node/v24.3.0 linux x64");
    expect(result.stdout).toContain("  bun install\n  bun run test\n  bun run lint\n  bun run pack");
    expect(pkg.packageManager).toBeUndefined();
    expect(pkg.scripts.prepare).toBe("node .githooks/enable.mjs");
    expect(existsSync(join(dir, ".yarnrc.yml"))).toBe(false);
    const ci = read(".github/workflows/ci.yml");
    expect(ci).toContain(
      "      - uses: oven-sh/setup-bun@v2\n      - name: Install\n        run: if [ -f bun.lock ] || [ -f bun.lockb ]; then bun install --frozen-lockfile; else bun install --no-save; fi\n",
    );
    expect(ci).toContain("      - name: Test\n        run: bun run test\n");
    expect(read("README.md")).toContain(
      "\nbun run test         # builds, starts the server over stdio and calls its tool; lints, packs into dist/test/\n",
    );
  });

  it("pnpm of no known version: pnpm/action-setup is given the major, package.json names no packageManager", async () => {
    const { read, pkg } = await run("pnpm");
    expect(pkg.packageManager).toBeUndefined();
    expect(read(".github/workflows/ci.yml")).toContain(
      "      - uses: pnpm/action-setup@v4\n        with:\n          version: 10\n      - uses: actions/setup-node@v4\n",
    );
  });
});

describe("create-agent-plugin: into the current folder", () => {
  it("fills an empty current folder in place, taking the plugin name from it", async () => {
    const { env } = environment();
    const cwd = join(tempDir(), "notes");
    mkdirSync(cwd);
    const result = await create([".", "--yes", "--no-install"], cwd, env);
    expect(result, result.stderr).toMatchObject({ exitCode: 0 });
    expect(result.stdout).toContain("Created notes in . (");
    expect(result.stdout).not.toContain("  cd ");
    expect(filesOf(cwd)).toContain(".codex-plugin/plugin.json");
    expect((await lint({ paths: [cwd], cwd })).results).toEqual([]);
  });
});

describe("create-agent-plugin: git init", () => {
  const git = (args: string[], cwd: string, env: Record<string, string>) =>
    execFileSync("git", args, { cwd, env: { ...process.env, ...env }, encoding: "utf8" }).trim();

  it("runs git init in the new folder, without a commit", async () => {
    const { env } = environment();
    const cwd = tempDir();
    const result = await create(["--name", "release-notes", "--no-install"], cwd, env);
    expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: "" });
    const dir = join(cwd, "release-notes");
    expect(result.stdout).toContain(
      "Initialized a git repository (no commit yet); `npm install` enables its pre-commit hook",
    );
    expect(git(["rev-parse", "--show-toplevel"], dir, env)).toBe(realpathSync(dir));
    expect(() => git(["rev-parse", "--verify", "-q", "HEAD"], dir, env)).toThrow();
    expect(filesOf(dir).filter((file) => !file.startsWith(".git/"))).toContain(".githooks/pre-commit");
    // On the branch that changesets and both workflows name, whatever git's default (this HOME sets none: "master").
    expect(git(["symbolic-ref", "--short", "HEAD"], dir, env)).toBe("main");
    expect(readJson(join(dir, ".changeset/config.json")).baseBranch).toBe("main");
    expect(readFileSync(join(dir, ".github/workflows/release.yml"), "utf8")).toContain("\n    branches: [main]\n");
  });

  it("skips it with --no-git, and inside an existing repository", async () => {
    const { env } = environment();
    const cwd = tempDir();
    const skipped = await create(["--name", "release-notes", "--no-git", "--no-install"], cwd, env);
    expect(skipped, skipped.stderr).toMatchObject({ exitCode: 0 });
    expect(existsSync(join(cwd, "release-notes/.git"))).toBe(false);

    git(["init", "-q"], cwd, env);
    const inside = await create(["--name", "pr-review", "--marketplace", "repo", "--no-install"], cwd, env);
    expect(inside, inside.stderr).toMatchObject({ exitCode: 0 });
    expect(inside.stdout).toContain("Inside an existing git repository: no git init.");
    expect(existsSync(join(cwd, "plugins/pr-review/.git"))).toBe(false);
    expect(git(["rev-parse", "--show-toplevel"], join(cwd, "plugins/pr-review"), env)).toBe(realpathSync(cwd));
  });
});

/** Fake npm and pnpm on PATH: each appends "<name> <args> in <folder>" to a log, prints to stderr and exits with FAKE_EXIT. */
function fakePackageManagers(): { env: Record<string, string>; log: string } {
  const bin = tempDir("fake-pm-");
  const log = join(bin, "calls.log");
  for (const name of ["npm", "pnpm"]) {
    writeFileSync(
      join(bin, name),
      `#!/bin/sh\necho "${name} $* in $(pwd -P)" >> "${log}"\necho "${name} ERR! something broke" >&2\nexit "\${FAKE_EXIT:-0}"\n`,
    );
    chmodSync(join(bin, name), 0o755);
  }
  return { env: { PATH: `${bin}:${process.env.PATH ?? ""}` }, log };
}

describe("create-agent-plugin: installing the dependencies", () => {
  it.skipIf(process.platform === "win32")(
    "runs <pm> install in the plugin folder by default, with the package manager that started it",
    async () => {
      const { env } = environment();
      const fake = fakePackageManagers();
      const cwd = realpathSync(tempDir());
      const npm = await create(["--name", "release-notes", "--no-git"], cwd, { ...env, ...fake.env });
      expect(npm, npm.stderr).toMatchObject({ exitCode: 0, stderr: "" });
      expect(npm.stdout).toContain("Installing dependencies (npm install in release-notes)...");
      expect(npm.stdout).toContain("Installed the dependencies with npm.");
      // Installed: the next steps start with the lint.
      expect(npm.stdout).toContain("Next steps:\n  cd release-notes\n  npm test\n  npm run lint\n  npm run pack");

      const pnpm = await create(["--name", "todo-scout", "--mcp", "stdio", "--no-git"], cwd, {
        ...env,
        ...fake.env,
        npm_config_user_agent: "pnpm/9.15.0 npm/? node/v20.19.0 linux x64",
      });
      expect(pnpm, pnpm.stderr).toMatchObject({ exitCode: 0 });
      expect(pnpm.stdout).toContain("Next steps:\n  cd todo-scout\n  pnpm test\n  pnpm run lint\n  pnpm run pack");
      expect(readFileSync(fake.log, "utf8")).toBe(
        `npm install in ${join(cwd, "release-notes")}\npnpm install in ${join(cwd, "todo-scout")}\n`,
      );
    },
  );

  it.skipIf(process.platform === "win32")("skips it with --no-install", async () => {
    const { env } = environment();
    const fake = fakePackageManagers();
    const cwd = tempDir();
    const result = await create(["--name", "release-notes", "--no-git", "--no-install"], cwd, { ...env, ...fake.env });
    expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout).toContain("cd release-notes\n  npm install\n  npm test\n  npm run lint");
    expect(existsSync(fake.log)).toBe(false);
  });

  it.skipIf(process.platform === "win32")(
    "a failed install exits 1 with the command to rerun, after the package manager's output, and keeps the plugin",
    async () => {
      const { env } = environment();
      const fake = fakePackageManagers();
      const cwd = tempDir();
      const result = await create(["--name", "release-notes", "--no-git"], cwd, {
        ...env,
        ...fake.env,
        FAKE_EXIT: "1",
      });
      expect(result.exitCode).toBe(1);
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines).toEqual([
        "npm ERR! something broke",
        'create-agent-plugin: npm install failed (exit code 1); the plugin is created: run "cd release-notes && npm install" to install its dependencies',
      ]);
      expect(result.stdout).toContain("Created release-notes in release-notes (");
      expect(filesOf(join(cwd, "release-notes"))).toContain(".codex-plugin/plugin.json");
      expect((await lint({ paths: [join(cwd, "release-notes")], cwd })).results).toEqual([]);
    },
  );
});

describe("create-agent-plugin: inside a marketplace monorepo", () => {
  const git = (args: string[], cwd: string, env: Record<string, string>) =>
    execFileSync("git", args, {
      cwd,
      env: { ...process.env, ...env, GIT_AUTHOR_EMAIL: "ada@example.com", GIT_COMMITTER_EMAIL: "ada@example.com" },
      encoding: "utf8",
    }).trim();

  it.skipIf(process.platform === "win32")(
    "adds a workspace package to a committed repository: no git init, the install at the root, released by the root's flow",
    async () => {
      const { env } = environment();
      const fake = fakePackageManagers();
      const root = realpathSync(copyFixture(join(repoRoot, "examples/marketplace")));
      git(["init", "-q", "-b", "main"], root, env);
      git(["add", "-A"], root, env);
      git(["commit", "-qm", "initial"], root, env);

      const result = await create(
        ["--name", "release-notes", "--skills", "draft-notes", "--marketplace", "repo"],
        root,
        { ...env, ...fake.env },
      );
      expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: "" });
      expect(result.stdout).toContain("Installing dependencies (pnpm install in .)...");
      expect(result.stdout).toContain("Inside an existing git repository: no git init.");
      expect(result.stdout).toContain("Installed the dependencies with pnpm at the workspace root.");
      expect(result.stdout).toContain(
        "Next steps:\n  cd plugins/release-notes\n  pnpm test\n  pnpm run lint\n  pnpm run pack",
      );
      // pnpm, as pnpm-workspace.yaml says, although npm started the run; at the root, not in the plugin folder.
      expect(readFileSync(fake.log, "utf8")).toBe(`pnpm install in ${root}\n`);
      expect(existsSync(join(root, "plugins/release-notes/.git"))).toBe(false);
      expect(git(["rev-parse", "--show-toplevel"], join(root, "plugins/release-notes"), env)).toBe(root);
      expect(readJson(join(root, "plugins/release-notes/package.json")).scripts).toEqual({
        test: "plugin-lint --max-warnings 0 && plugin-pack . --out dist/test --no-lint",
        lint: "plugin-lint",
        pack: "plugin-pack . --out dist",
      });

      // Committed, it is released with the others: the dry run checks the tags and the clean tree as a release does.
      git(["add", "-A"], root, env);
      git(["commit", "-qm", "Add release-notes"], root, env);
      const release = await runCli(bins.pluginPack, ["release", "--unsigned", "--dry-run"], { cwd: root });
      expect(release, release.stderr).toMatchObject({ exitCode: 0 });
      expect(release.stdout).toContain("would release release-notes@0.1.0 from plugins/release-notes");
    },
  );

  it.skipIf(process.platform === "win32")(
    "--marketplace repo in an empty folder makes it the repository: git init, the install and the hook at its root",
    async () => {
      const { env } = environment();
      const fake = fakePackageManagers();
      const root = join(realpathSync(tempDir()), "team-plugins");
      mkdirSync(root);
      const result = await create(["--name", "pr-review", "--marketplace", "repo"], root, { ...env, ...fake.env });
      expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: "" });
      expect(result.stdout).toContain(
        "Made . a marketplace monorepo, the plugin one of its packages (11 files at the root):",
      );
      expect(result.stdout).toContain("A package of the npm workspace at . (package.json)");
      expect(result.stdout).toContain("Initialized a git repository at the marketplace root (no commit yet)");
      expect(result.stdout).toContain(
        "Next steps:\n  cd plugins/pr-review\n  npm test\n  npm run lint\n  npm run pack",
      );
      expect(readFileSync(fake.log, "utf8")).toBe(`npm install in ${root}\n`);
      expect(git(["rev-parse", "--show-toplevel"], join(root, "plugins/pr-review"), env)).toBe(root);
      expect(existsSync(join(root, "plugins/pr-review/.git"))).toBe(false);
      expect(existsSync(join(root, "plugins/pr-review/.github"))).toBe(false);
      expect(readJson(join(root, "package.json"))).toMatchObject({
        name: "team-plugins",
        private: true,
        workspaces: ["plugins/*"],
      });
      // A second plugin created there joins the workspace the first one made.
      const second = await create(["--name", "release-notes", "--marketplace", "repo", "--no-install"], root, env);
      expect(second, second.stderr).toMatchObject({ exitCode: 0, stderr: "" });
      expect(second.stdout).not.toContain("marketplace monorepo");
      expect(second.stdout).toContain("Inside an existing git repository: no git init.");
      expect(filesOf(join(root, "plugins/release-notes"))).not.toContain(".github/workflows/ci.yml");
      expect((await lint({ paths: [root], cwd: root })).results).toEqual([]);
    },
  );

  it("a root file in the way stops the run before anything is written, unless --force", async () => {
    const { env } = environment();
    const root = realpathSync(tempDir());
    writeFileSync(join(root, ".gitignore"), "secrets/\n");
    const refused = await create(
      ["--name", "pr-review", "--marketplace", "repo", "--no-git", "--no-install"],
      root,
      env,
    );
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(
      `create-agent-plugin: ${join(root, ".gitignore")} exists: the marketplace root would get a new one (it becomes a monorepo with git, changesets and workflows at the root); pass --force to overwrite, or move it away`,
    );
    expect(readdirSync(root)).toEqual([".gitignore"]);
    const forced = await create(
      ["--name", "pr-review", "--marketplace", "repo", "--no-git", "--no-install", "--force"],
      root,
      env,
    );
    expect(forced, forced.stderr).toMatchObject({ exitCode: 0 });
    expect(forced.stdout).toContain("  .gitignore  (overwritten)");
  });

  it("with yarn or bun, leaves the plugin its own repository and says how to get the monorepo", async () => {
    const { env } = environment();
    const root = realpathSync(tempDir());
    const result = await create(["--name", "pr-review", "--marketplace", "repo", "--no-git", "--no-install"], root, {
      ...env,
      npm_config_user_agent: "bun/1.2.15 npm/? node/v24.3.0 linux x64",
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toBe(
      "create-agent-plugin: warning: plugins/pr-review is its own repository (git, workflows, changesets): for a marketplace monorepo with them at the root, run create with npm or pnpm, whose workspaces the root's scripts use, or set up the root first (see docs/create.md)",
    );
    expect(existsSync(join(root, "package.json"))).toBe(false);
    expect(filesOf(join(root, "plugins/pr-review"))).toContain(".github/workflows/ci.yml");
  });

  it("still creates the package when the workspace does not list its folder, and says which file to edit", async () => {
    const { env } = environment();
    const root = realpathSync(tempDir());
    writeTree(root, {
      "package.json": { name: "team", private: true, workspaces: ["packages/*"] },
      "package-lock.json": "{}\n",
    });
    const cwd = join(root, "extras");
    mkdirSync(cwd);
    const result = await create(["notes", "--yes", "--no-git", "--no-install"], cwd, env);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      'create-agent-plugin: warning: add "extras/*" to "workspaces" in ../package.json, or changesets will not version extras/notes and plugin-pack will not release it',
      'create-agent-plugin: warning: the workspace root has no .changeset/config.json: run "npx changeset init" there (and set privatePackages.version to true), then see https://github.com/agent-plugin/agent-plugin-toolchain/blob/main/docs/releasing.md',
    ]);
    // npm, from package-lock.json: the install runs at the root, the scripts in the plugin folder.
    expect(result.stdout).toContain("A package of the npm workspace at .. (../package.json)");
    expect(result.stdout).toContain(
      "Next steps:\n  cd ..\n  npm install\n  cd extras/notes\n  npm test\n  npm run lint\n  npm run pack",
    );
    const dir = join(cwd, "notes");
    expect(filesOf(dir)).toEqual([
      ".codex-plugin/plugin.json",
      ".pluginignore",
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "assets/logo.svg",
      "package.json",
      "skills/notes-guide/SKILL.md",
      "skills/notes-guide/agents/openai.yaml",
    ]);
    expect((await lint({ paths: [dir], cwd: dir })).results).toEqual([]);
  });

  it("warns when the root's release script would pack a local server without building it", async () => {
    const { env } = environment();
    const root = realpathSync(tempDir());
    writeTree(root, {
      "package.json": {
        name: "team",
        private: true,
        scripts: { release: "plugin-pack release --sign env:PLUGIN_SIGNING_KEY" },
      },
      "pnpm-workspace.yaml": "packages:\n  - plugins/*\n",
      ".changeset/config.json": {},
    });
    const result = await create(
      ["--name", "todo-scout", "--mcp", "stdio", "--marketplace", "repo", "--yes", "--no-git", "--no-install"],
      root,
      env,
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr.trimEnd()).toBe(
      `create-agent-plugin: warning: plugins/todo-scout has a local MCP server that is packed from its build: make the root's "release" script run plugins/todo-scout's "build" script before plugin-pack release`,
    );
  });
});

describe("create-agent-plugin: the built bin", () => {
  it("creates a plugin that lints clean, and refuses bad usage with one line (exit 2)", async () => {
    const { env } = environment();
    const cwd = tempDir();
    const [created, usage] = await Promise.all([
      createWithBin(["--name", "release-notes", "--no-git", "--no-install"], cwd, env),
      createWithBin(["--name", "x-tools", "--mcp", "sse"], cwd, env),
    ]);
    expect(created, created.stderr).toMatchObject({ exitCode: 0, stderr: "" });
    expect(created.stdout).toContain("Created release-notes in release-notes (");
    expect((await lint({ paths: [join(cwd, "release-notes")], cwd })).results).toEqual([]);
    expect(usage).toEqual({
      exitCode: 2,
      stdout: "",
      stderr: 'create-agent-plugin: unknown --mcp "sse": use none, http or stdio',
    });
  });

  it("prints the same help and version as runCli", async () => {
    const cwd = tempDir();
    const [help, version] = await Promise.all([createWithBin(["--help"], cwd, {}), createWithBin(["-v"], cwd, {})]);
    expect(help).toEqual(await create(["--help"], cwd, {}));
    expect(version).toEqual(await create(["--version"], cwd, {}));
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("ends quietly when its standard output is closed early (create-agent-plugin --help | head)", async () => {
    const child = execa(process.execPath, [bins.createAgentPlugin, "--help"], {
      cwd: tempDir(),
      reject: false,
      stdin: "ignore",
      timeout: 60_000,
    });
    child.stdout?.destroy();
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(String(result.stderr)).toBe("");
  });
});
