// The benchmark's inputs, generated from fixed seeds and shaped after real ones: openai/plugins (180 plugins,
// 604 skills, 5,245 files, 55 MB; half the plugins are 3 or 4 files, a long tail reaches 791) and its largest
// text plugin, plugins/zoom (791 files: 727 Markdown, 54 agents/openai.yaml, 4 PNG screenshots, 2 SVG icons).
// Change what any function writes and GENERATOR_VERSION must change with it: the cache is keyed by it.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { markdown, pngLike, seeded, sentence, sourceCode, svgIcon } from "./random-text.mjs";

export const GENERATOR_VERSION = 2;

/** Writes files under `dir`, creating folders as needed; objects are written as pretty JSON. */
function writerFor(dir) {
  return (relative, content) => {
    mkdirSync(join(dir, relative, ".."), { recursive: true });
    const bytes =
      typeof content === "string" || Buffer.isBuffer(content) ? content : `${JSON.stringify(content, null, 2)}\n`;
    writeFileSync(join(dir, relative), bytes);
  };
}

const CATEGORIES = ["Productivity", "Coding", "Communication", "Design", "Research", "Finance"];

/** A Codex manifest with the fields real marketplace plugins fill in. */
function manifest(rng, name, { apps, mcp, skills = true, screenshots, logo }) {
  return {
    name,
    version: `1.${rng.int(10)}.${rng.int(10)}`,
    description: sentence(rng, 10, 24),
    author: { name: `${name} team`, url: `https://github.com/${name}` },
    homepage: `https://${name}.example.com/`,
    repository: `https://github.com/${name}/${name}-codex-plugin`,
    license: "MIT",
    keywords: Array.from({ length: 3 + rng.int(8) }, (_, i) => `${name}-${i}`),
    ...(apps ? { apps: "./.app.json" } : {}),
    ...(mcp ? { mcpServers: "./.mcp.json" } : {}),
    ...(skills ? { skills: "./skills/" } : {}),
    interface: {
      displayName: name.replace(/(^|-)(.)/g, (_, dash, c) => (dash ? " " : "") + c.toUpperCase()),
      shortDescription: sentence(rng, 5, 9),
      longDescription: [sentence(rng), sentence(rng), sentence(rng)].join(" "),
      developerName: `${name} team`,
      category: rng.pick(CATEGORIES),
      capabilities: ["Interactive", "Read", "Write"].slice(0, 1 + rng.int(3)),
      websiteURL: `https://${name}.example.com/`,
      privacyPolicyURL: `https://${name}.example.com/privacy`,
      termsOfServiceURL: `https://${name}.example.com/terms`,
      defaultPrompt: [sentence(rng, 5, 12), sentence(rng, 5, 12)],
      brandColor: `#${rng.int(0xffffff).toString(16).padStart(6, "0").toUpperCase()}`,
      composerIcon: "./assets/small.svg",
      logo,
      ...(screenshots.length > 0 ? { screenshots } : {}),
    },
  };
}

const appFile = (rng, name) => ({
  apps: { [name]: { id: `asdk_app_${Array.from({ length: 32 }, () => rng.int(16).toString(16)).join("")}` } },
});

