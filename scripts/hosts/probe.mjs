// `pnpm hosts:probe [--host codex] [--version 0.171.0] [--only lsp-json/,hooks-json/clean]`: runs the probe catalogue
// through every pinned host version (or only the one named) and writes what each host did to
// packages/hosts/data/<host>-<version>.json. --only runs the probes whose id starts with one of the prefixes and
// replaces just their results in the data file, for a probe added or a driver change that touches a few.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { runMain, UsageError } from "@agent-plugin/core";
import { catalogue, formatProbeData, parseProbeData, pins, runProbes } from "@agent-plugin/hosts";
import { dataDir, dataFile, repoRoot } from "./paths.mjs";

await runMain("hosts:probe", async (argv) => {
  const { values } = parseArgs({
    args: [...argv],
    options: { host: { type: "string" }, version: { type: "string" }, only: { type: "string" } },
  });
  const only = values.only?.split(",").filter((prefix) => prefix !== "");
  const probes = only && catalogue.filter((probe) => only.some((prefix) => probe.id.startsWith(prefix)));
  if (probes?.length === 0) throw new UsageError(`no probe id starts with ${values.only}`);
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
    const file = dataFile(pin.host, pin.version);
    const data = await runProbes({
      host: pin.host,
      version: pin.version,
      ...(probes === undefined ? {} : { probes }),
      onProgress: (line) => console.error(line),
    });
    if (probes !== undefined && existsSync(file)) {
      // Only some probes ran: keep the recorded results of the others.
      data.probes = { ...parseProbeData(readFileSync(file, "utf8")).probes, ...data.probes };
    }
    writeFileSync(file, formatProbeData(data));
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`${relative(repoRoot, file)}: ${Object.keys(data.probes).length} probes, ${seconds} s`);
  }
  return 0;
});
