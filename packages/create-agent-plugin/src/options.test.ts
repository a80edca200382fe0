import { UsageError, WorkspaceFileError } from "@agent-plugin/core";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { mkdirSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveOptions, type CreateInput } from "./options.js";
import { brandColor } from "./logo.js";

// No workspace search: these cases are about the flags, whatever folders hold /work (detection is tested below).
// npm as the package manager that runs create, whichever runs these tests.
const base = {
  cwd: "/work",
  home: "/home/ada",
  gitUserName: () => undefined,
  nodeVersion: "20.19.0",
  packageManager: "npm",
  detectWorkspace: false,
};

describe("resolveOptions", () => {
  it("normalises the name and derives every default from it", () => {
    expect(resolveOptions({ ...base, name: "  My Cool_Plugin!! " })).toEqual({
      dir: resolve("/work/my-cool-plugin"),
      cwd: resolve("/work"),
      home: resolve("/home/ada"),
      name: "my-cool-plugin",
      displayName: "My Cool Plugin",
      description: "My Cool Plugin workflows for Codex.",
      developer: "Plugin author",
      category: "Productivity",
      skills: ["my-cool-plugin-guide"],
      mcp: null,
      app: null,
      hooks: false,
      marketplace: "none",
      marketplaceSource: { kind: "local" },
      homepage: null,
      targets: ["codex"],
      capabilities: ["Read"],
      release: { channel: "github", github: true, npm: false, scope: null },
      force: false,
      year: new Date().getFullYear(),
      changesets: {
        major: 2,
        range: "^2.31.1",
        configSchema: "https://unpkg.com/@changesets/config@3.1.1/schema.json",
        nodeVersion: "20",
      },
      packageManager: { name: "npm", version: null },
      workspace: null,
      marketplaceRoot: null,
    });
  });

  it("takes --release npm or both with a scope (default: the developer's), and refuses what cannot be published", () => {
    expect(resolveOptions({ ...base, name: "x", release: "npm", npmScope: "@acme" }).release).toEqual({
      channel: "npm",
      github: false,
      npm: true,
      scope: "@acme",
    });
    expect(resolveOptions({ ...base, name: "x", release: "both", developer: "Ada Lovelace" }).release).toEqual({
      channel: "both",
      github: true,
      npm: true,
      scope: "@ada-lovelace",
    });
    expect(() => resolveOptions({ ...base, name: "x", release: "pypi" })).toThrow(
      new UsageError('unknown --release "pypi": use github, npm or both'),
    );
    expect(() => resolveOptions({ ...base, name: "x", npmScope: "@acme" })).toThrow(
      new UsageError("--npm-scope goes with --source npm or --release npm|both"),
    );
  });

  it("takes --npm-scope acme or @acme, as @acme, for --release and --source alike, and refuses anything else", () => {
    const repo = { ...base, name: "x", marketplace: "repo", source: "npm" };
    for (const scope of ["acme", "@acme", " acme "]) {
      expect(resolveOptions({ ...base, name: "x", release: "npm", npmScope: scope }).release.scope).toBe("@acme");
      expect(resolveOptions({ ...repo, npmScope: scope }).marketplaceSource).toEqual({
        kind: "npm",
        package: "@acme/x",
      });
    }
    for (const scope of ["Acme", "@acme/tools", "@", "ac me", "@-acme"]) {
      for (const input of [
        { ...base, name: "x", release: "npm", npmScope: scope },
        { ...repo, npmScope: scope },
      ]) {
        expect(() => resolveOptions(input), scope).toThrow(UsageError);
        expect(() => resolveOptions(input), scope).toThrow(
          new RegExp(
            `^--npm-scope ${scope.trim().replace(/[/@-]/g, "\\$&")} makes the package name ".*", which npm refuses \\(.*\\): use a scope such as @acme$`,
          ),
        );
      }
    }
    expect(() => resolveOptions({ ...repo, npmScope: "  " })).toThrow(
      new UsageError("--npm-scope is empty: pass your npm user or organisation, such as @acme"),
    );
  });

  it("releases to npm what a --source npm entry names: npm by default, both when asked, never github alone", () => {
    const repo = { ...base, name: "x", marketplace: "repo", source: "npm", npmScope: "acme" };
    expect(resolveOptions(repo).release).toEqual({ channel: "npm", github: false, npm: true, scope: "@acme" });
    expect(resolveOptions({ ...repo, release: "both" }).release).toEqual({
      channel: "both",
      github: true,
      npm: true,
      scope: "@acme",
    });
    expect(() => resolveOptions({ ...repo, release: "github" })).toThrow(
      new UsageError(
        "--source npm lists the plugin as an npm package, which --release github never publishes: use --release npm or both (or --source local)",
      ),
    );
  });

  it("takes the developer from git, the name from the folder, and puts marketplace plugins under plugins/", () => {
    const options = resolveOptions({
      ...base,
      dir: "tools/acme",
      marketplace: "repo",
      gitUserName: () => "Ada Lovelace\n",
    });
    expect(options).toMatchObject({ name: "acme", dir: resolve("/work/tools/acme"), developer: "Ada Lovelace" });
    expect(resolveOptions({ ...base, name: "acme", marketplace: "personal" }).dir).toBe(resolve("/work/plugins/acme"));
  });

  it("keeps <plugin>:<skill> within 64 characters", () => {
    const name = "n".repeat(55);
    expect(resolveOptions({ ...base, name }).skills).toEqual(["guide"]);
    expect(() => resolveOptions({ ...base, name: "n".repeat(60) })).toThrow(/leaves no room for a skill/);
    expect(() => resolveOptions({ ...base, name: "acme", skills: "s".repeat(60) })).toThrow(UsageError);
    expect(resolveOptions({ ...base, name: "acme", skills: "Draft Notes, review" }).skills).toEqual([
      "draft-notes",
      "review",
    ]);
    expect(() => resolveOptions({ ...base, name: "acme", skills: "a,A" })).toThrow('--skills names "a" twice');
  });

  it("rejects what would not lint clean or leak a secret", () => {
    expect(() => resolveOptions({ ...base })).toThrow(/^missing --name/);
    expect(() => resolveOptions({ ...base, name: "!!!" })).toThrow(/no letters or digits/);
    expect(() => resolveOptions({ ...base, name: "acme", dir: "other" })).toThrow(/differ/);
    expect(() => resolveOptions({ ...base, name: "acme", mcp: "http", mcpUrl: "http://mcp.example.com" })).toThrow(
      /https/,
    );
    expect(() => resolveOptions({ ...base, name: "acme", mcpUrl: "https://user:pw@mcp.example.com" })).toThrow(
      /credentials/,
    );
    expect(() => resolveOptions({ ...base, name: "acme", homepage: "ftp://x" })).toThrow(/https/);
    expect(() => resolveOptions({ ...base, name: "acme", app: "has space" })).toThrow(/not an app id/);
    expect(resolveOptions({ ...base, name: "3d-tools", mcpUrl: "https://mcp.example.com/mcp" }).mcp).toEqual({
      transport: "http",
      url: "https://mcp.example.com/mcp",
      tokenEnvVar: "PLUGIN_3D_TOOLS_TOKEN",
    });
  });

  it("takes --mcp stdio as a local server, which has no URL", () => {
    expect(resolveOptions({ ...base, name: "acme", mcp: "stdio" }).mcp).toEqual({ transport: "stdio" });
    expect(() => resolveOptions({ ...base, name: "acme", mcp: "stdio", mcpUrl: "https://mcp.example.com" })).toThrow(
      /--mcp-url needs --mcp http/,
    );
    expect(() => resolveOptions({ ...base, name: "acme", mcp: "sse" })).toThrow(/use none, http or stdio/);
  });

  it("takes --target codex,claude-code, always with Codex, and names both hosts in the default description", () => {
    expect(resolveOptions({ ...base, name: "acme" }).targets).toEqual(["codex"]);
    const both = resolveOptions({ ...base, name: "acme", target: " Claude-Code , codex,codex" });
    expect(both).toMatchObject({
      targets: ["codex", "claude-code"],
      description: "Acme workflows for Codex and Claude Code.",
    });
    expect(() => resolveOptions({ ...base, name: "acme", target: "claude-code" })).toThrow(
      /--target must include codex/,
    );
    expect(() => resolveOptions({ ...base, name: "acme", target: "codex,cursor" })).toThrow(
      'unknown --target "cursor": use codex, agent-plugins, or a list such as agent-plugins,codex,claude-code',
    );
    expect(() => resolveOptions({ ...base, name: "acme", target: " , " })).toThrow(/--target needs a host/);
  });

  it("takes --target agent-plugins alone or with the hosts, and refuses host-only parts without their host", () => {
    expect(resolveOptions({ ...base, name: "acme", target: "agent-plugins" })).toMatchObject({
      targets: ["agent-plugins"],
      description: "Acme workflows for any Agent Plugins host.",
    });
    expect(resolveOptions({ ...base, name: "acme", target: "claude-code,codex,AGENT-PLUGINS" })).toMatchObject({
      targets: ["agent-plugins", "codex", "claude-code"],
      description: "Acme workflows for any Agent Plugins host, Codex and Claude Code.",
    });
    expect(resolveOptions({ ...base, name: "acme", target: "agent-plugins,claude-code" }).targets).toEqual([
      "agent-plugins",
      "claude-code",
    ]);
    expect(() => resolveOptions({ ...base, name: "acme", target: "agent-plugins", app: "connector_1" })).toThrow(
      /--app needs codex in --target/,
    );
    expect(() =>
      resolveOptions({ ...base, name: "acme", target: "agent-plugins,claude-code", app: "connector_1" }),
    ).toThrow(/--app needs codex in --target/);
    expect(() => resolveOptions({ ...base, name: "acme", target: "agent-plugins", hooks: true })).toThrow(
      /--hooks needs codex or claude-code in --target/,
    );
    expect(resolveOptions({ ...base, name: "acme", target: "agent-plugins,claude-code", hooks: true }).hooks).toBe(
      true,
    );
  });

  it("defaults the capabilities from the components, and takes any named ones, known names in their usual case", () => {
    expect(resolveOptions({ ...base, name: "acme", mcp: "stdio" }).capabilities).toEqual(["Interactive", "Read"]);
    expect(resolveOptions({ ...base, name: "acme", app: "connector_1" }).capabilities).toEqual(["Interactive", "Read"]);
    expect(resolveOptions({ ...base, name: "acme", hooks: true }).capabilities).toEqual(["Read"]);
    // Codex reads a free list of strings, so a name it may learn later is kept as written.
    expect(resolveOptions({ ...base, name: "acme", capabilities: " write, Read,Deploy " }).capabilities).toEqual([
      "Write",
      "Read",
      "Deploy",
    ]);
    expect(() => resolveOptions({ ...base, name: "acme", capabilities: "Read,read" })).toThrow(
      '--capabilities names "Read" twice',
    );
    expect(() => resolveOptions({ ...base, name: "acme", capabilities: "Deploy,deploy" })).toThrow(
      '--capabilities names "deploy" twice',
    );
    expect(() => resolveOptions({ ...base, name: "acme", capabilities: " ,," })).toThrow(
      /--capabilities needs at least one value/,
    );
  });

  it("picks changesets 3 only on the Node versions it runs on", () => {
    const major = (nodeVersion: string) => resolveOptions({ ...base, name: "acme", nodeVersion }).changesets.major;
    expect(["20.19.0", "22.10.0", "23.11.0", "25.0.0", "nonsense"].map(major)).toEqual([2, 2, 2, 2, 2]);
    expect(["22.11.0", "v22.12.1", "24.0.0", "26.1.0", "30.0.0"].map(major)).toEqual([3, 3, 3, 3, 3]);
    expect(resolveOptions({ ...base, name: "acme", nodeVersion: "24.3.0" }).changesets).toEqual({
      major: 3,
      range: "^3.0.3",
      configSchema: "https://unpkg.com/@changesets/config@4/schema.json",
      nodeVersion: "22",
    });
  });

  it("takes the package manager that runs create, with its version when known", () => {
    const pm = (packageManager: string) => resolveOptions({ ...base, name: "acme", packageManager }).packageManager;
    expect(pm("pnpm@10.34.8")).toEqual({ name: "pnpm", version: "10.34.8" });
    expect(pm("yarn")).toEqual({ name: "yarn", version: null });
    expect(pm("bun@1.2.0-canary.1")).toEqual({ name: "bun", version: "1.2.0-canary.1" });
    expect(() => pm("deno")).toThrow(
      'unknown package manager "deno": use npm, pnpm, yarn or bun, optionally with @<version>',
    );
    expect(() => pm("pnpm@10")).toThrow(/the version must be major\.minor\.patch/);
  });

  it("picks the same #RRGGBB brand colour for the same name", () => {
    expect(brandColor("acme")).toMatch(/^#[0-9A-F]{6}$/);
    expect(brandColor("acme")).toBe(brandColor("acme"));
  });
});

describe("resolveOptions: a plugin inside a workspace", () => {
  /** A temporary repository (its .git ends the search), with the given files. */
  function repo(files: Record<string, string | object>): string {
    const root = realpathSync(tempDir());
    mkdirSync(join(root, ".git"));
    writeTree(root, files);
    return root;
  }
  const inside = (cwd: string, extra: Partial<CreateInput> = {}) =>
    resolveOptions({ ...base, cwd, name: "acme", marketplace: "repo", detectWorkspace: true, ...extra });

  it("makes the plugin a package of the nearest workspace, with its package manager", () => {
    const pnpm = repo({
      "pnpm-workspace.yaml": "packages:\n  - plugins/*\n",
      ".changeset/config.json": {},
      "package.json": { scripts: { release: "plugin-pack release" } },
    });
    expect(inside(pnpm).workspace).toEqual({
      root: pnpm,
      file: join(pnpm, "pnpm-workspace.yaml"),
      coverage: "included",
      packageManager: "pnpm",
      changesets: true,
      releaseScript: "plugin-pack release",
      npmScope: null,
      npmWorkflow: null,
    });
    const npm = repo({ "package.json": { workspaces: ["plugins/*"] }, "package-lock.json": "{}" });
    expect(inside(npm).workspace).toMatchObject({
      file: join(npm, "package.json"),
      packageManager: "npm",
      changesets: false,
      releaseScript: null,
    });
    const yarn = repo({ "package.json": { workspaces: { packages: ["tools/*"] }, packageManager: "yarn@4.5.0" } });
    expect(inside(yarn).workspace).toMatchObject({ coverage: "missing", packageManager: "yarn" });
    const excluded = repo({ "package.json": { workspaces: ["plugins/*", "!plugins/acme"] } });
    expect(inside(excluded).workspace).toMatchObject({ coverage: { excludedBy: "!plugins/acme" } });
    // --marketplace does not decide it: a plugin anywhere inside the workspace is a package of it.
    expect(inside(pnpm, { marketplace: "none", dir: "plugins/acme" }).workspace?.root).toBe(pnpm);
  });

  it("reads whether the root publishes to npm, takes its scope for --source npm, and refuses another", () => {
    const root = repo({
      "package.json": {
        workspaces: ["plugins/*"],
        scripts: { release: "npm run build --workspaces --if-present && plugin-pack release --npm --sign env:KEY" },
        agentPlugin: { npm: { scope: "@acme" } },
      },
      ".github/workflows/release.yml":
        "jobs:\n  release:\n    permissions:\n      id-token: write\n    steps:\n      - with:\n          registry-url: https://registry.npmjs.org\n",
    });
    const options = inside(root, { source: "npm" });
    expect(options.workspace).toMatchObject({ npmScope: "@acme", npmWorkflow: true });
    expect(options.marketplaceSource).toEqual({ kind: "npm", package: "@acme/acme" });
    expect(options.release).toEqual({ channel: "npm", github: false, npm: true, scope: "@acme" });
    expect(inside(root, { source: "npm", npmScope: "acme" }).marketplaceSource).toEqual({
      kind: "npm",
      package: "@acme/acme",
    });
    expect(() => inside(root, { source: "npm", npmScope: "@other" })).toThrow(
      new UsageError(
        '--npm-scope @other differs from the scope the workspace root publishes under (@acme, "agentPlugin.npm.scope" in its package.json): the entry would name @other/acme, which the root\'s release never publishes; leave --npm-scope out or pass @acme',
      ),
    );
    // The root decides where its packages go: --release npm is refused in any workspace.
    expect(() => inside(root, { release: "npm" })).toThrow(
      /^--release npm sets up a plugin that is its own repository: .* \(it publishes them to npm under @acme already: leave --release out\)$/,
    );
    expect(() => inside(repo({ "package.json": { workspaces: ["plugins/*"] } }), { release: "both" })).toThrow(
      /\(to publish them to npm, give the root "agentPlugin": \{"npm": \{"scope": "@acme"\}\} and plugin-pack release --npm, see docs\/releasing\.md#the-npm-channel\)$/,
    );
    // A root without the setting: the scope is required, and the release is the root's GitHub one.
    const plain = repo({ "package.json": { workspaces: ["plugins/*"], scripts: { release: "plugin-pack release" } } });
    expect(() => inside(plain, { source: "npm" })).toThrow(/^--source npm needs --npm-scope/);
    expect(inside(plain, { source: "npm", npmScope: "acme" }).release).toMatchObject({ npm: false, scope: null });
  });

  it("is its own repository outside a workspace, or when told not to look", () => {
    expect(inside(repo({ "package.json": { name: "solo" } })).workspace).toBeNull();
    expect(
      inside(repo({ "pnpm-workspace.yaml": "packages: [plugins/*]\n" }), { detectWorkspace: false }).workspace,
    ).toBeNull();
  });

  it("refuses a pnpm-workspace.yaml that is not YAML, before anything is written", () => {
    const broken = repo({ "pnpm-workspace.yaml": "packages: [plugins/*\n" });
    expect(() => inside(broken)).toThrow(WorkspaceFileError);
    expect(() => inside(broken)).toThrow(/pnpm-workspace\.yaml is not valid YAML \(.*\): fix it and run again$/);
  });
});

describe("hooks beside the Agent Plugins manifest", () => {
  it("refuses --hooks with agent-plugins and codex (Codex 0.171 runs none of them there), keeps it for claude-code", () => {
    expect(() =>
      resolveOptions({ ...base, name: "acme", target: "agent-plugins,codex,claude-code", hooks: true }),
    ).toThrow(/Codex 0\.171 runs no hooks of a plugin that has an Agent Plugins plugin\.json/);
    expect(resolveOptions({ ...base, name: "acme", target: "agent-plugins,claude-code", hooks: true }).hooks).toBe(
      true,
    );
  });
});