/** One skill: SKILL.md with frontmatter, usually its agents/openai.yaml, and `extra` reference files beside it. */
function writeSkill(write, rng, folder, name, extra, { textOnly = false } = {}) {
  const description = `Use when ${sentence(rng, 8, 30).toLowerCase().replace(/\.$/, "")}.`;
  write(
    `${folder}/SKILL.md`,
    `---\nname: ${name}\ndescription: ${description}\n---\n\n${markdown(rng, rng.logNormal(3500, 0.9, 400, 18_000))}`,
  );
  write(
    `${folder}/agents/openai.yaml`,
    `interface:\n  display_name: ${JSON.stringify(name)}\n  short_description: ${JSON.stringify(sentence(rng, 4, 8))}\npolicy:\n  allow_implicit_invocation: ${rng.chance(0.5)}\n`,
  );
  const kinds = ["references", "references", "references", "examples", "concepts", "troubleshooting", "use-cases"];
  for (let i = 0; i < extra; i++) {
    const roll = rng.next();
    if (textOnly || roll < 0.86)
      write(`${folder}/${rng.pick(kinds)}/doc-${i}.md`, markdown(rng, rng.logNormal(1650, 1.5, 80, 48_000)));
    else if (roll < 0.93)
      write(`${folder}/scripts/tool-${i}.py`, sourceCode(rng, rng.logNormal(4000, 1.2, 200, 80_000), "python"));
    else if (roll < 0.98)
      write(`${folder}/scripts/tool-${i}.mjs`, sourceCode(rng, rng.logNormal(5000, 1.8, 200, 700_000), "js"));
    else write(`${folder}/examples/sample-${i}.json`, { [name]: Array.from({ length: 20 }, () => sentence(rng)) });
  }
}

/**
 * A plugin of 791 files shaped like plugins/zoom: root documents, agents, 26 commands, 4 screenshots, and 26
 * skills (9 with 3 nested sub-skills each: 53 SKILL.md) over 642 reference documents, 4 to 5 folders deep.
 */
export function generateLargePlugin(dir, name = "large-plugin", seed = 791) {
  rmSync(dir, { recursive: true, force: true });
  const write = writerFor(dir);
  const rng = seeded(seed);
  const screenshots = [0, 1, 2, 3].map((i) => `./assets/screenshot-${i + 1}.png`);
  write(
    ".codex-plugin/plugin.json",
    manifest(rng, name, { apps: true, mcp: false, screenshots, logo: "./assets/icon.svg" }),
  );
  write(".app.json", appFile(rng, name));
  write(".gitignore", "node_modules/\n.env\n");
  for (const doc of ["AGENTS.md", "CHANGELOG.md", "CONTRIBUTING.md", "README.md"])
    write(doc, markdown(rng, rng.logNormal(3000, 1, 300, 12_000), doc.replace(".md", "")));
  write("LICENSE", `MIT License\n\n${sentence(rng, 40, 60)}\n`);
  write(
    "agents/openai.yaml",
    `interface:\n  display_name: ${JSON.stringify(name)}\n  short_description: ${JSON.stringify(sentence(rng, 5, 10))}\n`,
  );
  for (const agent of ["reviewer", "auditor"])
    write(`agents/${name}-${agent}.md`, `---\ndescription: ${sentence(rng)}\n---\n\n${markdown(rng, 600)}`);
  write("assets/icon.svg", svgIcon(rng));
  write("assets/small.svg", svgIcon(rng));
  for (const [i, shot] of screenshots.entries()) write(shot, pngLike(rng, 420_000 + ((i * 70_000) % 220_000)));
  for (let c = 0; c < 26; c++)
    write(
      `commands/command-${c}.md`,
      `---\ndescription: ${sentence(rng, 8, 16)}\n---\n\n${markdown(rng, rng.logNormal(2200, 0.2, 1500, 3000))}`,
    );
  // 53 skills share 642 reference files, unevenly (one skill holds 53 use cases, most hold a handful).
  const skills = [];
  for (let s = 0; s < 26; s++) {
    const top = `${name}-area-${s}`;
    skills.push({ folder: `skills/${top}`, name: top });
    if (s < 9)
      for (const sub of ["web", "windows", "linux"])
        skills.push({ folder: `skills/${top}/${top}-${sub}`, name: `${top}-${sub}` });
  }
  const weights = skills.map(() => rng.logNormal(10, 0.8, 1, 60));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let left = 642;
  for (const [i, skill] of skills.entries()) {
    const extra = i === skills.length - 1 ? left : Math.min(left, Math.round((weights[i] / total) * 642));
    left -= extra;
    writeSkill(write, rng, skill.folder, skill.name, extra, { textOnly: true });
  }
}

