// `pnpm hosts:probe [--host codex] [--version 0.171.0]`: runs the probe catalogue through every pinned host version
// (or only the one named) and writes what each host did to packages/hosts/data/<host>-<version>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { runMain, UsageError } from "@agent-plugin/core";
import { formatProbeData, pins, runProbes } from "@agent-plugin/hosts";
import { dataDir, dataFile, repoRoot } from "./paths.mjs";

await runMain("hosts:probe", async (argv) => {
  const { values } = parseArgs({ args: [...argv], options: { host: { type: "string" }, version: { type: "string" } } });
  const chosen = pins.filter(
    (pin) =>
      (values.host === undefined || pin.host === values.host) &&
      (values.version === undefined || pin.version === values.version),
  );
  if (chosen.length === 0) {
    throw new UsageError(
      `no pinned host matches: pins are ${pins.map((pin) => `${pin.host}@${pin.version}`).join(", ")}`,
    );
  }
  mkdirSync(dataDir, { recursive: true });
  for (const pin of chosen) {
    const started = Date.now();
    const data = await runProbes({ host: pin.host, version: pin.version, onProgress: (line) => console.error(line) });
    const file = dataFile(pin.host, pin.version);
    writeFileSync(file, formatProbeData(data));
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`${relative(repoRoot, file)}: ${Object.keys(data.probes).length} probes, ${seconds} s`);
  }
  return 0;
});
