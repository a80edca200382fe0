import type { HostId } from "@agent-plugin/core";
import type { BatchInventory } from "../inventory.js";
import type { Sandbox } from "../sandbox.js";

/** One marketplace of a request: a folder inside the sandbox, already written. */
export interface MarketplaceRequest {
  dir: string;
  /**
   * The marketplace entries to install; undefined installs every plugin the host lists from the marketplace whose
   * source is local (a git, npm or other remote source is fetched only with `remoteSources`).
   */
  plugins?: readonly string[];
}

/**
 * What a driver is asked: the marketplaces to add to one throwaway home, each already written into its folder
 * (the first is `sandbox.market`). Their names differ, so a plugin name may appear in several of them.
 */
export interface DriverRequest {
  bin: string;
  version: string;
  sandbox: Sandbox;
  marketplaces: readonly MarketplaceRequest[];
  /** Let the host fetch git, npm and URL sources of a whole marketplace. Off: nothing reaches the network. */
  remoteSources?: boolean;
  /** The longest any one host process may run. */
  timeoutMs: number;
  /**
   * Also ask for the text the host puts in the model's prompt (Codex `debug prompt-input`). `startServers: false`
   * keeps every MCP server of the plugins off while it renders, so none of the plugin's code runs.
   */
  promptInput?: { startServers: boolean };
  /** More folders to name by a placeholder in the host's messages (folder → placeholder). */
  placeholders?: Record<string, string>;
}

/** Talks to one host through one protocol, and says which host versions that protocol belongs to. */
export interface HostDriver {
  /** `<name>@<protocol version>`, recorded in every inventory. */
  id: string;
  host: HostId;
  /** The host versions this driver understands, as a semver range. */
  understands: string;
  /** The host versions it was run against. */
  verified: readonly string[];
  /** One inventory per marketplace of the request, in its order. */
  inspect(request: DriverRequest): Promise<BatchInventory[]>;
}
