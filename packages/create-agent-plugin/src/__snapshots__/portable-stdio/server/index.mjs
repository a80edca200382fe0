// Starts the MCP server that `npm run build` compiles from server/src/ into server/dist/.
//
// .mcp.json runs this file rather than dist/ itself, so the plugin lints clean before its first build and
// a missing build is reported in one clear line: the import below is dynamic, so it runs after the handler is
// in place. Its specifier is a string literal, outside any try/catch or .catch(), on purpose: `npm run pack`
// bundles this file with everything it imports into .plugin-pack/bundles/, esbuild resolves that literal when
// it packs, and packing a plugin whose server is not built fails (Could not resolve "./dist/src/index.js")
// rather than shipping a broken server.
/** @param {unknown} error */
function cannotStart(error) {
  const missing = error instanceof Error && "code" in error && error.code === "ERR_MODULE_NOT_FOUND";
  process.stderr.write(missing ? `cannot start the MCP server: ${error.message}\nRun \`npm install\` and \`npm run build\` in the plugin folder first.\n` : `cannot start the MCP server: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
}

process.on("uncaughtException", cannotStart);
await import("./dist/src/index.js");
process.off("uncaughtException", cannotStart);
