// `pnpm hosts:update --host codex --version 0.172.0 [--keep]`: pins a new host version as the current one, runs the
// probe catalogue through it, writes its data file and prints how it differs from the previous current version.
// --keep keeps the previous version pinned (not current) with its data; otherwise its pin and data file go.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runMain, UsageError } from "@agent-plugin/core";
import { diffProbeData, driverFor, formatProbeData, parseProbeData, runProbes } from "@agent-plugin/hosts";
import { dataFile, pinsFile } from "./paths.mjs";

await runMain("hosts:update", async (argv) => {
  const { values } = parseArgs({
    args: [...argv],
    options: { host: { type: "string" }, version: { type: "string" }, keep: { type: "boolean", default: false } },
  });
  const table = JSON.parse(readFileSync(pinsFile, "utf8"));
  const host = values.host;
  if (host === undefined || !(host in table))
    throw new UsageError(`--host must be one of ${Object.keys(table).join(", ")}`);
  if (!values.version || !/^\d+\.\d+\.\d+$/.test(values.version))
    throw new UsageError("--version must be an exact version such as 0.172.0");
  const version = values.version;
  // A version no driver understands stops here, before anything is written.
  driverFor(host, version);
  const previous = table[host].find((pin) => pin.current);
  if (previous?.version === version) throw new UsageError(`${host} ${version} is already the current pin`);

  const data = await runProbes({ host, version, onProgress: (line) => console.error(line) });
  writeFileSync(dataFile(host, version), formatProbeData(data));

  const displayName = host === "codex" ? "Codex" : "Claude Code";
  const others = table[host].filter((pin) => pin.version !== version && pin !== previous);
  const kept =
    values.keep && previous ? [{ ...previous, current: false, why: `the current release before ${version}` }] : [];
  table[host] = [{ version, current: true, why: `the current ${displayName} release` }, ...kept, ...others];
  writeFileSync(pinsFile, `${JSON.stringify(table, null, 2)}\n`);

  if (previous === undefined || !existsSync(dataFile(host, previous.version))) {
    console.log(`${host} ${version} pinned; no previous data to compare with`);
    return 0;
  }
  const before = parseProbeData(readFileSync(dataFile(host, previous.version), "utf8"));
  if (!values.keep) rmSync(dataFile(host, previous.version));
  const lines = diffProbeData(before, data);
  console.log(
    `${host} ${previous.version} → ${version}: ${lines.length === 0 ? "no differences" : `${lines.length} differences`}`,
  );
  for (const line of lines) console.log(line);
  console.log("Rebuild (pnpm build) so the package embeds the new pins.");
  return 0;
});
