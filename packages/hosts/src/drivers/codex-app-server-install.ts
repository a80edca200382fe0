import { type BatchInventory, emptyInventory } from "../inventory.js";
import { insidePath } from "../normalise.js";
import {
  type CodexInstalledMarketplace,
  type InstallOutcome,
  listMarketplaces,
  readCodexInventories,
} from "./codex-app-server.js";
import { codexEnv, codexNormaliser, localEntries, withAppServer } from "./codex-shared.js";
import { emptyBatch } from "./marketplaces.js";
import { AnswerReader } from "./shape.js";
import type { DriverRequest, HostDriver } from "./types.js";

/**
 * Codex before the `codex plugin` CLI (0.117): the app server finds each marketplace in its folder (`plugin/list`
 * with that folder as the working folder), installs with `plugin/install` (the error answer is the install error),
 * and a second app server reports what loaded. 0.117 has no hooks (no `hooks/list`).
 */
export const codexAppServerInstallDriver: HostDriver = {
  id: "codex-app-server@1",
  host: "codex",
  understands: ">=0.117.0 <0.118.0",
  verified: ["0.117.0"],
  async inspect(request: DriverRequest): Promise<BatchInventory[]> {
    const reader = new AnswerReader(this, request.version);
    const { sandbox, timeoutMs } = request;
    const env = codexEnv(sandbox);
    const normaliser = codexNormaliser(sandbox, request.marketplaces, request.placeholders);
    const inventories = request.marketplaces.map(() => emptyBatch("codex", request.version, this.id));

    const live = await withAppServer(request, env, reader, async (rpc) => {
      const found: { inventory: BatchInventory; installed: CodexInstalledMarketplace }[] = [];
      for (const [index, wanted] of request.marketplaces.entries()) {
        const inventory = inventories[index]!;
        const listing = await listMarketplaces(rpc, { reader, cwds: [wanted.dir], timeoutMs, normaliser });
        inventory.marketplace.messages.push(...listing.loadErrors);
        const listed = [...listing.marketplaces].find(
          ([, marketplace]) => marketplace.path !== undefined && insidePath(marketplace.path, wanted.dir) !== undefined,
        );
        if (listed === undefined) {
          // Codex did not load the marketplace: its load error says why.
          inventory.marketplace.error =
            inventory.marketplace.messages.map((message) => message.text).join("; ") ||
            "Codex listed no marketplace from the folder (none it could load, or none with a plugin it shows)";
          inventory.plugins = (wanted.plugins ?? []).map((name) => ({
            ...emptyInventory(name),
            installError: `marketplace not loaded: ${inventory.marketplace.error}`,
          }));
          continue;
        }
        const [name, marketplace] = listed;
        inventory.marketplace.added = true;
        inventory.marketplace.name = name;
        inventory.marketplace.plugins = [...marketplace.plugins].sort();
        const installs = new Map<string, InstallOutcome>();
        for (const plugin of wanted.plugins ??
          localEntries(inventory, marketplace.remote, request.remoteSources === true)) {
          const answer = await rpc.request(
            "plugin/install",
            { marketplacePath: marketplace.path, pluginName: plugin },
            timeoutMs,
          );
          inventory.raw[`plugin/install ${plugin}`] = answer;
          installs.set(
            plugin,
            "error" in answer ? { installed: false, error: answer.error.message } : { installed: true },
          );
        }
        found.push({ inventory, installed: { name, dir: wanted.dir, path: marketplace.path, installs } });
      }
      return found;
    });
    if (live.length === 0) return inventories;

    const loaded = await withAppServer(request, env, reader, (rpc) =>
      readCodexInventories(rpc, {
        reader,
        sandbox,
        marketplaces: live.map(({ installed }) => installed),
        hooksList: false,
        timeoutMs,
        normaliser,
      }),
    );
    for (const [index, { inventory }] of live.entries()) {
      inventory.plugins = loaded.marketplaces[index]!.plugins;
      inventory.marketplace.messages.push(...loaded.marketplaces[index]!.messages);
      Object.assign(inventory.raw, loaded.raw);
    }
    return inventories;
  },
};
