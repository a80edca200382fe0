// `pnpm test:fast`: every test except those tagged in their describe name as [slow], [host] (real Codex or
// Claude Code binaries) or [network] (the npm registry). The same tags' env switches are set, so a test that
// checks them itself is skipped too. Extra arguments go to vitest (`pnpm test:fast packages/core`).
import { startVitest } from "vitest/node";

process.env.AGENT_PLUGIN_OFFLINE = "1";
process.env.AGENT_PLUGIN_SKIP_HOSTS = "1";
process.env.AGENT_PLUGIN_SKIP_SLOW = "1";

const vitest = await startVitest("test", process.argv.slice(2), {
  run: true,
  testNamePattern: /^(?!.*\[(slow|host|network)\])/,
});
await vitest?.close();
