/**
 * `maxAlwaysOnTokens`: the tokens a plugin adds to every session, counted the way `plugin-pack inspect --budget`
 * counts them (o200k_base over the text the host builds from the files). The tokenizer loads only for a policy
 * that sets the budget.
 */
import { type CapabilityReport, tokenCounter } from "../report/index.js";
import type { LoadedPolicy, Policy, PolicyViolation } from "./types.js";

/** The policy with the token counter its budget rule needs, loaded once. */
export async function withBudgetCounter(loaded: LoadedPolicy): Promise<LoadedPolicy> {
  if (loaded.policy.maxAlwaysOnTokens === undefined || loaded.tokenCounter !== undefined) return loaded;
  return { ...loaded, tokenCounter: await tokenCounter() };
}

export function budgetViolations(report: CapabilityReport, policy: Policy): PolicyViolation[] {
  const max = policy.maxAlwaysOnTokens;
  const budget = report.contextBudget;
  if (max === undefined || budget === undefined || budget.alwaysOn <= max) return [];
  const biggest = [...budget.components]
    .sort((a, b) => b.alwaysOn - a.alwaysOn)
    .slice(0, 3)
    .map((component) => `${component.name} ${component.alwaysOn}`)
    .join(", ");
  return [
    {
      rule: "/maxAlwaysOnTokens",
      subject: `${budget.alwaysOn} always-on tokens`,
      reason: `it adds ${budget.alwaysOn} tokens to every ${budget.host} session (o200k_base${budget.estimate ? ", an estimate" : ""}), over the budget of ${max}; biggest: ${biggest}`,
    },
  ];
}
