import { HostError } from "../errors.js";
import type { HostDriver } from "./types.js";

/** Reads a host's answer defensively: a shape the driver does not know stops the run with one clear line. */
export class AnswerReader {
  constructor(
    private readonly driver: Pick<HostDriver, "id" | "host" | "verified">,
    private readonly version: string,
  ) {}

  /** The error for an answer this driver cannot read. */
  unknown(what: string): HostError {
    return new HostError(
      `${this.driver.host} ${this.version} ${what}, which the ${this.driver.id} driver does not understand ` +
        `(verified with ${this.driver.host} ${this.driver.verified.join(", ")}): pin a verified version or update @agent-plugin/hosts`,
    );
  }

  record(value: unknown, what: string): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw this.unknown(`${what} is not an object`);
    return value as Record<string, unknown>;
  }

  array(value: unknown, what: string): unknown[] {
    if (!Array.isArray(value)) throw this.unknown(`${what} is not a list`);
    return value;
  }

  string(value: unknown, what: string): string {
    if (typeof value !== "string") throw this.unknown(`${what} is not a string`);
    return value;
  }

  optionalString(value: unknown, what: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    return this.string(value, what);
  }
}

/** A copy without null, undefined, empty strings and empty lists: the fields a host actually kept. */
export function withoutEmpty(record: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined || value === "") continue;
    if (Array.isArray(value) && value.length === 0) continue;
    kept[key] = value;
  }
  return kept;
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function sortedStrings(values: Iterable<string>): string[] {
  return [...values].sort();
}
