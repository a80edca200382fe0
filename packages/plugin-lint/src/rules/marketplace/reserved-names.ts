// The marketplace names Claude Code 2.1.332 keeps for Anthropic, and the names it refuses as impersonating one,
// as its `plugin marketplace add` decides them.
import { gitRemoteUrls } from "@agent-plugin/core";

/**
 * Names Claude Code accepts only for a marketplace added from GitHub's `anthropics` organisation ("The name '…' is
 * reserved for official Anthropic marketplaces and can only be used with GitHub sources from the 'anthropics'
 * organization"); from anywhere else, a local folder included, it refuses the marketplace.
 */
export const CLAUDE_RESERVED_NAMES: ReadonlySet<string> = new Set([
  "claude-code-marketplace",
  "claude-code-plugins",
  "claude-plugins-official",
  "anthropic-marketplace",
  "anthropic-plugins",
  "agent-skills",
  "anthropic-agent-skills",
  "life-sciences",
  "knowledge-work-plugins",
  "claude-for-legal",
  "claude-for-financial-services",
  "financial-services-plugins",
  "first-party-plugins",
  "claude-tag-plugins",
  "claude-community",
  "claude-plugins-community",
  "healthcare",
  "anthropic-plugin-directory",
  "claude-plugin-directory",
]);

const OFFICIAL_WORDS = ["marketplace", "plugins", "official", "directory", "directories"];
const LOOKS_OFFICIAL = new RegExp(
  `official[^a-z0-9]*(?:anthropic|claude)|(?:anthropic|claude)[^a-z0-9]*official|^(?:anthropic|claude)[^a-z0-9]*(?:${OFFICIAL_WORDS.join("|")})`,
  "i",
);
const JOINED_OFFICIAL = new RegExp(`^(?:anthropic|claude)(?:${OFFICIAL_WORDS.join("|")})s?$`, "i");

/**
 * Whether Claude Code refuses the name as impersonating an official marketplace ("Marketplace name impersonates an
 * official Anthropic/Claude marketplace"), whatever the source: `claude-marketplace`, `official-claude-tools`,
 * `Claude.Plugins`. Reserved names are not impersonations; `anthropic-tools` and `my-claude-plugins` pass.
 */
export function impersonatesOfficial(name: string): boolean {
  if (CLAUDE_RESERVED_NAMES.has(name.toLowerCase())) return false;
  if (/[^\u0020-\u007E]/.test(name)) return true;
  if (LOOKS_OFFICIAL.test(name) || LOOKS_OFFICIAL.test(name.replace(/^[^a-z0-9]+/i, ""))) return true;
  if (/official(?:anthropic|claude)|(?:anthropic|claude)official/i.test(name.replace(/[^a-z0-9]+/gi, ""))) return true;
  // Words run together (`claude-plug-ins`): each run of leading words, joined, up to a little past the longest.
  const limit = 10 + Math.max(...OFFICIAL_WORDS.map((word) => word.length));
  let joined = "";
  for (const word of name.split(/[^a-z0-9]+/i).filter((part) => part !== "")) {
    joined += word;
    if (JOINED_OFFICIAL.test(joined)) return true;
    if (joined.length > limit) break;
  }
  return false;
}

/** Whether the folder is a clone of a repository of the GitHub organisation `org` (by any of its git remotes). */
function fromGitHubOrganisation(dir: string, org: string): boolean {
  const repository = new RegExp(
    `^(?:(?:https?|git|ssh|git\\+ssh|git\\+https)://(?:[^@/]+@)?(?:www\\.)?github\\.com(?::\\d+)?/|git@github\\.com:)${org}/[A-Za-z0-9._-]+$`,
    "i",
  );
  return gitRemoteUrls(dir).some((url) => repository.test(url.replace(/\/$/, "")));
}

/** Whether the folder is a clone of a repository of GitHub's `anthropics` organisation, the one source Claude Code
 * accepts a reserved name from. */
export function fromAnthropicGitHub(dir: string): boolean {
  return fromGitHubOrganisation(dir, "anthropics");
}

/**
 * Whether the folder is a clone of a repository of GitHub's `openai` organisation (such as openai/plugins, where the
 * `openai-curated` marketplace lives): OpenAI's own marketplaces carry the names Codex reserves, so they are not
 * reported there.
 */
export function fromOpenAiGitHub(dir: string): boolean {
  return fromGitHubOrganisation(dir, "openai");
}
