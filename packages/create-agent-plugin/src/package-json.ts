import type { RenderContext } from "./context.js";
import { INITIAL_VERSION } from "./manifest.js";
import type { ReleaseSetup } from "./release-channel.js";

/**
 * What the local stdio server (`--mcp stdio`) is built with. The SDK's 1.x line runs on Node 18 and later;
 * TypeScript stays on 5.x (7.x is a native port with per-platform binaries); the Node types match Node 20,
 * the oldest Node the toolchain supports.
 */
export const STDIO_SERVER_DEPENDENCIES = { "@modelcontextprotocol/sdk": "^1.32.2", zod: "^4.1.0" } as const;
export const STDIO_SERVER_DEV_DEPENDENCIES = { "@types/node": "^20.19.0", typescript: "^5.9.3" } as const;

/**
 * plugin-pack bundles a local server with esbuild, its optional peer dependency (the same range): only a plugin with
 * a local server installs it, so a skills-only plugin installs no native binary and no install script.
 */
export const ESBUILD_RANGE = "^0.28.2";

/**
 * esbuild's install script only checks the binary that its platform package already installed, so it need not
 * run: the package managers that ask before running one (npm 11's `allowScripts`, pnpm 10's build-script list)
 * are told not to, and the install prints no warning about it. A workspace package has none: the root decides.
 */
export function esbuildScriptSettings(context: RenderContext): Record<string, unknown> {
  if (context.workspace !== null) return {};
  if (context.pm === "npm") return { allowScripts: { esbuild: false } };
  if (context.pm === "pnpm") return { pnpm: { ignoredBuiltDependencies: ["esbuild"] } };
  return {};
}

/**
 * Run by the install (`prepare`; `postinstall` with yarn, whose 2+ never runs `prepare`): enables .githooks/ (the
 * pre-commit lint) when the plugin is the top of its git repository.
 */
export const ENABLE_HOOKS = "node .githooks/enable.mjs";

/** Where `test` packs the plugin: inside dist/, which git and plugin-pack leave out. */
export const TEST_ARCHIVE_DIR = "dist/test";

/**
 * The release scripts. `plugin-pack version` runs changesets' version step and carries the new version into
 * every manifest; `plugin-pack release` packs, signs and tags each version not released yet, with the key from
 * the CI secret (see .github/workflows/release.yml).
 */
export const RELEASE_SCRIPTS = {
  changeset: "changeset",
  "version-packages": "plugin-pack version",
  release: "plugin-pack release --sign env:PLUGIN_SIGNING_KEY",
} as const;

/**
 * The release command of a repository's `release` script: with npm, the same release also publishes each package
 * (plugin-pack release --npm), under the scope of `npmSettings`. One form for a plugin repository and a monorepo root.
 */
export function releaseCommand(release: ReleaseSetup): string {
  return release.npm ? RELEASE_SCRIPTS.release.replace("release ", "release --npm ") : RELEASE_SCRIPTS.release;
}

/** The repository root's `agentPlugin.npm` setting that `plugin-pack release --npm` reads, with npm; else nothing. */
export function npmSettings(release: ReleaseSetup): Record<string, unknown> {
  return release.npm ? { agentPlugin: { npm: { scope: release.scope } } } : {};
}

/**
 * The plugin's own package.json: private (it is released as a signed archive, not to npm), named after the plugin
 * so changesets and the `<name>@<version>` tags use that name, with the lint, pack and release scripts, and the
 * toolchain and changesets as dev dependencies. A workspace package gets no release scripts, no changesets and no
 * git hook: the workspace root runs those for every plugin.
 */
export function packageJson(context: RenderContext): Record<string, unknown> {
  const member = context.workspace !== null;
  const devDependencies = {
    "@agent-plugin/plugin-lint": context.toolchainRange,
    "@agent-plugin/plugin-pack": context.toolchainRange,
    ...(member ? {} : { "@changesets/cli": context.changesets.range }),
  };
  const hooks = { [context.packageManager.hookScript]: ENABLE_HOOKS };
  // With npm releases, the same release also publishes the package (plugin-pack release --npm), whose scope is set
  // here; a workspace package's is set at the workspace root, which releases it.
  const releaseScript = releaseCommand(context.release);
  const release = member ? {} : { ...RELEASE_SCRIPTS, release: releaseScript, ...hooks };
  const npm = member ? {} : npmSettings(context.release);
  // The package manager and version that wrote the lockfile, for Corepack and pnpm/action-setup (none for npm and bun).
  const packageManager = context.packageManager.field === null ? {} : { packageManager: context.packageManager.field };
  // Shared fields first, so both forms keep the same key order.
  const common = {
    name: context.name,
    version: INITIAL_VERSION,
    private: true,
    description: context.description,
    license: "MIT",
  };
  // plugin-lint lints a plugin for every target it declares (the portable manifest, each host manifest), each with
  // its own rules and limits, so one command covers every host.
  const lint = { lint: "plugin-lint" };
  // What `test` proves of every plugin, with or without code of its own: it lints clean for each target, warnings
  // included, and it packs (bundling a local server) into an archive, written to dist/test/ and never released.
  const packCheck = ["plugin-lint --max-warnings 0", `plugin-pack . --out ${TEST_ARCHIVE_DIR} --no-lint`].join(" && ");
  if (context.stdio === null) {
    return {
      ...common,
      scripts: { test: packCheck, ...lint, pack: "plugin-pack . --out dist", ...release },
      devDependencies,
      ...packageManager,
      ...npm,
    };
  }
  // With a local server: ESM (the server's compiled output is ES modules), a build and a test script, and a pack
  // and a release that build first, since plugin-pack bundles the compiled server/dist/ that server/index.mjs imports.
  const build = context.commands.build;
  return {
    ...common,
    type: "module",
    engines: { node: ">=20" },
    scripts: {
      build: "tsc -p server",
      test: `${build} && node --test server/dist/test/server.test.js && ${packCheck}`,
      ...lint,
      pack: `${build} && plugin-pack . --out dist`,
      ...(member ? {} : { ...RELEASE_SCRIPTS, release: `${build} && ${releaseScript}`, ...hooks }),
    },
    dependencies: { ...STDIO_SERVER_DEPENDENCIES },
    devDependencies: { ...devDependencies, ...STDIO_SERVER_DEV_DEPENDENCIES, esbuild: ESBUILD_RANGE },
    ...esbuildScriptSettings(context),
    ...packageManager,
    ...npm,
  };
}
