// `pnpm demo`: creates a plugin with create-agent-plugin, lints it, packs and signs it with a throwaway key,
// verifies and inspects the archive; releases the example marketplace monorepo with changesets and installs one
// release into another marketplace; then lints every example. All with the built CLIs.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bins = {
  "create-agent-plugin": join(root, "packages/create-agent-plugin/bin/create-agent-plugin.cjs"),
  "plugin-lint": join(root, "packages/plugin-lint/bin/plugin-lint.cjs"),
  "plugin-pack": join(root, "packages/plugin-pack/bin/plugin-pack.cjs"),
};
const examples = ["examples/release-notes", "examples/repo-insights", "examples/issue-triage", "examples/marketplace"];

const run = (tool, args, cwd) => {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [bins[tool], ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { ...child, ms: Number(process.hrtime.bigint() - started) / 1e6 };
};

const failures = [];
/** Runs one command, prints it with its time, exit code and output, and records a failure. */
const step = (tool, args, cwd, shown = args.join(" ")) => {
  const result = run(tool, args, cwd);
  console.log(`$ ${tool} ${shown}   (${result.ms.toFixed(0)} ms, exit ${result.status})`);
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trimEnd();
  if (output) console.log(output.replace(/^/gm, "  "));
  if (result.error) console.log(`  ${result.error.message}`);
  console.log();
  if (result.status !== 0) failures.push(`${tool} ${shown}`);
  return result;
};

const work = mkdtempSync(join(tmpdir(), "agent-plugin-demo-"));
try {
  // A fresh plugin, from flags: a remote MCP server and a SessionStart hook on top of the skill and the logo.
  // --no-git and --no-install are passed when this build offers them (the demo needs neither a repo nor npm).
  const help = run("create-agent-plugin", ["--help"], work).stdout ?? "";
  const optional = ["--no-git", "--no-install"].filter((flag) => help.includes(flag));
  console.log("A new plugin: create, lint, pack and sign, verify, inspect\n");
  const created = step(
    "create-agent-plugin",
    [
      "--name",
      "demo-plugin",
      "--mcp",
      "http",
      "--mcp-url",
      "https://mcp.example.com/mcp",
      "--hooks",
      "--yes",
      ...optional,
    ],
    work,
  );
  if (created.status === 0) {
    step("plugin-lint", ["demo-plugin"], work);
    step("plugin-pack", ["keygen", "--out", "keys"], work);
    step("plugin-pack", ["demo-plugin", "--out", "dist", "--sign", "keys/plugin-signing.key"], work);
    const { version } = JSON.parse(readFileSync(join(work, "demo-plugin/.codex-plugin/plugin.json"), "utf8"));
    const archive = `dist/demo-plugin-${version}.zip`;
    step("plugin-pack", ["verify", archive, "--trust", "keys/plugin-signing.pub"], work);
    step("plugin-pack", ["inspect", archive], work);
  }

  // The release flow on a copy of examples/marketplace, in a git repo, with this repo's changesets 2.
  console.log("A release: a changeset, plugin-pack version, plugin-pack release, plugin-pack install\n");
  const repo = join(work, "team-marketplace");
  cpSync(join(root, "examples/marketplace"), repo, { recursive: true });
  mkdirSync(join(repo, "node_modules/@changesets"), { recursive: true });
  symlinkSync(join(root, "node_modules/@changesets/cli"), join(repo, "node_modules/@changesets/cli"));
  const gitIdentity = {
    ...process.env,
    GIT_AUTHOR_NAME: "demo",
    GIT_AUTHOR_EMAIL: "demo@example.com",
    GIT_COMMITTER_NAME: "demo",
    GIT_COMMITTER_EMAIL: "demo@example.com",
  };
  const git = (...args) => execFileSync("git", args, { cwd: repo, env: gitIdentity, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "team marketplace");
  git("tag", "@examples/pr-review@1.1.0");
  git("tag", "@examples/incident-postmortem@0.4.0");
  writeFileSync(
    join(repo, ".changeset/rank-findings.md"),
    '---\n"@examples/pr-review": minor\n---\n\nRank security findings above style nits.\n',
  );
  step("plugin-pack", ["version", "--no-lockfile"], repo);
  git("add", "-A");
  git("commit", "-qm", "Release plugins");
  step("plugin-pack", ["release", "--sign", "../keys/plugin-signing.key"], repo);
  const consumer = join(work, "consumer");
  mkdirSync(consumer);
  step(
    "plugin-pack",
    ["install", "../team-marketplace/dist/release/pr-review-1.2.0.zip", "--trust", "../keys/plugin-signing.pub"],
    consumer,
  );
  step("plugin-lint", ["."], consumer);

  console.log("plugin-lint on the examples\n");
  for (const example of examples) step("plugin-lint", [example], root);

  // A broken copy shows what findings look like, with exact positions (it is meant to fail).
  const broken = join(root, "packages/plugin-lint/fixtures/manifest/default-prompt/fail");
  const shown = run("plugin-lint", ["--format", "stylish", join(broken, "demo")], root);
  if (shown.stdout) {
    console.log("$ plugin-lint <a plugin with a broken manifest>");
    console.log(shown.stdout.trimEnd().replace(/^/gm, "  "));
    console.log();
  }
} finally {
  rmSync(work, { recursive: true, force: true, maxRetries: 3 });
}

if (failures.length > 0) {
  console.error(`demo: ${failures.length} step(s) failed:\n${failures.map((f) => `  ${f}`).join("\n")}`);
  process.exitCode = 1;
} else {
  console.log(
    `demo: a new plugin created, linted, packed, signed, verified and inspected; a marketplace release versioned, packed, signed, tagged and installed; all ${examples.length} examples lint clean`,
  );
}