// Files per plugin in openai/plugins, by quantile: the shape the generated marketplace follows.
const FILES_BY_QUANTILE = [
  [0, 3],
  [0.5, 4],
  [0.75, 20],
  [0.9, 74],
  [0.95, 122],
  [0.98, 234],
  [1, 504],
];

function filesAtQuantile(q) {
  for (let i = 1; i < FILES_BY_QUANTILE.length; i++) {
    const [q1, f1] = FILES_BY_QUANTILE[i];
    const [q0, f0] = FILES_BY_QUANTILE[i - 1];
    if (q <= q1) return Math.round(f0 + ((q - q0) / (q1 - q0)) * (f1 - f0));
  }
  return FILES_BY_QUANTILE.at(-1)[1];
}

/** One marketplace plugin of about `files` files: a connector (manifest, app, logo) or a skills plugin. */
function generateMarketplacePlugin(dir, name, files, seed, { largestAsset = 0 } = {}) {
  const write = writerFor(dir);
  const rng = seeded(seed);
  const screenshots =
    files > 4 && rng.chance(0.1)
      ? Array.from({ length: 1 + rng.int(3) }, (_, i) => `./assets/screenshot-${i}.png`)
      : [];
  const apps = files <= 4 || rng.chance(0.85);
  const mcp = files > 4 && rng.chance(0.06);
  write(
    ".codex-plugin/plugin.json",
    manifest(rng, name, { apps, mcp, skills: files > 4, screenshots, logo: "./assets/logo.png" }),
  );
  if (apps) write(".app.json", appFile(rng, name));
  if (mcp) write(".mcp.json", { mcpServers: { [name]: { type: "http", url: `https://mcp.${name}.example.com/mcp` } } });
  write("assets/logo.png", pngLike(rng, largestAsset || rng.logNormal(18_000, 1.1, 1_500, 400_000)));
  write("assets/small.svg", svgIcon(rng));
  for (const shot of screenshots) write(shot, pngLike(rng, rng.logNormal(450_000, 0.3, 200_000, 700_000)));
  let written = 2 + (apps ? 1 : 0) + (mcp ? 1 : 0) + screenshots.length + 1;
  if (files > 4) {
    write("README.md", markdown(rng, rng.logNormal(3000, 0.8, 300, 15_000), name));
    written++;
    const skillCount = Math.max(1, Math.round((files - written) / 8));
    const perSkill = Math.max(0, Math.floor((files - written) / skillCount) - 2);
    for (let s = 0; s < skillCount; s++) writeSkill(write, rng, `skills/${name}-${s}`, `${name}-${s}`, perSkill);
  }
}

/** The seed and file count of each marketplace plugin: quantiles spread evenly, then shuffled by a fixed seed. */
function marketplacePlan(plugins) {
  const rng = seeded(180);
  const plan = Array.from({ length: plugins }, (_, i) => filesAtQuantile((i + 0.5) / plugins));
  for (let i = plan.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [plan[i], plan[j]] = [plan[j], plan[i]];
  }
  return plan;
}

/**
 * A marketplace repo shaped like openai/plugins. The first plugins are the same in every size, so a smaller one
 * is a prefix of a larger one: plugin 0 holds the largest single file (a 2 MB logo, as in the real one) and
 * plugin 1 is the zoom-shaped large plugin, so peak memory can be compared across sizes on the same largest file.
 */
