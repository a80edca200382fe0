import { type BatchInventory, emptyInventory } from "../inventory.js";
import { insidePath } from "../normalise.js";
import { type InstallOutcome, listMarketplaces, readCodexInventories } from "./codex-app-server.js";
import { codexEnv, codexNormaliser, localEntries, withAppServer } from "./codex-shared.js";
import { AnswerReader } from "./shape.js";
import type { DriverRequest, HostDriver } from "./types.js";

/**
 * Codex before the `codex plugin` CLI (0.117): the app server finds the marketplace in its working folder
 * (`plugin/list`), installs with `plugin/install` (the error answer is the install error), and a second app
 * server reports what loaded. 0.117 has no hooks (no `hooks/list`).
 */
export const codexAppServerInstallDriver: HostDriver = {
  id: "codex-app-server@1",
  host: "codex",
  understands: ">=0.117.0 <0.118.0",
  verified: ["0.117.0"],
  async inspect(request: DriverRequest): Promise<BatchInventory> {
    const reader = new AnswerReader(this, request.version);
    const { sandbox, timeoutMs } = request;
    const env = codexEnv(sandbox);
    const normaliser = codexNormaliser(sandbox, request.placeholders);
    const inventory: BatchInventory = {
      host: "codex",
      version: request.version,
      driver: this.id,
      marketplace: { added: false, plugins: [], messages: [] },
      plugins: [],
      raw: {},
    };

    const installed = await withAppServer(request, env, reader, async (rpc) => {
      const listing = await listMarketplaces(rpc, { reader, cwd: sandbox.market, timeoutMs, normaliser });
      inventory.marketplace.messages.push(...listing.loadErrors);
      const found = [...listing.marketplaces].find(
        ([, marketplace]) =>
          marketplace.path !== undefined && insidePath(marketplace.path, sandbox.market) !== undefined,
      );
      if (found === undefined) return undefined;
      const [name, marketplace] = found;
      inventory.marketplace.added = true;
      inventory.marketplace.name = name;
      inventory.marketplace.plugins = [...marketplace.plugins].sort();
      const installs = new Map<string, InstallOutcome>();
      for (const plugin of request.plugins ??
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
      return { name, path: marketplace.path, installs };
    });

    if (installed === undefined) {
      // Codex did not load the marketplace: its load error says why.
      inventory.marketplace.error =
        inventory.marketplace.messages.map((message) => message.text).join("; ") ||
        "Codex listed no marketplace from the folder (none it could load, or none with a plugin it shows)";
      inventory.plugins = (request.plugins ?? []).map((name) => ({
        ...emptyInventory(name),
        installError: `marketplace not loaded: ${inventory.marketplace.error}`,
      }));
      return inventory;
    }

    const loaded = await withAppServer(request, env, reader, (rpc) =>
      readCodexInventories(rpc, {
        reader,
        sandbox,
        marketplaceName: installed.name,
        marketplacePath: installed.path,
        installs: installed.installs,
        hooksList: false,
        timeoutMs,
        normaliser,
      }),
    );
    inventory.plugins = loaded.plugins;
    inventory.marketplace.messages.push(...loaded.messages);
    Object.assign(inventory.raw, loaded.raw);
    return inventory;
  },
};
