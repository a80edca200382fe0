import packageJson from "../package.json" with { type: "json" };

export const VERSION: string = packageJson.version;

/**
 * The range generated plugins depend on for plugin-lint and plugin-pack. The toolchain's packages are
 * released together, so this package's own version names them.
 */
export const TOOLCHAIN_RANGE = `^${VERSION}`;
