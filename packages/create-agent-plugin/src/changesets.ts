/**
 * Which changesets a new plugin is released with. Changesets 3 runs only on Node ^22.11 || ^24 || >=26 (its
 * `engines`), so a plugin created on an older Node gets changesets 2, whose config and commands it shares:
 * `npx changeset` then works on the machine that ran create, and the release workflow runs the same major.
 */
export interface ChangesetsSetup {
  major: 2 | 3;
  /** The `@changesets/cli` range in devDependencies. */
  range: string;
  /** `$schema` of `.changeset/config.json`: the `@changesets/config` schema that major reads. */
  configSchema: string;
  /** The Node major the release workflow sets up: the oldest line the chosen changesets runs on. */
  nodeVersion: string;
}

const CHANGESETS_3: ChangesetsSetup = {
  major: 3,
  range: "^3.0.3",
  configSchema: "https://unpkg.com/@changesets/config@4/schema.json",
  nodeVersion: "22",
};
const CHANGESETS_2: ChangesetsSetup = {
  major: 2,
  range: "^2.31.1",
  configSchema: "https://unpkg.com/@changesets/config@3.1.1/schema.json",
  nodeVersion: "20",
};

/** The changesets for a Node version such as `process.versions.node` ("22.11.0", "v24.1.0"). */
export function changesetsFor(nodeVersion: string): ChangesetsSetup {
  return runsChangesets3(nodeVersion) ? CHANGESETS_3 : CHANGESETS_2;
}

/** `^22.11 || ^24 || >=26`: the odd lines 23 and 25 are outside it, so they get changesets 2 too. */
function runsChangesets3(nodeVersion: string): boolean {
  const match = /^v?(\d+)\.(\d+)/.exec(nodeVersion.trim());
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return (major === 22 && minor >= 11) || major === 24 || major >= 26;
}
