// Generates a realistic marketplace repo: N plugins, each with a full manifest, an MCP file and K skills.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Writes files under `dir`, creating folders as needed. */
function writerFor(dir) {
  return (relative, content) => {
    mkdirSync(join(dir, relative, ".."), { recursive: true });
    writeFileSync(join(dir, relative), content);
  };
}

/** Deterministic filler text from a small vocabulary, so every run generates the same bytes. */
function proseFrom(seed, words) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const prose = (bytes) => {
    let out = "";
    while (out.length < bytes) out += words[Math.floor(random() * words.length)] + (random() < 0.1 ? ".\n" : " ");
    return out;
  };
  return { random, prose };
}

const skillBody = (plugin, skill) => `# ${skill}

Use this skill when the user asks to ${skill.replace(/-/g, " ")} in a repository that uses ${plugin}.

## Steps

1. Read the relevant files and summarise what you found in two or three sentences.
2. Propose the change as a numbered plan and wait for confirmation before editing.
3. Make the smallest change that solves the problem; keep unrelated formatting as it is.
4. Run the project's tests and report the figures: how many ran, passed and failed.

## Checklist

- The change is covered by a test that would fail without it.
- Names explain themselves; comments say why, not what.
- Every new file is listed in the summary with its purpose.

See [the reference](references/guide.md) for the team's conventions.
`;

