// The generated inputs, made once into bench/.work/inputs-v<GENERATOR_VERSION>/ and reused by every later run.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  GENERATOR_VERSION,
  generateBigFilePlugin,
  generateLargePlugin,
  generateMarketplace,
  generateMcpPlugin,
} from "./generate.mjs";

const MIB = 1024 * 1024;
const workRoot = join(dirname(fileURLToPath(import.meta.url)), ".work");

/** Every input by name, with what writes it into a given folder. */
const INPUTS = {
  "large-plugin": (dir) => generateLargePlugin(dir),
  "marketplace-200": (dir) => generateMarketplace(dir, 200),
  "marketplace-50": (dir) => generateMarketplace(dir, 50),
  "big-file-1mib": (dir) => generateBigFilePlugin(dir, 1 * MIB),
  "big-file-20mib": (dir) => generateBigFilePlugin(dir, 20 * MIB),
  "mcp-plugin": (dir) => generateMcpPlugin(dir),
};

/**
 * The folder of each input, generating what the cache lacks. A folder appears only once complete (written beside
 * it, then renamed), so an interrupted run never leaves half an input; caches of other generator versions go.
 */
export function benchInputs({ log = () => {} } = {}) {
  const cache = join(workRoot, `inputs-v${GENERATOR_VERSION}`);
  mkdirSync(cache, { recursive: true });
  for (const entry of readdirSync(workRoot))
    if (entry.startsWith("inputs-v") && entry !== `inputs-v${GENERATOR_VERSION}`)
      rmSync(join(workRoot, entry), { recursive: true, force: true });
  const folders = {};
  for (const [name, generate] of Object.entries(INPUTS)) {
    const folder = join(cache, name);
    if (!existsSync(folder)) {
      log(`generating ${name} (once, into ${cache})`);
      const partial = join(cache, `.partial-${process.pid}`, name);
      generate(partial);
      renameSync(partial, folder);
      rmSync(dirname(partial), { recursive: true, force: true });
    }
    folders[name] = folder;
  }
  return folders;
}

/** A fresh scratch folder under bench/.work for one run's outputs. */
export function scratchFolder() {
  const folder = join(workRoot, `run-${process.pid}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return folder;
}
