/**
 * The package.json an npm release publishes: the plugin's own, settled before the manifest is signed, so the signed
 * files are exactly the published ones. It names the package and its version, is not private, and runs nothing at
 * install (no scripts); what only builds the plugin (devDependencies, workspaces, files) stays behind.
 */
const DROPPED = ["private", "scripts", "devDependencies", "workspaces", "files", "agentPlugin"] as const;

export function settledPackageJson(
  original: Record<string, unknown> | undefined,
  identity: { name: string; version: string; description?: string },
): Uint8Array {
  const rest: Record<string, unknown> = { ...original };
  for (const key of DROPPED) delete rest[key];
  delete rest.name;
  delete rest.version;
  const settled = {
    name: identity.name,
    version: identity.version,
    ...(rest.description === undefined && identity.description !== undefined
      ? { description: identity.description }
      : {}),
    ...rest,
  };
  return new TextEncoder().encode(`${JSON.stringify(settled, null, 2)}\n`);
}
