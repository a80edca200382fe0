// plugin-pack's cases: packing the large text plugin against Info-ZIP's `zip -X -r` of the same folder (as users run
// it, with the deflate cache warm; and cold, --no-cache, for information), the same bytes on every run, warm or cold, verify and inspect of that archive against bare Node, the bundling path against `mcpb pack`,
// and peak memory that follows the largest file.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { bigFileGrowth } from "./big-file.mjs";
import { bareNode, interleaved, runOnce, timedFigures } from "./measure.mjs";

const ZIP = "/usr/bin/zip";

/** The one archive plugin-pack wrote into `out`. */
function archiveIn(out) {
  const zip = readdirSync(out).find((name) => name.endsWith(".zip"));
  if (!zip) throw new Error(`plugin-pack wrote no archive into ${out}`);
  return join(out, zip);
}

const sha256 = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

export function packCases({ root, inputs, runs, work }) {
  const packBin = join(root, "packages/plugin-pack/bin/plugin-pack.cjs");
  const large = inputs["large-plugin"];
  const figures = [];
  // Every pack caches in the bench's scratch folder, never in the user's home.
  const cacheDir = join(work, "pack-cache");
  rmSync(cacheDir, { recursive: true, force: true });
  const env = { ...process.env, AGENT_PLUGIN_PACK_CACHE: cacheDir };
  const packInto = (name, dir, out, extra = ["--no-lint"]) => ({
    name,
    args: [packBin, ...extra, dir, "--out", out],
    cwd: work,
    env,
    before: () => rmSync(out, { recursive: true, force: true }),
  });

  const first = join(work, "pack-first");
  const pack = packInto("pack", large, first);
  const cold = packInto("pack cold", large, join(work, "pack-cold"), ["--no-lint", "--no-cache"]);
  // The warm-up: fills the cache, so every timed run of `pack` is warm.
  runOnce(pack);
  const zipOut = join(work, "zip-x.zip");
  const zip = {
    name: "zip -X -r",
    command: ZIP,
    args: ["-X", "-r", "-q", zipOut, "."],
    cwd: large,
    before: () => rmSync(zipOut, { force: true }),
  };
  if (existsSync(ZIP)) {
    figures.push(
      ...timedFigures({
        yardstick: zip,
        yardstickLabel: "zip -X -r",
        runs: runs.slow,
        subjects: [
          {
            id: "pack-large",
            label: "plugin-pack --no-lint the large text plugin (cache warm)",
            subject: pack,
            goal: { ratio: 1.7 },
          },
          {
            id: "pack-large-cold",
            label: "  the same, --no-cache (every file deflated)",
            subject: cold,
          },
        ],
      }),
    );
  } else {
    interleaved([pack, cold], runs.slow);
    figures.push({
      id: "pack-large",
      label: "plugin-pack --no-lint the large text plugin",
      skipped: `${ZIP} is missing (apt-get install zip): no yardstick, ratio not measured`,
    });
  }

  // Reproducible: a second run into another folder writes the same bytes, and so does a pack without the cache.
  const archive = archiveIn(first);
  const second = join(work, "pack-second");
  runOnce(packInto("pack again", large, second));
  const identical = [second, join(work, "pack-cold")].every((out) => sha256(archive) === sha256(archiveIn(out)));
  figures.push({
    id: "pack-identical",
    label: "  the same archive bytes on two runs, and cold",
    value: identical ? "identical" : "DIFFERENT",
    ok: identical,
    mustPass: true,
  });

  const verify = { name: "verify", args: [packBin, "verify", archive, "--allow-unsigned"], cwd: work };
  const inspect = { name: "inspect", args: [packBin, "inspect", archive], cwd: work };
  figures.push(
    ...timedFigures({
      yardstick: bareNode,
      yardstickLabel: "bare node",
      runs: runs.quick,
      subjects: [verify, inspect].map((subject) => ({
        id: `pack-${subject.name}`,
        label: `plugin-pack ${subject.name} that archive`,
        subject,
      })),
    }),
  );

  // A plugin with a local MCP server and its node_modules: plugin-pack lints and bundles, mcpb zips the folder.
  const mcp = inputs["mcp-plugin"];
  const mcpbOut = join(work, "mcp-plugin.mcpb");
  const mcpb = {
    name: "mcpb pack",
    args: [join(root, "node_modules/@anthropic-ai/mcpb/dist/cli/cli.js"), "pack", mcp, mcpbOut],
    cwd: work,
    before: () => rmSync(mcpbOut, { force: true }),
  };
  const bundle = packInto("pack mcp", mcp, join(work, "pack-mcp"), []);
  figures.push(
    ...timedFigures({
      yardstick: mcpb,
      yardstickLabel: "mcpb pack",
      runs: runs.slow,
      subjects: [{ id: "pack-mcp", label: "plugin-pack a plugin with a local MCP server", subject: bundle }],
    }),
  );

  figures.push(
    bigFileGrowth({
      id: "rss-pack-big-file",
      label: "plugin-pack --no-cache peak RSS, a 20 MiB file against 1 MiB",
      // Both sizes through the deflate, the path that holds most: with the cache, a warm pack of the 1 MiB plugin
      // loads no deflate at all while the 20 MiB file's does, and the difference would measure that, not the file.
      command: (dir) => packInto("pack big", dir, join(work, "pack-big"), ["--no-lint", "--no-cache"]),
      inputs,
      work,
      runs,
      allowance: 2,
    }),
  );
  return figures;
}
