// Peak memory follows the largest file: one command's peak RSS on the same small plugin holding a 20 MiB file and
// a 1 MiB one (inputs big-file-20mib and big-file-1mib).
import { peakRss } from "./measure.mjs";

/** How much larger the largest file of the one input is than the other's. */
const FILE_GROWTH_MIB = 20 - 1;

const mib = (value) => `${value.toFixed(1)} MiB`;

/** Memory may grow by about the file (`allowance` times its growth); the baseline follows the ratio of the peaks. */
export function bigFileGrowth({ id, label, command, inputs, work, runs, allowance }) {
  const small = peakRss(command(inputs["big-file-1mib"]), work, runs.rss);
  const big = peakRss(command(inputs["big-file-20mib"]), work, runs.rss);
  const growth = big - small;
  return {
    id,
    label,
    value: `${mib(big)} (${growth >= 0 ? "+" : ""}${growth.toFixed(1)})`,
    yardstick: `1 MiB file ${mib(small)}`,
    ratio: big / small,
    goal: `growth ≤ ${allowance}× ${FILE_GROWTH_MIB} MiB`,
    ok: growth <= allowance * FILE_GROWTH_MIB,
  };
}
