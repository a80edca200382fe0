import type {
  Fix,
  HostProfile,
  LineIndex,
  MarketplaceModel,
  PluginModel,
  PointerSegment,
  Severity,
  SkillFile,
  SourceDocument,
  TargetId,
} from "@agent-plugin/core";
import type { RuleId } from "./rules/metas.js";

export type { RuleId } from "./rules/metas.js";

export interface RuleMeta<Id extends string = RuleId> {
  /** Stable, namespaced by area: `manifest/name`, `skill/description-length`. */
  id: Id;
  /** Default severity. Error where a host drops or rejects something; warning where it copes. */
  severity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** Why it matters: what the host does with such a file. */
  rationale: string;
  /** Targets (hosts, or the Agent Plugins standard) the rule applies to; all when absent. */
  hosts?: readonly TargetId[];
  /** Whether `--fix` can repair it. */
  fixable?: boolean;
  /**
   * What the rule guards. By default a host's behaviour: an error means the host drops or rejects something, proved
   * against the real host. `security`: leaked secrets and supply-chain risks, which keep their severity whatever the
   * host loads.
   */
  purpose?: "security";
}

/** Where a finding is: a JSON/YAML node by pointer, a text range, or the file as a whole. */
export type Location =
  | { doc: SourceDocument; path: readonly PointerSegment[]; part?: "key" | "value" }
  | { lines: LineIndex; offset: number; length: number }
  | { line: number; column: number };

export interface Report {
  ruleId: RuleId;
  message: string;
  file: string;
  at?: Location;
  /** Overrides the rule's default severity, for findings whose weight depends on the host. */
  severity?: Severity;
  fix?: Fix;
}

export interface RuleContext {
  host: HostProfile;
  report(report: Report): void;
}

/**
 * One area's rules (`rules/<area>/index.ts`): the metadata of every rule it reports, and the checks. Checks are pure
 * reads of the model.
 */
export interface RuleFamily {
  rules: readonly RuleMeta[];
  /**
   * The plugin layouts the family's checks run for: a host's own format, the Agent Plugins standard's, or both
   * (when absent).
   */
  layouts?: readonly HostProfile["layout"][];
  plugin?(plugin: PluginModel, context: RuleContext): void;
  marketplace?(marketplace: MarketplaceModel, context: RuleContext): void;
  /** Runs for every skill, with its plugin when it has one. */
  skill?(skill: SkillFile, context: RuleContext, plugin: PluginModel | undefined): void;
  /**
   * Runs once for a plugin linted for more than one target, with its model for each target (in target order):
   * checks across the manifests of several hosts.
   */
  targets?(plugins: readonly PluginModel[], context: RuleContext): void;
}

/**
 * Declares an area's rule metadata (`rules/<area>/meta.ts`), keeping each id's literal type: the `RuleId` union is
 * made from these declarations, so a report naming a rule that does not exist fails to compile.
 */
export function defineRules<const Rules extends readonly RuleMeta<string>[]>(rules: Rules): Rules {
  return rules;
}
