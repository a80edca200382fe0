// Builds @agent-plugin/core: compiles the JSON Schemas in /schemas into standalone validators
// (so no CLI compiles a schema at start-up), copies the schemas for publishing, then bundles.
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { transformSync } from "esbuild";
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync as writeFileDirect,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPackage } from "../../scripts/build-package.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const schemaDir = join(here, "../../schemas");
const files = readdirSync(schemaDir)
  .filter((f) => f.endsWith(".schema.json"))
  .sort();
// Vendored official schemas keep their own ids and file names: schemas/agent-plugins/<version>/<kind>.schema.json
// becomes agentPlugins<version digits><Kind>, e.g. agentPlugins100Plugin.
const vendored = readdirSync(join(schemaDir, "agent-plugins"))
  .sort()
  .flatMap((version) =>
    readdirSync(join(schemaDir, "agent-plugins", version))
      .filter((f) => f.endsWith(".schema.json"))
      .sort()
      .map((f) => ({
        file: `agent-plugins/${version}/${f}`,
        name: `agentPlugins${version.replace(/\D/g, "")}${f[0].toUpperCase()}${f.slice(1).replace(/\.schema\.json$/, "")}`,
      })),
  );

// verbose: errors carry their parent schema, so x-rules are found even under a $ref ajv does not inline.
const ajv = new Ajv2020({
  allErrors: true,
  verbose: true,
  strict: true,
  validateFormats: false,
  code: { source: true, esm: true },
});
// Annotations our linter reads: which rule a failing keyword belongs to, and the area of a schema.
ajv.addVocabulary(["x-rules", "x-area", "x-message"]);
const exportsMap = {};
const names = [];
const schemaFiles = [
  ...files.map((file) => ({
    file,
    name: file.replace(/\.schema\.json$/, "").replace(/-([a-z])/g, (_, c) => c.toUpperCase()),
  })),
  ...vendored,
];
for (const { file, name } of schemaFiles) {
  const schema = JSON.parse(readFileSync(join(schemaDir, file), "utf8"));
  if (!schema.$id) throw new Error(`${file} has no $id`);
  ajv.addSchema(schema);
  exportsMap[name] = schema.$id;
  names.push({ name, file });
  // A vendored schema's $defs get validators of their own (agentPlugins100McpStdioServer...): the Agent Plugins
  // spec validates each MCP server on its own, so one bad entry skips that server only (§7.2.1).
  if (file.startsWith("agent-plugins/"))
    for (const def of Object.keys(schema.$defs ?? {})) {
      const defName = `${name}${def[0].toUpperCase()}${def.slice(1)}`;
      exportsMap[defName] = `${schema.$id}#/$defs/${def}`;
      names.push({ name: defName, file });
    }
}

// The ajv runtime helpers standalone code may require, and how validators.js loads them (literal `require` calls,
// so a bundler includes them).
const AJV_RUNTIME = ["ajv/dist/runtime/equal", "ajv/dist/runtime/ucs2length"];

/**
 * The standalone code of one exported validator as the body of a function of `require` that returns it: ajv's module
 * text without its export line, then `return validateN;`.
 */
function validatorBody(name, id) {
  const code = standaloneCode(ajv, { [name]: id });
  const exportLine = new RegExp(`export const ${name} = (validate\\d+);`);
  const match = exportLine.exec(code);
  if (!match) throw new Error(`ajv's standalone code for ${name} changed shape: update validatorBody() in build.mjs`);
  for (const [, required] of code.matchAll(/require\("([^"]+)"\)/g))
    if (!AJV_RUNTIME.includes(required))
      throw new Error(`${name} requires ${required}: add it to AJV_RUNTIME in build.mjs`);
  // Minified as a function, so its locals are renamed too; `require` is free in it, so it keeps its name.
  const minified = transformSync(`function validator(){${code.replace(exportLine, "")}\nreturn ${match[1]};}`, {
    minify: true,
  }).code;
  const body = /^function validator\(\)\{([\s\S]*)\}\s*$/.exec(minified);
  if (!body) throw new Error(`esbuild's minified ${name} validator changed shape: update validatorBody() in build.mjs`);
  return body[1];
}

const generated = join(here, "src/generated");
// Atomic, so a test run reading the validators never sees a half-written file.
const writeFileSync = (path, text) => {
  writeFileDirect(`${path}.${process.pid}.tmp`, text);
  renameSync(`${path}.${process.pid}.tmp`, path);
};
mkdirSync(generated, { recursive: true });
// One CommonJS file per schema, generated/validators/<name>.cjs, holding its validator and its source; schemas.ts
// requires it when that schema is first checked. A lint checks a few of the nineteen schemas, and this code (267 KB
// minified) was a third of what a bin compiled at every start-up. build-package.mjs copies the folder beside each
// bundle that includes schemas.ts. The ajv runtime helpers the validators call are bundled with schemas.ts instead
// (validators.js), so the files need no package of their own.
rmSync(join(generated, "validators"), { recursive: true, force: true });
mkdirSync(join(generated, "validators"), { recursive: true });
for (const { name, file } of names) {
  const source = JSON.stringify(JSON.parse(readFileSync(join(schemaDir, file), "utf8")));
  writeFileSync(
    join(generated, "validators", `${name}.cjs`),
    `// Generated by @agent-plugin/core's build.mjs from schemas/${file}. Do not edit.
"use strict";
exports.source = ${JSON.stringify(source)};
exports.load = function (require) {${validatorBody(name, exportsMap[name])}};
`,
  );
}
writeFileSync(
  join(generated, "validators.js"),
  `// Generated by build.mjs from /schemas. Do not edit.
export const validatorNames = ${JSON.stringify(names.map(({ name }) => name))};
export function ajvRuntime(id) {
  switch (id) {
${AJV_RUNTIME.map((id) => `    case ${JSON.stringify(id)}:\n      return require(${JSON.stringify(id)});`).join("\n")}
  }
  throw new Error(\`no ajv runtime helper \${id}\`);
}
`,
);
writeFileSync(
  join(generated, "validators.d.ts"),
  `// Generated by build.mjs from /schemas. Do not edit.
import type { ErrorObject } from "ajv";
export interface CompiledValidator { (data: unknown): boolean; errors?: ErrorObject[] | null }
export type ValidatorName = ${names.map(({ name }) => JSON.stringify(name)).join(" | ")};
/** Every schema with a file in validators/: <name>.cjs exports \`source\` (the schema's JSON) and \`load(require)\`. */
export declare const validatorNames: readonly ValidatorName[];
/** The ajv runtime helper a validator's code requires by \`id\`. */
export declare function ajvRuntime(id: string): unknown;
`,
);

if (!process.argv.includes("--validators-only")) {
  rmSync(join(here, "schemas"), { recursive: true, force: true });
  cpSync(schemaDir, join(here, "schemas"), { recursive: true });
  await buildPackage({ cwd: here, libraries: ["src/index.ts"] });
  // tsc (run after this script) emits the declarations of src/ but never copies a .d.ts it reads, and
  // schemas.d.ts imports the generated validators' types: they are published beside it.
  mkdirSync(join(here, "dist/types/generated"), { recursive: true });
  cpSync(join(generated, "validators.d.ts"), join(here, "dist/types/generated/validators.d.ts"));
}
