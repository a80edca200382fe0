// Writes dist/THIRD_PARTY_NOTICES.md: every npm package whose code esbuild put into a package's dist/, read from the
// builds' metafiles, with its version, licence and licence text. The bundles keep no licence comments
// (legalComments: "none"), so this file is where the licences of bundled code travel with the package.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const LICENSE_FILE = /^(licen[cs]e|copying)(-[a-z]+)?(\.(md|txt))?$/i;

/**
 * @param {{ cwd: string, packageName: string, metafiles: import("esbuild").Metafile[] }} options
 * @returns {Array<{ name: string, version: string, license: string }>} the bundled packages, sorted
 */
export function writeThirdPartyNotices({ cwd, packageName, metafiles }) {
  const roots = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const root = packageRootOf(resolve(cwd, input));
      if (root) roots.add(root);
    }
  }
  const packages = [...roots]
    .map(describePackage)
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const unique = packages.filter(
    (pkg, i) => i === 0 || pkg.name !== packages[i - 1].name || pkg.version !== packages[i - 1].version,
  );
  const intro =
    unique.length === 0
      ? `The files in \`dist/\` of ${packageName} contain no code from other npm packages; its dependencies are installed\nalongside it, each with its own licence.\n`
      : `The files in \`dist/\` of ${packageName} include code from the npm packages below, bundled by esbuild. Each is\nlisted with its version, its licence and the licence text it ships.\n`;
  const sections = unique.map(
    (pkg) => `## ${pkg.name} ${pkg.version}\n\nLicence: ${pkg.license}\n\n\`\`\`text\n${pkg.text.trim()}\n\`\`\`\n`,
  );
  writeFileSync(
    join(cwd, "dist/THIRD_PARTY_NOTICES.md"),
    [`# Third-party notices\n\n${intro}`, ...sections].join("\n"),
  );
  return unique.map(({ name, version, license }) => ({ name, version, license }));
}

/** The folder of the npm package an input file belongs to (the last node_modules/<name> or node_modules/@scope/<name>). */
function packageRootOf(file) {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf("node_modules");
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const length = parts[at + 1].startsWith("@") ? 2 : 1;
  return parts.slice(0, at + 1 + length).join("/") || "/";
}

function describePackage(root) {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const license = typeof pkg.license === "string" ? pkg.license : (pkg.license?.type ?? "see the licence text");
  const file = existsSync(root)
    ? readdirSync(root)
        .filter((name) => LICENSE_FILE.test(name))
        .sort()[0]
    : undefined;
  if (!file)
    throw new Error(
      `${pkg.name}@${pkg.version} is bundled but ships no licence file (in ${root}): add its licence text by hand`,
    );
  return { name: pkg.name, version: pkg.version, license, text: readFileSync(join(root, file), "utf8") };
}
