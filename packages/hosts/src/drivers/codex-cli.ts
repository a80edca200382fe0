import { join } from "node:path";
import { HostError } from "../errors.js";
import { type BatchInventory, emptyInventory } from "../inventory.js";
import { runProcess } from "../process.js";
import {
  type CodexInstalledMarketplace,
  type InstallOutcome,
  listMarketplaces,
  readCodexInventories,
} from "./codex-app-server.js";
import { readPromptInput } from "./codex-prompt-input.js";
import { codexEnv, codexNormaliser, hostErrorLine, localEntries, withAppServer } from "./codex-shared.js";
import { emptyBatch } from "./marketplaces.js";
import { AnswerReader } from "./shape.js";
import type { DriverRequest, HostDriver, MarketplaceRequest } from "./types.js";

/**
 * Codex with the `codex plugin` CLI (0.171): `plugin marketplace add` for each marketplace, `plugin add <p>@<mk>`
 * for each plugin (its stderr is the install error), then `app-server` for what loaded, and when asked
 * `debug prompt-input` for the text the model would get.
 */
export const codexCliDriver: HostDriver = {
  id: "codex-cli@1",
  host: "codex",
  understands: ">=0.171.0 <1.0.0",
  verified: ["0.171.0"],
  async inspect(request: DriverRequest): Promise<BatchInventory[]> {
    const reader = new AnswerReader(this, request.version);
    const { sandbox, bin, timeoutMs } = request;
    if (request.promptInput !== undefined && request.marketplaces.length !== 1)
      throw new HostError("the prompt input is read for one marketplace at a time: ask with one marketplace");
    const env = codexEnv(sandbox);
    const normaliser = codexNormaliser(sandbox, request.marketplaces, request.placeholders);
    const codex = (args: string[]) => runProcess({ command: bin, args, cwd: sandbox.work, env, timeoutMs });
    const inventories = request.marketplaces.map(() => emptyBatch("codex", request.version, this.id));

    // Each marketplace is added on its own: Codex refuses one without touching the others.
    const live: { marketplace: MarketplaceRequest; inventory: BatchInventory; name: string }[] = [];
    for (const [index, marketplace] of request.marketplaces.entries()) {
      const inventory = inventories[index]!;
      const added = await codex(["plugin", "marketplace", "add", marketplace.dir]);
      inventory.raw["plugin marketplace add"] = added;
      if (added.exitCode !== 0) {
        inventory.marketplace.error = normaliser.text(hostErrorLine(added));
        inventory.plugins = (marketplace.plugins ?? []).map((name) => ({
          ...emptyInventory(name),
          installError: `marketplace not added: ${inventory.marketplace.error}`,
        }));
        continue;
      }
      const name = /marketplace `([^`]+)`/.exec(added.stdout)?.[1];
      if (name === undefined) throw reader.unknown("printed an unknown `plugin marketplace add` answer");
      inventory.marketplace.added = true;
      inventory.marketplace.name = name;
      live.push({ marketplace, inventory, name });
    }
    if (live.length === 0) return inventories;

    // What Codex lists from each marketplace; a plugin batch installs its own entries even if one was dropped.
    const listing = await withAppServer(request, env, reader, (rpc) =>
      listMarketplaces(rpc, { reader, cwds: [sandbox.work], timeoutMs, normaliser }),
    );
    const installed: CodexInstalledMarketplace[] = [];
    for (const { marketplace, inventory, name } of live) {
      const listed = listing.marketplaces.get(name);
      inventory.marketplace.plugins = [...(listed?.plugins ?? [])].sort();
      inventory.marketplace.messages.push(...listing.loadErrors);
      const names =
        marketplace.plugins ?? localEntries(inventory, listed?.remote ?? new Map(), request.remoteSources === true);
      const installs = new Map<string, InstallOutcome>();
      for (const plugin of names) {
        const result = await codex(["plugin", "add", `${plugin}@${name}`, "--json"]);
        inventory.raw[`plugin add ${plugin}`] = result;
        installs.set(
          plugin,
          result.exitCode === 0 ? { installed: true } : { installed: false, error: hostErrorLine(result) },
        );
      }
      installed.push({
        name,
        dir: marketplace.dir,
        path: listed?.path ?? join(marketplace.dir, ".agents/plugins/marketplace.json"),
        installs,
      });
    }

    const loaded = await withAppServer(request, env, reader, (rpc) =>
      readCodexInventories(rpc, { reader, sandbox, marketplaces: installed, hooksList: true, timeoutMs, normaliser }),
    );
    for (const [index, { inventory, name }] of live.entries()) {
      inventory.plugins = loaded.marketplaces[index]!.plugins;
      inventory.marketplace.messages.push(...loaded.marketplaces[index]!.messages);
      Object.assign(inventory.raw, loaded.raw);
      if (request.promptInput === undefined) continue;
      const plugins = inventory.plugins.filter((plugin) => plugin.installed);
      const prompt = await readPromptInput(codex, reader, {
        cacheDir: join(sandbox.config, "plugins/cache", name),
        plugins,
        startServers: request.promptInput.startServers,
      });
      inventory.raw["debug prompt-input"] = prompt.raw;
      const serversStarted = request.promptInput.startServers;
      for (const plugin of plugins) plugin.context = { lines: prompt.lines.get(plugin.name) ?? [], serversStarted };
    }
    return inventories;
  },
};
