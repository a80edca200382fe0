/**
 * Folders an interrupted install (kill -9, power loss) leaves beside `plugins/<name>/`: the staging folder
 * `.<name>.install-<random>`, extraction's own `..<name>.install-<random>.partial-<random>`, and the previous
 * version `.<name>.previous-<random>`. Installing over them could lose the previous version, or the version
 * the downgrade guard compares with, so install refuses and says what to do.
 */
import { readdirSync } from "node:fs";
import { basename, dirname } from "node:path";
import { PackError } from "../errors.js";

export function refuseLeftovers(folder: string, shown: string): void {
  const parent = dirname(folder);
  const name = basename(folder);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return; // No plugins/ folder yet: nothing can be left over.
  }
  const previous = names.filter((entry) => entry.startsWith(`.${name}.previous-`));
  const staging = names.filter(
    (entry) => entry.startsWith(`.${name}.install-`) || entry.startsWith(`..${name}.install-`),
  );
  if (previous.length === 0 && staging.length === 0) return;
  const at = (entry: string): string => `${dirname(shown)}/${entry}`;
  const steps = [
    ...staging.map((entry) => `delete ${at(entry)} (an unfinished extraction)`),
    ...previous.map(
      (entry) =>
        `${at(entry)} is the complete earlier version: if ${shown} is missing or incomplete, rename it to ${shown}, else delete it`,
    ),
  ];
  throw new PackError(
    `an earlier install of ${name} was interrupted and left ${[...staging, ...previous].map(at).join(", ")}: ${steps.join("; ")}; then install again (nothing was installed)`,
    folder,
  );
}
