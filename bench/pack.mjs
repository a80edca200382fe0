// Pack, verify and inspect speed on a plugin of ~800 files / 8.5 MB, side by side with `mcpb pack`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateLargePlugin } from "./generate.mjs";

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
    if (child.status !== 0) throw new Error(`node ${args.join(" ")} exited ${child.status}:\n${child.stdout}${child.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function peakRss(args, cwd, work) {
  const file = join(work, "rss");
  spawnSync(process.execPath, ["--import", probe, ...args], { cwd, env: { ...process.env, BENCH_RSS_FILE: file }, stdio: "ignore" });
  return Number(readFileSync(file, "utf8")) / (1024 * 1024);
}

export function runPackBench() {
  const work = mkdtempSync(join(tmpdir(), "plugin-pack-bench-"));
  const plugin = join(work, "large-plugin");
  generateLargePlugin(plugin);
  const files = readdirSync(plugin, { recursive: true }).filter((f) => statSync(join(plugin, f)).isFile());
  const bytes = files.reduce((sum, f) => sum + statSync(join(plugin, f)).size, 0);
  const out = join(work, "out");
  const runs = 7;
  const ours = time([packBin, plugin, "--out", out], work, runs);
  const oursRss = peakRss([packBin, plugin, "--out", out], work, work);
  const theirs = time([mcpbBin, "pack", plugin, join(work, "large.mcpb")], work, runs);
  const theirsRss = peakRss([mcpbBin, "pack", plugin, join(work, "large.mcpb")], work, work);
  const archive = join(out, "large-plugin-2.0.0.zip");
  const verify = time([packBin, "verify", archive, "--allow-unsigned"], work, runs);
  const inspect = time([packBin, "inspect", archive], work, runs);
  const archiveSize = statSync(archive).size;

  const ok = (value) => (value ? "ok" : "MISSED");
  console.log(`\nplugin-pack on ${files.length} files / ${(bytes / 1024 / 1024).toFixed(1)} MiB (median of ${runs} cold runs):`);
  console.log(`  pack      ${ours.toFixed(0).padStart(5)} ms  ${oursRss.toFixed(1).padStart(6)} MiB   archive ${(archiveSize / 1024 / 1024).toFixed(2)} MiB`);
  console.log(`  mcpb pack ${theirs.toFixed(0).padStart(5)} ms  ${theirsRss.toFixed(1).padStart(6)} MiB   (reference here: 820 ms, 130 MiB)`);
  console.log(`  ratio     ${(ours / theirs).toFixed(2)}x the time, ${(oursRss / theirsRss).toFixed(2)}x the memory of mcpb pack`);
  console.log(`  verify    ${verify.toFixed(0).padStart(5)} ms`);
  console.log(`  inspect   ${inspect.toFixed(0).padStart(5)} ms`);
  const packOk = ours < 400 && oursRss < 150;
  console.log(`  target: pack under 400 ms and 150 MiB: ${ok(packOk)}; verify and inspect under 300 ms: ${ok(verify < 300 && inspect < 300)}`);
  rmSync(work, { recursive: true, force: true });
  return (packOk ? 0 : 1) + (verify < 300 && inspect < 300 ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = runPackBench() > 0 ? 1 : 0;
