// `node scripts/hosts/latest.mjs`: compares each host's current pin with the newest release on npm. Prints one
// line per host and, when one is behind, the command that bumps it; exits 1 then, so a scheduled workflow fails
// visibly. A host upgrade stays a deliberate change: this only reports.
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";

const pins = JSON.parse(readFileSync(new URL("../../packages/hosts/src/pins.json", import.meta.url), "utf8"));
const packages = { codex: "@openai/codex", "claude-code": "@anthropic-ai/claude-code" };

const lines = [];
let behind = false;
for (const [host, list] of Object.entries(pins)) {
  const pinned = list.find((pin) => pin.current)?.version;
  const latest = execFileSync("npm", ["view", `${packages[host]}@latest`, "version"], { encoding: "utf8" }).trim();
  if (latest === pinned) {
    lines.push(`${host}: pinned ${pinned} is the newest on npm`);
  } else {
    behind = true;
    lines.push(
      `${host}: pinned ${pinned}, npm has ${latest}: run \`pnpm hosts:update --host ${host} --version ${latest} --keep\`, review the differences, and update the profile`,
    );
  }
}
console.log(lines.join("\n"));
if (process.env.GITHUB_STEP_SUMMARY)
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${lines.map((l) => `- ${l}`).join("\n")}\n`);
process.exitCode = behind ? 1 : 0;
