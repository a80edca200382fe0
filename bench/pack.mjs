// Pack, verify and inspect speed on a plugin of ~800 files / 8.5 MB, side by side with `mcpb pack`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateLargePlugin, generateMcpPlugin } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const packBin = join(root, "packages/plugin-pack/bin/plugin-pack.js");
const mcpbBin = join(root, "node_modules/@anthropic-ai/mcpb/dist/cli/cli.js");
const probe = join(root, "bench/rss-probe.mjs");

function time(args, cwd, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (child.status !== 0)
      throw new Error(`node ${args.join(" ")} exited ${child.status}:\n${child.stdout}${child.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function peakRss(args, cwd, work) {
  const file = join(work, "rss");
  spawnSync(process.execPath, ["--import", probe, ...args], {
    cwd,
    env: { ...process.env, BENCH_RSS_FILE: file },
    stdio: "ignore",
  });
  return Number(readFileSync(file, "utf8")) / (1024 * 1024);
}

function countFolder(dir) {
  const files = readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile());
  return { files: files.length, bytes: files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0) };
}

/** One folder, packed by both tools, then verified and inspected. Returns the number of targets missed. */
function benchFolder(work, label, name, version, generate) {
  const plugin = join(work, name);
  generate(plugin);
  const { files, bytes } = countFolder(plugin);
  const out = join(work, `out-${name}`);
  const runs = 7;
  const ours = time([packBin, plugin, "--out", out], work, runs);
  const oursRss = peakRss([packBin, plugin, "--out", out], work, work);
  const theirs = time([mcpbBin, "pack", plugin, join(work, `${name}.mcpb`)], work, runs);
  const theirsRss = peakRss([mcpbBin, "pack", plugin, join(work, `${name}.mcpb`)], work, work);
  const archive = join(out, `${name}-${version}.zip`);
  const verify = time([packBin, "verify", archive, "--allow-unsigned"], work, runs);
  const inspect = time([packBin, "inspect", archive], work, runs);
  const ok = (value) => (value ? "ok" : "MISSED");
  console.log(
    `\nplugin-pack: ${label}, ${files} files / ${(bytes / 1024 / 1024).toFixed(1)} MiB (median of ${runs} cold runs):`,
  );
  console.log(
    `  pack      ${ours.toFixed(0).padStart(5)} ms  ${oursRss.toFixed(1).padStart(6)} MiB   archive ${(statSync(archive).size / 1024 / 1024).toFixed(2)} MiB`,
  );
  console.log(
    `  mcpb pack ${theirs.toFixed(0).padStart(5)} ms  ${theirsRss.toFixed(1).padStart(6)} MiB   archive ${(statSync(join(work, `${name}.mcpb`)).size / 1024 / 1024).toFixed(2)} MiB   (reference: 820 ms, 130 MiB)`,
  );
  console.log(
    `  ratio     ${(ours / theirs).toFixed(2)}x the time, ${(oursRss / theirsRss).toFixed(2)}x the memory of mcpb pack`,
  );
  console.log(`  verify    ${verify.toFixed(0).padStart(5)} ms`);
  console.log(`  inspect   ${inspect.toFixed(0).padStart(5)} ms`);
  const packOk = ours < 400 && oursRss < 150;
  const readOk = verify < 300 && inspect < 300;
  console.log(`  target: pack under 400 ms and 150 MiB: ${ok(packOk)}; verify and inspect under 300 ms: ${ok(readOk)}`);
  return (packOk ? 0 : 1) + (readOk ? 0 : 1);
}

export function runPackBench() {
  const work = mkdtempSync(join(tmpdir(), "plugin-pack-bench-"));
  let missed = benchFolder(
    work,
    "a plugin with a local MCP server and its node_modules",
    "mcp-plugin",
    "1.0.0",
    generateMcpPlugin,
  );
  missed += benchFolder(
    work,
    "a plugin of skills and text only (every byte is packed and deflated)",
    "large-plugin",
    "2.0.0",
    generateLargePlugin,
  );
  rmSync(work, { recursive: true, force: true });
  return missed;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = runPackBench() > 0 ? 1 : 0;
