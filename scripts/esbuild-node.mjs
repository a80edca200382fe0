// What every workspace bundle shares: code for Node 20, its dependencies bundled in.
export const NODE_BUNDLE = {
  bundle: true,
  platform: "node",
  target: "node20",
  // Prefer ESM builds: some packages (jsonc-parser) ship a UMD "main" that bundlers cannot follow.
  mainFields: ["module", "main"],
};
