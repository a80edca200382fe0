import { describe, expect, it } from "vitest";
import { packageManagerFromUserAgent, packageManagerSetup, testCommand } from "./package-manager.js";

describe("packageManagerFromUserAgent", () => {
  it("reads the name and version of the package manager that runs create, else npm", () => {
    expect(packageManagerFromUserAgent("pnpm/10.34.8 npm/? node/v20.20.2 linux x64")).toBe("pnpm@10.34.8");
    expect(packageManagerFromUserAgent("yarn/4.9.2 npm/? node/v20.20.2 linux x64")).toBe("yarn@4.9.2");
    expect(packageManagerFromUserAgent("bun/1.2.15 npm/? node/v24.3.0 linux x64")).toBe("bun@1.2.15");
    expect(packageManagerFromUserAgent("npm/10.9.0 node/v20.19.0 linux x64 workspaces/false")).toBe("npm@10.9.0");
    expect(packageManagerFromUserAgent("pnpm/next npm/? node/v20.20.2")).toBe("pnpm");
    expect(packageManagerFromUserAgent("deno/2.0.0")).toBe("npm");
    expect(packageManagerFromUserAgent(undefined)).toBe("npm");
  });
});

describe("packageManagerSetup", () => {
  const setup = (name: "npm" | "pnpm" | "yarn" | "bun", version: string | null = null, standalone = true) =>
    packageManagerSetup({ name, version }, standalone);

  it("pins pnpm and yarn in package.json when the version is known, never npm or bun, never in a workspace", () => {
    expect(setup("pnpm", "10.34.8")).toMatchObject({ field: "pnpm@10.34.8", workflow: { pnpm: { version: null } } });
    expect(setup("pnpm")).toMatchObject({ field: null, workflow: { pnpm: { version: "10" } } });
    expect(setup("yarn", "4.9.2")).toMatchObject({
      field: "yarn@4.9.2",
      yarnBerry: true,
      hookScript: "postinstall",
      workflow: { corepack: true },
    });
    expect(setup("yarn", "1.22.22")).toMatchObject({
      field: "yarn@1.22.22",
      yarnBerry: false,
      hookScript: "postinstall",
    });
    expect(setup("npm", "10.9.0")).toMatchObject({
      field: null,
      hookScript: "prepare",
      workflow: { pnpm: null, corepack: false, bun: false },
    });
    expect(setup("bun", "1.2.15")).toMatchObject({ field: null, hookScript: "prepare", workflow: { bun: true } });
    expect(setup("pnpm", "10.34.8", false).field).toBeNull();
  });

  it("installs frozen with a committed lockfile, and in the release workflow never leaves a lockfile to commit", () => {
    const installs = (name: "npm" | "pnpm" | "yarn" | "bun", version: string | null = null) => {
      const { workflow } = setup(name, version);
      return [workflow.install, workflow.releaseInstall];
    };
    expect(installs("npm")).toEqual([
      "if [ -f package-lock.json ]; then npm ci; else npm install; fi",
      "if [ -f package-lock.json ]; then npm ci; else npm install --no-package-lock; fi",
    ]);
    expect(installs("pnpm")).toEqual(
      Array(2).fill(
        "if [ -f pnpm-lock.yaml ]; then pnpm install --frozen-lockfile; else pnpm install --no-lockfile; fi",
      ),
    );
    expect(installs("yarn", "4.9.2")).toEqual([
      "if [ -f yarn.lock ]; then yarn install --immutable; else yarn install --no-immutable; fi",
      "if [ -f yarn.lock ]; then yarn install --immutable; else yarn install --no-immutable && echo /yarn.lock >> .git/info/exclude; fi",
    ]);
    expect(installs("yarn", "1.22.22")).toEqual(
      Array(2).fill("if [ -f yarn.lock ]; then yarn install --frozen-lockfile; else yarn install --no-lockfile; fi"),
    );
    expect(installs("bun")).toEqual(
      Array(2).fill(
        "if [ -f bun.lock ] || [ -f bun.lockb ]; then bun install --frozen-lockfile; else bun install --no-save; fi",
      ),
    );
  });

  it("runs the scripts in each manager's form: `--` only for npm, `bun run test` for bun, never a download", () => {
    const row = (name: "npm" | "pnpm" | "yarn" | "bun") => {
      const { commands, workflow } = setup(name, null);
      return [commands.test, commands.changeset, commands.exec, workflow.lint];
    };
    expect(row("npm")).toEqual(["npm test", "npx changeset", "npx --no-install", "npm run lint -- --format github"]);
    expect(row("pnpm")).toEqual(["pnpm test", "pnpm changeset", "pnpm exec", "pnpm run lint --format github"]);
    expect(row("yarn")).toEqual(["yarn test", "yarn changeset", "yarn run", "yarn run lint --format github"]);
    expect(row("bun")).toEqual(["bun run test", "bun run changeset", "bun run", "bun run lint --format github"]);
    expect(testCommand("bun")).toBe("bun run test");
  });
});
