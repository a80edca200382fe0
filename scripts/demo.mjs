// `pnpm demo`: lints every example, then packs, signs, verifies and inspects one, with the built CLIs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "packages/plugin-lint/bin/plugin-lint.js");
const packBin = join(root, "packages/plugin-pack/bin/plugin-pack.js");
const examples = ["examples/release-notes", "examples/repo-insights", "examples/issue-triage", "examples/marketplace"];

const run = (args, tool = bin, cwd = root) => {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [tool, ...args], { cwd, encoding: "utf8" });
  return { ...child, ms: Number(process.hrtime.bigint() - started) / 1e6 };
};

let failed = false;
console.log("plugin-lint on the examples\n");
for (const example of examples) {
  const result = run([example]);
  failed ||= result.status !== 0;
  console.log(`$ plugin-lint ${example}   (${result.ms.toFixed(0)} ms, exit ${result.status})`);
  console.log(result.stdout.trimEnd().replace(/^/gm, "  "));
  if (result.stderr) console.log(result.stderr.trimEnd().replace(/^/gm, "  "));
  console.log();
}

// A broken copy shows what findings look like, with exact positions.
const broken = join(root, "packages/plugin-lint/fixtures/manifest/default-prompt/fail");
const shown = run(["--format", "stylish", join(broken, "demo")]);
if (shown.stdout) {
  console.log("$ plugin-lint <a plugin with a broken manifest>");
  console.log(shown.stdout.trimEnd().replace(/^/gm, "  "));
  console.log();
}
// Pack and sign an example with a throwaway key, verify it, and show what a reviewer sees.
const work = mkdtempSync(join(tmpdir(), "plugin-pack-demo-"));
const step = (title, args) => {
  const result = run(args, packBin, work);
  console.log(`$ plugin-pack ${title}   (${result.ms.toFixed(0)} ms, exit ${result.status})`);
  console.log((result.stdout + result.stderr).trimEnd().replace(/^/gm, "  "));
  console.log();
  failed ||= result.status !== 0;
  return result;
};
step("keygen --out keys", ["keygen", "--out", "keys"]);
step("examples/repo-insights --out dist --sign keys/plugin-signing.key", [join(root, "examples/repo-insights"), "--out", "dist", "--sign", "keys/plugin-signing.key"]);
const { version } = JSON.parse(readFileSync(join(root, "examples/repo-insights/.codex-plugin/plugin.json"), "utf8"));
const archive = `dist/repo-insights-${version}.zip`;
step(`verify ${archive} --trust keys/plugin-signing.pub`, ["verify", archive, "--trust", "keys/plugin-signing.pub"]);
step(`inspect ${archive}`, ["inspect", archive]);
rmSync(work, { recursive: true, force: true });

if (failed) {
  console.error("demo: a step failed");
  process.exitCode = 1;
} else {
  console.log(`demo: all ${examples.length} examples lint clean; an example packed, signed, verified and inspected`);
}
