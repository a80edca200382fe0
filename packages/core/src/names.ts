/** Name forms shared by the tools: folder and marketplace names, display names. */

/** Lowercases and turns every run of other characters into one hyphen: "My Cool_Repo!" → "my-cool-repo". */
export function toKebab(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** "team-repo" → "Team Repo". */
export function titleCase(kebab: string): string {
  return kebab
    .split("-")
    .filter((word) => word !== "")
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(" ");
}
