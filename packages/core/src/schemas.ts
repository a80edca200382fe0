import type { ErrorObject } from "ajv";
import { fileURLToPath } from "node:url";
import { requireShipped } from "./launch/shipped-require.js";
import { ajvRuntime, type CompiledValidator, type ValidatorName, validatorNames } from "./generated/validators.js";
import { firstFileBeside } from "./module-files.js";
import { closestMatch } from "./text.js";
import type { PointerSegment } from "./locate.js";
import { pointerSegments } from "./locate.js";

export type SchemaName = ValidatorName;

/** A schema violation, already named by rule id and described for a person. */
export interface SchemaIssue {
  ruleId: string;
  keyword: string;
  path: PointerSegment[];
  /** Report at the property's key (unknown fields) or at its value. */
  part: "key" | "value";
  message: string;
}

type JsonSchema = Record<string, unknown>;

/** generated/validators/<name>.cjs (core's build.mjs). */
interface ValidatorFile {
  /** The schema's JSON text. */
  source: string;
  load(require: (id: string) => unknown): CompiledValidator;
}

interface LoadedSchema {
  file: ValidatorFile;
  validate: CompiledValidator;
  root?: JsonSchema;
}

// Each schema's validator is read from its own file when the schema is first checked, then kept: a lint checks a few
// of the nineteen, and compiling all of them was a third of a bin's start-up.
const loaded = new Map<SchemaName, LoadedSchema>();
let requireValidator: ((name: SchemaName) => ValidatorFile) | undefined;

/**
 * The validators' folder, seen from this module: src/generated/validators from the sources (tests), validators/
 * beside a library's dist/index.js, or dist/validators from a bin's chunk in dist/chunks/ (build-package.mjs copies
 * the folder beside every bundle that includes this module).
 */
function validatorRequire(): (name: SchemaName) => ValidatorFile {
  const folder = firstFileBeside(import.meta.url, ["./generated/validators/", "./validators/", "../validators/"]);
  if (folder) return (name) => requireShipped(fileURLToPath(new URL(`./${name}.cjs`, folder))) as ValidatorFile;
  throw new Error(`the schema validators are missing beside ${fileURLToPath(import.meta.url)}: reinstall the package`);
}

function loadSchema(name: SchemaName): LoadedSchema {
  let schema = loaded.get(name);
  if (!schema) {
    // A name from outside the typed API must not become a path.
    if (!validatorNames.includes(name)) throw new Error(`unknown schema "${String(name)}"`);
    requireValidator ??= validatorRequire();
    const file = requireValidator(name);
    schema = { file, validate: file.load(ajvRuntime) };
    loaded.set(name, schema);
  }
  return schema;
}

export function schemaSource(name: SchemaName): JsonSchema {
  const schema = loadSchema(name);
  // Parsed only to describe a failure.
  schema.root ??= JSON.parse(schema.file.source) as JsonSchema;
  return schema.root;
}

/**
 * Validates `value` against one of the toolchain's schemas. Which rule a failure belongs to comes from
 * the schema itself (`x-rules: {keyword: ruleId}` beside the failing keyword), else from the schema's `x-area`.
 */
