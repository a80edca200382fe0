// create-agent-plugin as a cold process against bare Node, and the published package, which bundles its runtime
// dependencies: the packed package is also run once from a folder with no node_modules, outside the repo.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { bareNode, runOnce, timedFigures } from "./measure.mjs";

/** The flags of a non-interactive run; --no-git and --no-install only when this build's --help lists them. */
function createArgs(bin) {
  const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
  if (help.status !== 0)
    throw new Error(`create-agent-plugin --help exited ${help.status}:\n${help.stdout}${help.stderr}`);
  const optional = ["--no-git", "--no-install"].filter((flag) => help.stdout.includes(flag));
  return ["--name", "bench-plugin", "--yes", ...optional];
}

/** One generation into `cwd` (emptied first); fails when no plugin was written. */
function createIn(name, bin, cwd, env = process.env) {
  const args = createArgs(bin);
  return {
    name,
    args: [bin, ...args],
    cwd,
    env,
    before: () => {
      rmSync(cwd, { recursive: true, force: true });
      mkdirSync(cwd, { recursive: true });
    },
    check: () => existsSync(join(cwd, "bench-plugin/.codex-plugin/plugin.json")),
  };
}

/** `npm pack` of the package into `dest`: the tarball's path, its size and unpacked size in bytes, and its file count. */
function npmPack(pkgDir, dest) {
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

export function createCases({ root, runs, work, check }) {
  const pkgDir = join(root, "packages/create-agent-plugin");
  const create = createIn("create", join(pkgDir, "bin/create-agent-plugin.cjs"), join(work, "create"));
  const figures = timedFigures({
    yardstick: bareNode,
    yardstickLabel: "bare node",
    runs: runs.quick,
    subjects: [{ id: "create", label: "create-agent-plugin --yes", subject: create }],
  });
  if (!create.check()) throw new Error(`create-agent-plugin wrote no plugin in ${create.cwd}`);

  // The published form: packed, extracted, and run with no node_modules anywhere above it and NODE_PATH unset.
  // Not a timing, so --check (which guards ratios) leaves it to the full run and the package tests.
  if (check) return figures;
  const packed = npmPack(pkgDir, work);
  const installed = join(work, "installed");
  mkdirSync(installed, { recursive: true });
  const untar = spawnSync("tar", ["-xzf", packed.tarball, "-C", installed], { encoding: "utf8" });
  if (untar.status !== 0) throw new Error(`tar exited ${untar.status}: ${untar.stderr}`);
  const env = { ...process.env };
  delete env.NODE_PATH;
  const published = createIn(
    "published",
    join(installed, "package/bin/create-agent-plugin.cjs"),
    join(work, "pub"),
    env,
  );
  let runsAlone = true;
  try {
    runOnce(published);
    runsAlone = published.check();
  } catch {
    runsAlone = false;
  }
  const manifest = JSON.parse(readFileSync(join(installed, "package/package.json"), "utf8"));
  const declared = Object.keys({
    ...manifest.dependencies,
    ...manifest.optionalDependencies,
    ...manifest.peerDependencies,
  });
  figures.push({
    id: "create-published",
    label: `  its npm package (${(packed.size / 1024).toFixed(0)} KiB, ${packed.files} files): runtime dependencies`,
    value: declared.length === 0 ? "none" : declared.join(", "),
    yardstick: runsAlone ? "runs with no node_modules" : "FAILS with no node_modules",
    goal: "none, runs alone",
    ok: declared.length === 0 && runsAlone,
  });
  return figures;
}
