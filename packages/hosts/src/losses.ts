import type { HostId } from "@agent-plugin/core";
import { type DeclaredComponents, declaredComponents } from "./declared.js";
import type { PluginInventory } from "./inventory.js";

/** The parts of an inventory the comparison reads (an inventory or a probe outcome). */
export type InventoryView = Pick<
  PluginInventory,
  | "installed"
  | "installError"
  | "skills"
  | "refusedSkills"
  | "mcpServers"
  | "hooks"
  | "agents"
  | "commands"
  | "outputStyles"
  | "lspServers"
  | "monitors"
  | "interface"
  | "messages"
  | "apps"
>;

export interface LossOptions {
  /**
   * Compare the plugin's apps too: only for a host release that lists apps without a signed-in user (Codex 0.117
   * does, probe app-json/baseline/clean; 0.171 lists none signed out, so an app it would load looks lost).
   */
  apps?: boolean;
}

/**
 * What the host lost from a plugin: one line per component the folder declares that the host refused or dropped.
 * Empty when the host loaded the plugin whole. Apps are compared only when asked (see `LossOptions.apps`).
 */
export function findLosses(dir: string, host: HostId, inventory: InventoryView, options: LossOptions = {}): string[] {
  if (!inventory.installed) return [`plugin not installed: ${inventory.installError ?? "no reason given"}`];
  return compare(declaredComponents(dir, host), host, inventory, options);
}

export function compare(
  declared: DeclaredComponents,
  host: HostId,
  inventory: InventoryView,
  options: LossOptions = {},
): string[] {
  const losses: string[] = [];
  for (const refusal of inventory.refusedSkills) losses.push(`skill ${refusal.path} refused: ${refusal.message}`);
  const refused = new Set(inventory.refusedSkills.map((refusal) => refusal.path));
  const unaccounted = declared.skills.filter((path) => !refused.has(path));
  if (inventory.skills.every((skill) => skill.path !== undefined)) {
    // Codex reports each skill's path: name the ones that are missing.
    const loaded = new Set(inventory.skills.map((skill) => skill.path));
    for (const path of unaccounted) if (!loaded.has(path)) losses.push(`skill ${path} dropped`);
  } else if (inventory.skills.length < unaccounted.length) {
    losses.push(`${unaccounted.length - inventory.skills.length} of ${unaccounted.length} skills dropped`);
  }
  if (declared.mcpServers !== undefined) {
    for (const name of declared.mcpServers)
      if (!inventory.mcpServers.includes(name)) losses.push(`MCP server ${name} dropped`);
  }
  if (declared.hookEvents !== undefined) {
    const registered = new Set(inventory.hooks.map((hook) => hook.event.toLowerCase()));
    for (const event of declared.hookEvents)
      if (!registered.has(event.toLowerCase())) losses.push(`hooks for ${event} dropped`);
  }
  if (host === "claude-code") {
    for (const kind of ["agents", "commands", "outputStyles"] as const) {
      if (inventory[kind].length < declared[kind].length) {
        losses.push(`${declared[kind].length - inventory[kind].length} of ${declared[kind].length} ${kind} dropped`);
      }
    }
    for (const [kind, noun] of [
      ["lspServers", "LSP server"],
      ["monitors", "monitor"],
    ] as const) {
      for (const name of declared[kind] ?? [])
        if (!inventory[kind].includes(name)) losses.push(`${noun} ${name} dropped`);
    }
  }
  if (options.apps && declared.apps !== undefined) {
    const listed = new Set(inventory.apps ?? []);
    for (const app of declared.apps) if (!listed.has(app)) losses.push(`app ${app} dropped`);
  }
  if (host === "codex" && declared.interface !== undefined)
    losses.push(...interfaceLosses(declared.interface, inventory.interface ?? {}));
  return losses;
}

/** The interface fields Codex reads, by the name it writes back (URLs have two spellings in the manifest). */
const INTERFACE_FIELDS: Record<string, string> = {
  displayName: "displayName",
  shortDescription: "shortDescription",
  longDescription: "longDescription",
  developerName: "developerName",
  category: "category",
  capabilities: "capabilities",
  websiteURL: "websiteUrl",
  websiteUrl: "websiteUrl",
  privacyPolicyURL: "privacyPolicyUrl",
  privacyPolicyUrl: "privacyPolicyUrl",
  termsOfServiceURL: "termsOfServiceUrl",
  termsOfServiceUrl: "termsOfServiceUrl",
  brandColor: "brandColor",
  composerIcon: "composerIcon",
  logo: "logo",
  logoDark: "logoDark",
  screenshots: "screenshots",
};

/** Display fields Codex reads that the manifest sets and Codex did not keep, and default prompts it dropped. */
function interfaceLosses(declared: Record<string, unknown>, kept: Record<string, unknown>): string[] {
  const losses: string[] = [];
  for (const [key, value] of Object.entries(declared)) {
    const keptAs = INTERFACE_FIELDS[key];
    if (keptAs === undefined || value === "" || value === null || (Array.isArray(value) && value.length === 0))
      continue;
    if (typeof value !== "string" && !Array.isArray(value)) continue;
    if (kept[keptAs] === undefined) losses.push(`interface.${key} dropped`);
  }
  const prompts = Array.isArray(declared.defaultPrompt)
    ? declared.defaultPrompt
    : declared.defaultPrompt === undefined
      ? []
      : [declared.defaultPrompt];
  const written = prompts.filter((prompt) => typeof prompt === "string" && prompt.trim() !== "").length;
  const keptPrompts = Array.isArray(kept.defaultPrompt) ? kept.defaultPrompt.length : 0;
  if (keptPrompts < written) losses.push(`${written - keptPrompts} of ${written} default prompts dropped`);
  return losses;
}
