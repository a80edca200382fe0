/**
 * What plugin-pack leaves out of every archive, and why: the table lives in core (pack-defaults.ts), so that
 * plugin-lint judges a file the way plugin-pack packs it.
 */
export {
  PACK_DEFAULT_RULES as DEFAULT_RULES,
  PACK_LOCKED_NAMES as LOCKED_NAMES,
  PACK_LOCKED_NOTE as LOCKED_NOTE,
  packDefaultReason as defaultReason,
  type PackDefaultRule as DefaultRule,
} from "@agent-plugin/core/model";
