import type { Probe } from "../types.js";
import { componentProbes } from "./components.js";
import { locationProbes } from "./locations.js";
import { manifestProbes } from "./manifest.js";
import { marketplaceProbes } from "./marketplace.js";
import { skillProbes } from "./skills.js";

/** Every probe, in a fixed order. Ids are unique and never reused (see catalogue.test.ts). */
export const catalogue: readonly Probe[] = [
  ...locationProbes,
  ...manifestProbes,
  ...skillProbes,
  ...componentProbes,
  ...marketplaceProbes,
];
