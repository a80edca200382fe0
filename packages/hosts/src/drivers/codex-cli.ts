import { join } from "node:path";
import { type BatchInventory, emptyInventory } from "../inventory.js";
import { runProcess } from "../process.js";
import { type InstallOutcome, listMarketplaces, readCodexInventories } from "./codex-app-server.js";
import { readPromptInput } from "./codex-prompt-input.js";
import { codexEnv, codexNormaliser, hostErrorLine, localEntries, withAppServer } from "./codex-shared.js";
import { AnswerReader } from "./shape.js";
import type { DriverRequest, HostDriver } from "./types.js";

/**
 * Codex with the `codex plugin` CLI (0.171): `plugin marketplace add`, `plugin add <p>@<mk>` for each plugin (its
 * stderr is the install error), then `app-server` for what loaded, and when asked `debug prompt-input` for the
 * text the model would get.
 */
export const codexCliDriver: HostDriver = {
  id: "codex-cli@1",
  host: "codex",
  understands: ">=0.171.0 <1.0.0",
  verified: ["0.171.0"],
  async inspect(request: DriverRequest): Promise<BatchInventory> {
    const reader = new AnswerReader(this, request.version);
    const { sandbox, bin, timeoutMs } = request;
    const env = codexEnv(sandbox);
    const normaliser = codexNormaliser(sandbox, request.placeholders);
    const codex = (args: string[]) => runProcess({ command: bin, args, cwd: sandbox.work, env, timeoutMs });

    const inventory: BatchInventory = {
      host: "codex",
      version: request.version,
      driver: this.id,
      marketplace: { added: false, plugins: [], messages: [] },
      plugins: [],
      raw: {},
    };
    const added = await codex(["plugin", "marketplace", "add", sandbox.market]);
    inventory.raw["plugin marketplace add"] = added;
    if (added.exitCode !== 0) {
      inventory.marketplace.error = normaliser.text(hostErrorLine(added));
      inventory.plugins = (request.plugins ?? []).map((name) => ({
        ...emptyInventory(name),
        installError: `marketplace not added: ${inventory.marketplace.error}`,
      }));
      return inventory;
    }
    const name = /marketplace `([^`]+)`/.exec(added.stdout)?.[1];
    if (name === undefined) throw reader.unknown("printed an unknown `plugin marketplace add` answer");
    inventory.marketplace.added = true;
    inventory.marketplace.name = name;

    // What Codex lists from the marketplace; a plugin batch installs its own entries even if one was dropped.
    const listing = await withAppServer(request, env, reader, (rpc) =>
      listMarketplaces(rpc, { reader, cwd: sandbox.work, timeoutMs, normaliser }),
    );
    const listed = listing.marketplaces.get(name);
    inventory.marketplace.plugins = [...(listed?.plugins ?? [])].sort();
    inventory.marketplace.messages.push(...listing.loadErrors);
    const names =
      request.plugins ?? localEntries(inventory, listed?.remote ?? new Map(), request.remoteSources === true);

    const installs = new Map<string, InstallOutcome>();
    for (const plugin of names) {
      const result = await codex(["plugin", "add", `${plugin}@${name}`, "--json"]);
      inventory.raw[`plugin add ${plugin}`] = result;
      installs.set(
        plugin,
        result.exitCode === 0 ? { installed: true } : { installed: false, error: hostErrorLine(result) },
      );
    }

    const loaded = await withAppServer(request, env, reader, (rpc) =>
      readCodexInventories(rpc, {
        reader,
        sandbox,
        marketplaceName: name,
        marketplacePath: listed?.path ?? join(sandbox.market, ".agents/plugins/marketplace.json"),
        installs,
        hooksList: true,
        timeoutMs,
        normaliser,
      }),
    );
    inventory.plugins = loaded.plugins;
    inventory.marketplace.messages.push(...loaded.messages);
    Object.assign(inventory.raw, loaded.raw);
    if (request.promptInput !== undefined) {
      const installed = inventory.plugins.filter((plugin) => plugin.installed);
      const prompt = await readPromptInput(codex, reader, {
        cacheDir: join(sandbox.config, "plugins/cache", name),
        plugins: installed,
        startServers: request.promptInput.startServers,
      });
      inventory.raw["debug prompt-input"] = prompt.raw;
      const serversStarted = request.promptInput.startServers;
      for (const plugin of installed) plugin.context = { lines: prompt.lines.get(plugin.name) ?? [], serversStarted };
    }
    return inventory;
  },
};