export function generateMarketplace(dir, plugins, skillsPerPlugin = 5) {
  rmSync(dir, { recursive: true, force: true });
  const entries = [];
  for (let p = 0; p < plugins; p++) {
    const name = `plugin-${String(p).padStart(4, "0")}`;
    const root = join(dir, "plugins", name);
    const write = (relative, content) => {
      mkdirSync(join(root, relative, ".."), { recursive: true });
      writeFileSync(
        join(root, relative),
        typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`,
      );
    };
    write(".codex-plugin/plugin.json", {
      name,
      version: "1.2.3",
      description: `Workflows for ${name}.`,
      author: { name: "Bench Team", url: "https://example.com/" },
      homepage: "https://example.com/",
      license: "MIT",
      keywords: ["bench", "workflow"],
      skills: "./skills/",
      mcpServers: "./.mcp.json",
      interface: {
        displayName: `Plugin ${p}`,
        shortDescription: `Workflows for ${name}.`,
        developerName: "Bench Team",
        category: "Productivity",
        capabilities: ["Read", "Write"],
        websiteURL: "https://example.com/",
        brandColor: "#1F6FEB",
        defaultPrompt: ["Summarise the open work", "Plan the next change"],
      },
    });
    write("package.json", { name: `@bench/${name}`, version: "1.2.3", private: true });
    write(".mcp.json", {
      mcpServers: { [`${name}-remote`]: { url: "https://mcp.example.com/mcp", bearer_token_env_var: "BENCH_TOKEN" } },
    });
    for (let s = 0; s < skillsPerPlugin; s++) {
      const skill = `task-${s}`;
      write(
        `skills/${skill}/SKILL.md`,
        `---\nname: ${skill}\ndescription: Do task ${s} for ${name}, step by step, with tests and a summary of what changed.\n---\n\n${skillBody(name, skill)}`,
      );
      write(`skills/${skill}/references/guide.md`, `# Guide\n\nConventions for ${skill}.\n`);
    }
    entries.push({
      name,
      source: { source: "local", path: `./plugins/${name}` },
      policy: { installation: "AVAILABLE", authentication: "ON_USE" },
      category: "Productivity",
    });
  }
  mkdirSync(join(dir, ".agents/plugins"), { recursive: true });
  writeFileSync(
    join(dir, ".agents/plugins/marketplace.json"),
    JSON.stringify({ name: "bench-marketplace", interface: { displayName: "Bench" }, plugins: entries }, null, 2) +
      "\n",
  );
}

/**
 * A plugin of about 800 files and 8.5 MB, shaped like a real one: skills with references, a server
 * library, and binary assets. It carries both our manifest and mcpb's, so both packers take the same folder.
 */
export function generateLargePlugin(dir) {
  rmSync(dir, { recursive: true, force: true });
  const write = writerFor(dir);
  const { random, prose } = proseFrom(42, [
    "plugin",
    "server",
    "release",
    "review",
    "deploy",
    "schema",
    "archive",
    "signature",
    "manifest",
    "skill",
    "agent",
    "marketplace",
  ]);
  write(
    ".codex-plugin/plugin.json",
    `${JSON.stringify(
      { name: "large-plugin", version: "2.0.0", description: "A large plugin for benchmarks.", skills: "./skills/" },
      null,
      2,
    )}\n`,
  );
  write(
    "package.json",
    `${JSON.stringify({ name: "@bench/large-plugin", version: "2.0.0", private: true }, null, 2)}\n`,
  );
  write(
    "manifest.json",
    `${JSON.stringify(
      {
        manifest_version: "0.3",
        name: "large-plugin",
        version: "2.0.0",
        description: "bench",
        author: { name: "Bench" },
        server: {
          type: "node",
          entry_point: "lib/index.js",
          mcp_config: { command: "node", args: ["${__dirname}/lib/index.js"] },
        },
      },
      null,
      2,
    )}\n`,
  );
  for (let s = 0; s < 20; s++) {
    const name = `skill-${s}`;
    write(`skills/${name}/SKILL.md`, `---\nname: ${name}\ndescription: Benchmark skill ${s}.\n---\n\n${prose(3000)}\n`);
    for (let r = 0; r < 10; r++) write(`skills/${name}/references/ref-${r}.md`, `# Reference ${r}\n\n${prose(5000)}\n`);
  }
  write("lib/index.js", "export const ready = true;\n");
  for (let m = 0; m < 530; m++)
    write(`lib/modules/module-${m}.js`, `// module ${m}\nexport const data${m} = ${JSON.stringify(prose(8000))};\n`);
  for (let a = 0; a < 30; a++) {
    const bytes = Buffer.alloc(100_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
    write(`assets/image-${a}.bin`, bytes);
  }
}

/**
 * A plugin of about 800 files and 8.5 MB shaped like most real ones with a local MCP server: skills, a
 * server, and its installed node_modules (packages with their libraries, types and docs, most of which the
 * server never imports). Both packers get the same folder: mcpb ships it as it is; plugin-pack bundles
 * what the server uses and leaves node_modules out.
 */
export function generateMcpPlugin(dir) {
  rmSync(dir, { recursive: true, force: true });
  const write = writerFor(dir);
  const { prose } = proseFrom(7, [
    "request",
    "response",
    "schema",
    "parse",
    "token",
    "stream",
    "buffer",
    "handler",
    "config",
    "result",
    "error",
    "value",
  ]);
  write(
    ".codex-plugin/plugin.json",
    `${JSON.stringify(
      {
        name: "mcp-plugin",
        version: "1.0.0",
        description: "A plugin with a local MCP server, for benchmarks.",
        skills: "./skills/",
        mcpServers: "./.mcp.json",
      },
      null,
      2,
    )}\n`,
  );
  write(
    "package.json",
    `${JSON.stringify({ name: "@bench/mcp-plugin", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`,
  );
  write(
    ".mcp.json",
    JSON.stringify({ mcpServers: { bench: { command: "node", args: ["./server/index.mjs"], cwd: "." } } }, null, 2) +
      "\n",
  );
  write(
    "manifest.json",
    `${JSON.stringify(
      {
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
      },
      null,
      2,
    )}\n`,
  );
  for (let s = 0; s < 10; s++) {
    const name = `skill-${s}`;
    write(`skills/${name}/SKILL.md`, `---\nname: ${name}\ndescription: Benchmark skill ${s}.\n---\n\n${prose(3000)}\n`);
    for (let r = 0; r < 4; r++) write(`skills/${name}/references/ref-${r}.md`, `# Reference ${r}\n\n${prose(4000)}\n`);
  }
  const packages = Array.from({ length: 12 }, (_, p) => `bench-dep-${p}`);
  const used = packages.slice(0, 3);
  write(
    "server/index.mjs",
    `${used.map((p, i) => `import { run as run${i} } from "${p}";`).join("\n")}\nprocess.stdin.on("data", (line) => process.stdout.write(JSON.stringify({ ok: [${used.map((_, i) => `run${i}(String(line))`).join(", ")}] }) + "\\n"));\n`,
  );
  for (const name of packages) {
    const root = `node_modules/${name}`;
    write(`${root}/package.json`, `${JSON.stringify({ name, version: "1.0.0", main: "index.js" }, null, 2)}\n`);
    write(
      `${root}/index.js`,
      `const a = require("./lib/module-0.js");\nconst b = require("./lib/module-1.js");\nexports.run = (input) => a.value.length + b.value.length + input.length;\n`,
    );
    write(`${root}/README.md`, `# ${name}\n\n${prose(6000)}\n`);
    write(`${root}/index.d.ts`, `export declare function run(input: string): number;\n`);
    for (let m = 0; m < 30; m++)
      write(`${root}/lib/module-${m}.js`, `// ${name} module ${m}\nexports.value = ${JSON.stringify(prose(21500))};\n`);
    for (let m = 0; m < 20; m++) write(`${root}/lib/module-${m}.d.ts`, `export declare const value: string;\n`);
    for (let t = 0; t < 8; t++)
      write(`${root}/test/test-${t}.js`, `// test ${t}\nconst expected = ${JSON.stringify(prose(4000))};\n`);
  }
}
