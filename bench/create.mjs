// create-agent-plugin speed as a cold process, and the size of the published package, which bundles its
// runtime dependencies: the packed package is also run once from a folder with no node_modules, outside the repo.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = join(root, "packages/create-agent-plugin");
const createBin = join(pkgDir, "bin/create-agent-plugin.js");
const TARGET_MS = 500;
const RUNS = 15;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Bare `node -e ''` start-up: the floor under every cold-process figure. */
export function bareNode(runs = 21) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", ""]);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

/** The flags of a non-interactive run; --no-git and --no-install only when this build's --help lists them. */
function createArgs(bin) {
  const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
  if (help.status !== 0)
    throw new Error(`create-agent-plugin --help exited ${help.status}:\n${help.stdout}${help.stderr}`);
  const optional = ["--no-git", "--no-install"].filter((flag) => help.stdout.includes(flag));
  return ["--name", "bench-plugin", "--yes", ...optional];
}

/** One generation into a fresh folder; returns the wall time in ms. */
function createOnce(bin, args, cwd, env = process.env) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0)
    throw new Error(`create-agent-plugin ${args.join(" ")} exited ${child.status}:\n${child.stdout}${child.stderr}`);
  if (!existsSync(join(cwd, "bench-plugin/.codex-plugin/plugin.json")))
    throw new Error(`create-agent-plugin ${args.join(" ")} wrote no plugin in ${cwd}`);
  return ms;
}

/** `npm pack` of the package into `dest`: the tarball's path, its size and unpacked size in bytes, and its file count. */
function npmPack(dest) {
  const child = spawnSync("npm", ["pack", "--json", "--pack-destination", dest], {
    cwd: pkgDir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.status !== 0) throw new Error(`npm pack exited ${child.status}:\n${child.stdout}${child.stderr}`);
  const [info] = JSON.parse(child.stdout);
  return {
    tarball: join(dest, info.filename),
    size: info.size,
    unpackedSize: info.unpackedSize,
    files: info.entryCount,
  };
}

/** Prints the figures; returns the number of targets missed. */
export function runCreateBench({ bare = bareNode() } = {}) {
  const work = mkdtempSync(join(tmpdir(), "create-agent-plugin-bench-"));
  let missed = 0;
  try {
    const args = createArgs(createBin);
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const cwd = mkdtempSync(join(work, "run-"));
      times.push(createOnce(createBin, args, cwd));
    }
    const createMedian = median(times);
    const fast = createMedian < TARGET_MS;
    missed += fast ? 0 : 1;

    // The published form: packed, extracted, and run with no node_modules anywhere above it and NODE_PATH unset.
    const packed = npmPack(work);
    const installed = join(work, "installed");
    mkdirSync(installed);
    const untar = spawnSync("tar", ["-xzf", packed.tarball, "-C", installed], { encoding: "utf8" });
    if (untar.status !== 0) throw new Error(`tar exited ${untar.status}: ${untar.stderr}`);
    const publishedBin = join(installed, "package/bin/create-agent-plugin.js");
    const env = { ...process.env };
    delete env.NODE_PATH;
    const target = mkdtempSync(join(work, "published-"));
    let selfContained = true;
    let publishedMs = 0;
    let failure = "";
    try {
      publishedMs = createOnce(publishedBin, createArgs(publishedBin), target, env);
    } catch (error) {
      selfContained = false;
      failure = error.message;
    }
    const manifest = JSON.parse(readFileSync(join(installed, "package/package.json"), "utf8"));
    const declared = Object.keys({
      ...manifest.dependencies,
      ...manifest.optionalDependencies,
      ...manifest.peerDependencies,
    });
    const noDeps = declared.length === 0;
    missed += selfContained && noDeps ? 0 : 1;

    const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
    console.log(`\ncreate-agent-plugin ${args.join(" ")} (median of ${RUNS} cold runs, each into a fresh folder):`);
    console.log(
      `  median ${createMedian.toFixed(1)} ms  (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})   bare node ${bare.toFixed(1)} ms`,
    );
    console.log(`  target: under ${TARGET_MS} ms wall: ${fast ? "ok" : "MISSED"}`);
    console.log(
      `  published package (npm pack): ${kib(packed.size)} packed, ${kib(packed.unpackedSize)} unpacked, ${packed.files} files`,
    );
    console.log(`  runtime dependencies declared: ${noDeps ? "none" : declared.join(", ")}`);
    console.log(
      `  target: no runtime dependencies, and runs from the extracted tarball with no node_modules: ${selfContained && noDeps ? "ok" : "MISSED"}` +
        (selfContained ? ` (${publishedMs.toFixed(0)} ms)` : `\n${failure.replace(/^/gm, "    ")}`),
    );
  } finally {
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }
  return missed;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = runCreateBench() > 0 ? 1 : 0;
