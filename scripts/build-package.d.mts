// Types of build-package.mjs for the TypeScript that imports it (test-utils' bundleEntry).
export declare function bundleEntry(options: { entry: string; outfile: string }): Promise<void>;
export declare function buildPackage(options: {
  cwd: string;
  libraries?: string[];
  cli?: string;
  bins?: ({ in: string; out: string } | string)[];
  binExternal?: string[];
}): Promise<void>;
