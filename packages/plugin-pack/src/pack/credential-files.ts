/**
 * File names that hold credentials by convention. pack refuses them with or without lint: core's default
 * exclusions cover .env files and keys, and these are the other places tools keep tokens and passwords.
 */
const CREDENTIAL_NAMES = new Map<string, string>([
  [".git-credentials", "git's stored credentials (tokens in clear text)"],
  [".netrc", "login credentials read by curl, git and ftp"],
  ["_netrc", "login credentials read by curl, git and ftp"],
  [".envrc", "direnv environment, usually secrets"],
  [".pgpass", "PostgreSQL passwords"],
  [".pypirc", "PyPI upload credentials"],
  [".htpasswd", "password hashes"],
  ["id_rsa", "an SSH private key"],
  ["id_dsa", "an SSH private key"],
  ["id_ecdsa", "an SSH private key"],
  ["id_ed25519", "an SSH private key"],
]);

/** Credential files that live under a tool's folder: `.aws/credentials`, `.docker/config.json`... */
const CREDENTIAL_PATHS = new Map<string, string>([
  [".aws/credentials", "AWS access keys"],
  [".aws/config", "AWS profiles, which may hold keys"],
  [".docker/config.json", "Docker registry credentials"],
  [".kube/config", "Kubernetes cluster credentials"],
  [".config/gh/hosts.yml", "GitHub CLI tokens"],
]);

/** Each credential path with the `/` that must come before it when it is not the whole path. */
const CREDENTIAL_SUFFIXES = [...CREDENTIAL_PATHS].map(([path, why]) => ({ path, below: `/${path}`, why }));

/** Why `path` (relative, `/`-separated) is a credential file, or undefined. Compared without case. */
export function credentialFileReason(path: string): string | undefined {
  const lower = path.toLowerCase();
  const name = lower.slice(lower.lastIndexOf("/") + 1);
  const byName = CREDENTIAL_NAMES.get(name);
  if (byName !== undefined) return `a credential file (${byName})`;
  // Asked of every packed file: no iterator or string built per file and per suffix.
  for (const { path: suffix, below, why } of CREDENTIAL_SUFFIXES)
    if (lower === suffix || lower.endsWith(below)) return `a credential file (${why})`;
  return undefined;
}