export function generateMarketplace(dir, plugins) {
  rmSync(dir, { recursive: true, force: true });
  const plan = marketplacePlan(200);
  const entries = [];
  for (let p = 0; p < plugins; p++) {
    const name = `plugin-${String(p).padStart(3, "0")}`;
    const root = join(dir, "plugins", name);
    if (p === 1) generateLargePlugin(root, name, 1791);
    else
      generateMarketplacePlugin(root, name, p < 200 ? plan[p] : 4, 1000 + p, { largestAsset: p === 0 ? 2_034_876 : 0 });
    entries.push({
      name,
      source: { source: "local", path: `./plugins/${name}` },
      policy: { installation: "AVAILABLE", authentication: p % 3 === 0 ? "ON_USE" : "ON_INSTALL" },
      category: CATEGORIES[p % CATEGORIES.length],
    });
  }
  writerFor(dir)(".agents/plugins/marketplace.json", {
    name: "bench-marketplace",
    interface: { displayName: "Bench marketplace" },
    plugins: entries,
  });
}

/** A small plugin (one skill) with one incompressible asset of `bytes`: the largest single file, for memory. */
export function generateBigFilePlugin(dir, bytes) {
  rmSync(dir, { recursive: true, force: true });
  generateMarketplacePlugin(dir, basename(dir), 12, 4242);
  writerFor(dir)("assets/dataset.bin", pngLike(seeded(bytes), bytes));
}

/**
 * A plugin with a local MCP server and its installed node_modules (most of which the server never imports), for
 * plugin-pack's bundling path next to `mcpb pack`, which ships the folder as it is.
 */
export function generateMcpPlugin(dir) {
  rmSync(dir, { recursive: true, force: true });
  const write = writerFor(dir);
  const rng = seeded(7);
  write(".codex-plugin/plugin.json", {
    name: "mcp-plugin",
    version: "1.0.0",
    description: "A plugin with a local MCP server, for benchmarks.",
    skills: "./skills/",
    mcpServers: "./.mcp.json",
  });
  write("package.json", { name: "@bench/mcp-plugin", version: "1.0.0", private: true, type: "module" });
  write(".mcp.json", { mcpServers: { bench: { command: "node", args: ["./server/index.mjs"], cwd: "." } } });
  write("manifest.json", {
    manifest_version: "0.3",
    name: "mcp-plugin",
    version: "1.0.0",
    description: "bench",
    author: { name: "Bench" },
    server: {
      type: "node",
      entry_point: "server/index.mjs",
      mcp_config: { command: "node", args: ["${__dirname}/server/index.mjs"] },
    },
  });
  for (let s = 0; s < 10; s++) writeSkill(write, rng, `skills/skill-${s}`, `skill-${s}`, 4);
  const packages = Array.from({ length: 12 }, (_, p) => `bench-dep-${p}`);
  const used = packages.slice(0, 3);
  write(
    "server/index.mjs",
    `${used.map((p, i) => `import { run as run${i} } from "${p}";`).join("\n")}\nprocess.stdin.on("data", (line) => process.stdout.write(JSON.stringify({ ok: [${used.map((_, i) => `run${i}(String(line))`).join(", ")}] }) + "\\n"));\n`,
  );
  for (const name of packages) {
    const root = `node_modules/${name}`;
    write(`${root}/package.json`, { name, version: "1.0.0", main: "index.js" });
    write(
      `${root}/index.js`,
      `const a = require("./lib/module-0.js");\nconst b = require("./lib/module-1.js");\nexports.run = (input) => a.value.length + b.value.length + input.length;\n`,
    );
    write(`${root}/README.md`, markdown(rng, 6000, name));
    write(`${root}/index.d.ts`, "export declare function run(input: string): number;\n");
    for (let m = 0; m < 30; m++)
      write(
        `${root}/lib/module-${m}.js`,
        `// ${name} module ${m}\nexports.value = ${JSON.stringify(sentence(rng, 2000, 2400))};\n`,
      );
    for (let m = 0; m < 20; m++) write(`${root}/lib/module-${m}.d.ts`, "export declare const value: string;\n");
    for (let t = 0; t < 8; t++) write(`${root}/test/test-${t}.js`, `// test ${t}\n${sourceCode(rng, 4000, "js")}`);
  }
}