export function checkSchema(name: SchemaName, value: unknown): SchemaIssue[] {
  const { validate } = loadSchema(name);
  if (validate(value)) return [];
  const root = schemaSource(name);
  const area = String(root["x-area"] ?? name);
  const errors = collapseAlternatives(validate.errors ?? []);
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const issue = describe(error, root, area, value);
    const key = `${issue.ruleId}|${issue.path.join("/")}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/**
 * anyOf/oneOf failures report once, for the whole alternative, not once per branch. ajv emits the
 * branches' errors immediately before the alternative's own error, at or below its instance path.
 */
function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<number>();
  errors.forEach((error, index) => {
    if (error.keyword !== "anyOf" && error.keyword !== "oneOf") return;
    for (let j = index - 1; j >= 0; j--) {
      const path = errors[j]!.instancePath;
      if (path !== error.instancePath && !path.startsWith(`${error.instancePath}/`)) break;
      dropped.add(j);
    }
  });
  return errors.filter((_, index) => !dropped.has(index));
}

function resolveSchemaPath(root: JsonSchema, schemaPath: string): unknown {
  let node: unknown = root;
  for (const segment of pointerSegments(schemaPath.replace(/^#/, ""))) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function describe(error: ErrorObject, root: JsonSchema, area: string, data: unknown): SchemaIssue {
  // Compiled with `verbose`, so the failing keyword's schema is at hand even under a non-inlined $ref.
  const parent = (error.parentSchema ?? {}) as JsonSchema;
  const rules = (parent["x-rules"] ?? {}) as Record<string, string>;
  const customMessage = typeof parent["x-message"] === "string" ? parent["x-message"] : undefined;
  const path: PointerSegment[] = pointerSegments(error.instancePath);
  const where = describePath(path);
  const actual = valueAt(data, path);
  const defaultRule = error.keyword === "additionalProperties" ? `${area}/unknown-field` : `${area}/schema`;
  const ruleId = rules[error.keyword] ?? defaultRule;
  const params = error.params as Record<string, unknown>;
  const issue = (message: string, extra?: Partial<SchemaIssue>): SchemaIssue => ({
    ruleId,
    keyword: error.keyword,
    path,
    part: "value",
    message,
    ...extra,
  });

  switch (error.keyword) {
    case "additionalProperties": {
      const field = String(params.additionalProperty);
      const known = Object.keys((parent.properties ?? {}) as object);
      const suggestion = closestMatch(field, known);
      const fieldPath = [...path, field];
      return issue(`unknown field ${describePath(fieldPath)}${suggestion ? `: did you mean "${suggestion}"?` : ""}`, {
        path: fieldPath,
        part: "key",
      });
    }
    case "required":
      return issue(
        `${where === "the top level" ? "the file" : where} is missing the required field "${String(params.missingProperty)}"`,
        { part: "key" },
      );
    case "type":
      return issue(
        customMessage ??
          `${where} must be ${article(String(params.type).replace(/,/g, " or "))}, found ${typeName(actual)}`,
      );
    case "anyOf":
    case "oneOf": {
      const branches = (Array.isArray(error.schema) ? error.schema : []) as JsonSchema[];
      const expected = branches.map((b) => describeSchema(b, root)).join(" or ");
      return issue(customMessage ?? `${where} must be ${expected}, found ${typeName(actual)}`);
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      const suggestion =
        typeof actual === "string" ? closestMatch(actual, (params.allowedValues as unknown[]).map(String)) : undefined;
      return issue(
        customMessage ??
          `${where} must be one of ${allowed.join(", ")}, found ${JSON.stringify(actual)}${suggestion ? `: did you mean "${suggestion}"?` : ""}`,
      );
    }
    case "const":
      return issue(
        customMessage ?? `${where} must be ${JSON.stringify(params.allowedValue)}, found ${JSON.stringify(actual)}`,
      );
    case "pattern":
      return issue(customMessage ?? `${where} must match ${String(params.pattern)}, found ${JSON.stringify(actual)}`);
    case "maxLength":
      return issue(
        customMessage ??
          `${where} is ${[...String(actual)].length} characters, over the limit of ${String(params.limit)}`,
      );
    case "minLength":
      return issue(customMessage ?? `${where} must not be empty`);
    case "maxItems":
      return issue(
        customMessage ??
          `${where} has ${(actual as unknown[]).length} items, over the limit of ${String(params.limit)}`,
      );
    case "minItems":
      return issue(
        customMessage ?? `${where} must have at least ${String(params.limit)} item${params.limit === 1 ? "" : "s"}`,
      );
    case "minProperties":
      return issue(customMessage ?? `${where} must not be empty`);
    default:
      return issue(customMessage ?? `${where} ${error.message ?? "is invalid"}`);
  }
}

function describeSchema(schema: JsonSchema, root: JsonSchema): string {
  if (typeof schema.$ref === "string")
    return describeSchema((resolveSchemaPath(root, schema.$ref) ?? {}) as JsonSchema, root);
  if (typeof schema.description === "string" && typeof schema["x-message"] === "string") return schema["x-message"];
  if ("const" in schema) return JSON.stringify(schema.const);
  if (schema.type === "array") {
    const items = schema.items as JsonSchema | undefined;
    return items ? `an array of ${plural(describeSchema(items, root))}` : "an array";
  }
  if (typeof schema.type === "string") return article(schema.type);
  if (Array.isArray(schema.type)) return schema.type.map((t) => article(String(t))).join(" or ");
  return "a valid value";
}

function plural(description: string): string {
  return description.replace(/^an? (\w+)/, "$1s");
}

function article(type: string): string {
  return type
    .split(" or ")
    .map((t) => (t === "null" ? "null" : `${/^[aeiou]/.test(t) ? "an" : "a"} ${t}`))
    .join(" or ");
}

export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `a string`;
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  if (typeof value === "boolean") return "a boolean";
  return "nothing";
}

export function describePath(path: readonly PointerSegment[]): string {
  if (path.length === 0) return "the top level";
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number" || /^\d+$/.test(String(segment))) out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return `"${out}"`;
}

function valueAt(data: unknown, path: readonly PointerSegment[]): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return node;
}
