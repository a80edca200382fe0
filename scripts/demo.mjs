// `pnpm demo`: lints every example with the built plugin-lint and shows what it found.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "packages/plugin-lint/bin/plugin-lint.js");
const examples = ["examples/release-notes", "examples/repo-insights", "examples/issue-triage", "examples/marketplace"];

const run = (args) => {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
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
if (failed) {
  console.error("demo: an example did not lint clean");
  process.exitCode = 1;
} else {
  console.log(`demo: all ${examples.length} examples lint clean`);
}
