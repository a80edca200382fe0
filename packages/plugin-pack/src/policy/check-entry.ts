/** A marketplace and its entries against the policy: the marketplace's name, and each entry's install `policy`. */
import type { Policy, PolicyViolation } from "./types.js";
import { nameViolations } from "./check-plugin.js";
import { listed } from "./words.js";

export function marketplaceViolations(name: string | undefined, policy: Policy): PolicyViolation[] {
  if (policy.marketplaces === undefined) return [];
  if (name === undefined)
    return [
      {
        rule: policy.marketplaces.allow === undefined ? "/marketplaces/deny" : "/marketplaces/allow",
        subject: "marketplace",
        reason:
          'the marketplace file names no marketplace (no "name"), so it cannot be checked against the allowed and denied marketplaces',
      },
    ];
  return nameViolations("/marketplaces", "marketplace", name, policy.marketplaces);
}

/** The entry's `policy.installation` and `policy.authentication`, as the marketplace holds (or will hold) them. */
export function entryViolations(
  entry: { installation?: unknown; authentication?: unknown },
  plugin: string,
  policy: Policy,
): PolicyViolation[] {
  const rules = policy.capabilities?.install;
  if (rules === undefined) return [];
  const fields = [
    ["installation", rules.installation, entry.installation],
    ["authentication", rules.authentication, entry.authentication],
  ] as const;
  return fields.flatMap(([field, allowed, value]): PolicyViolation[] => {
    if (allowed === undefined || (typeof value === "string" && allowed.includes(value))) return [];
    const subject = `entry policy.${field}`;
    const rule = `/capabilities/install/${field}`;
    const reason =
      value === undefined
        ? `the marketplace entry sets no policy.${field}; the policy allows only ${listed(allowed)}: set one`
        : `policy.${field} ${JSON.stringify(value)} is not allowed (allowed: ${listed(allowed)})`;
    return [{ rule, plugin, subject, reason }];
  });
}
