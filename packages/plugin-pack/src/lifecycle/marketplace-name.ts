import { isRecord } from "@agent-plugin/core";

/** The `name` of a marketplace file's text: the part after `@` in the ids hosts give its plugins. */
export function marketplaceName(text: string | undefined): string | undefined {
  try {
    const value: unknown = text === undefined ? undefined : JSON.parse(text);
    return isRecord(value) && typeof value.name === "string" ? value.name : undefined;
  } catch {
    return undefined;
  }
}
