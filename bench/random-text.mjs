// Seeded, deterministic content for the generated benchmark inputs: the same seed gives the same bytes on every
// machine and Node version (integer arithmetic only, no Math.random), shaped like the files of real plugins.

/** A mulberry32 generator: small, fast, and the same sequence everywhere. */
export function seeded(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below) => Math.floor(next() * below);
  const pick = (items) => items[int(items.length)];
  // Box-Muller: sizes of real files are log-normal (many small files, a long tail of large ones).
  const logNormal = (median, sigma, min, max) => {
    const u = Math.max(next(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    return Math.round(Math.min(max, Math.max(min, median * Math.exp(sigma * z))));
  };
  return { next, int, pick, logNormal, chance: (p) => next() < p };
}

// Words of technical prose; frequent ones first, drawn with a power law, so text deflates like real docs (about 3x).
const WORDS = `the a to of and in for is that with on this use when it be or as if by from an your not are you can
each before after only then run file skill plugin user request response server client token scope account app
api data value error result check step list name field path folder setting config event message meeting call
build test deploy review release change update create delete read write open close start stop wait retry limit
page query filter sort order record report summary table column row schema type string number boolean object array
key secret credential permission role team project workspace channel thread note task issue ticket branch commit
pull merge diff patch version package module function method class handler hook webhook callback endpoint route
session cookie header body payload status code timeout window context prompt model agent tool command workflow
plan draft publish share invite member owner admin guest policy rule audit log trace metric alert incident
deployment environment production staging local remote cloud region cluster node container image volume network
storage bucket database index migration backup restore cache queue worker job schedule cron batch stream chunk
upload download export import sync refresh rotate expire revoke grant verify validate confirm approve reject
retry fallback default optional required explicit implicit first last next previous current existing missing
new old same other every most few more less small large short long fast slow safe clear exact simple
always never usually often sometimes still already yet again instead also even just about across between through
should must may might will would could does did has have had was were been being make keep take give find show
ask tell say see look need want try get set add remove move copy rename replace return send receive handle
prefer avoid include exclude ensure support allow require follow describe explain document summarise mention
oauth sdk rest graphql json yaml markdown html css javascript typescript python shell http https url uri id uuid`
  .split(/\s+/)
  .filter(Boolean);

const word = (rng) => WORDS[Math.floor(WORDS.length * rng.next() ** 3)];
const identifier = (rng) => `${word(rng)}${word(rng).replace(/^./, (c) => c.toUpperCase())}`;

// Real docs repeat their phrases ("the access token", "before you call the API"): sentences reuse a fixed pool.
const PHRASES = (() => {
  const rng = seeded(1);
  return Array.from({ length: 400 }, () => Array.from({ length: 2 + rng.int(4) }, () => word(rng)).join(" "));
})();

export function sentence(rng, min = 6, max = 22) {
  const count = min + rng.int(max - min + 1);
  const words = [];
  while (words.length < count) {
    const roll = rng.next();
    if (roll < 0.04) words.push(`\`${identifier(rng)}\``);
    else if (roll < 0.55) words.push(...PHRASES[Math.floor(PHRASES.length * rng.next() ** 1.5)].split(" "));
    else words.push(word(rng));
  }
  const text = words.join(" ");
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

const title = (rng, words = 3) =>
  Array.from({ length: words }, () => word(rng))
    .join(" ")
    .replace(/^./, (c) => c.toUpperCase());

function codeBlock(rng) {
  const lang = rng.pick(["bash", "json", "ts", "python"]);
  const lines = [];
  const count = 3 + rng.int(10);
  for (let i = 0; i < count; i++) {
    if (lang === "bash") lines.push(`${rng.pick(["curl", "npm run", "git", "export"])} ${word(rng)}-${word(rng)}`);
    else if (lang === "json") lines.push(`  "${identifier(rng)}": "${word(rng)} ${word(rng)}",`);
    else if (lang === "ts") lines.push(`const ${identifier(rng)} = await ${identifier(rng)}(${word(rng)});`);
    else lines.push(`${identifier(rng).toLowerCase()} = ${identifier(rng).toLowerCase()}("${word(rng)}")`);
  }
  return `\`\`\`${lang}\n${lines.join("\n")}\n\`\`\``;
}

/** A Markdown document of about `bytes` bytes: headings, paragraphs, lists, code blocks and the odd table. */
export function markdown(rng, bytes, heading = title(rng)) {
  const parts = [`# ${heading}`, ""];
  let size = heading.length + 3;
  while (size < bytes) {
    const roll = rng.next();
    let block;
    if (roll < 0.12) block = `## ${title(rng, 2 + rng.int(3))}`;
    else if (roll < 0.45) block = Array.from({ length: 1 + rng.int(4) }, () => sentence(rng)).join(" ");
    else if (roll < 0.65)
      block = Array.from({ length: 2 + rng.int(5) }, (_, i) => `${i + 1}. ${sentence(rng, 4, 14)}`).join("\n");
    else if (roll < 0.82) block = Array.from({ length: 2 + rng.int(5) }, () => `- ${sentence(rng, 3, 12)}`).join("\n");
    else if (roll < 0.94) block = codeBlock(rng);
    else {
      const rows = Array.from({ length: 2 + rng.int(4) }, () => `| \`${identifier(rng)}\` | ${sentence(rng, 3, 9)} |`);
      block = ["| Name | Meaning |", "| --- | --- |", ...rows].join("\n");
    }
    parts.push(block, "");
    size += block.length + 2;
  }
  return `${parts.join("\n")}`;
}

/** Source code of about `bytes` bytes, in the style of a JavaScript module or a Python script. */
export function sourceCode(rng, bytes, language) {
  const lines = language === "python" ? ["#!/usr/bin/env python3", "import json", "import sys", ""] : ["// generated"];
  let size = 0;
  while (size < bytes) {
    const name = identifier(rng);
    const body = Array.from({ length: 2 + rng.int(8) }, () =>
      language === "python"
        ? `    ${identifier(rng).toLowerCase()} = ${word(rng)}.get("${word(rng)}", ${rng.int(100)})`
        : `  const ${identifier(rng)} = ${word(rng)}.${identifier(rng)}("${word(rng)} ${word(rng)}", ${rng.int(100)});`,
    );
    const block =
      language === "python"
        ? [
            `def ${name.toLowerCase()}(${word(rng)}):`,
            `    """${sentence(rng)}"""`,
            ...body,
            `    return ${word(rng)}`,
            "",
          ]
        : [
            `/** ${sentence(rng)} */`,
            `export function ${name}(${word(rng)}) {`,
            ...body,
            `  return ${word(rng)};`,
            "}",
          ];
    lines.push(...block);
    size += block.join("\n").length + 1;
  }
  return `${lines.join("\n")}\n`;
}

/** Incompressible bytes behind a PNG signature: real screenshots and logos are already compressed. */
export function pngLike(rng, bytes) {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4) data.writeUInt32LE(Math.floor(rng.next() * 4294967296), Math.min(i, bytes - 4));
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(data);
  return data;
}

/** A small SVG icon. */
export function svgIcon(rng) {
  const colour = rng.int(0xffffff).toString(16).padStart(6, "0");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="${8 + rng.int(16)}" fill="#${colour}"/><circle cx="32" cy="32" r="${10 + rng.int(12)}" fill="#ffffff"/></svg>\n`;
}
