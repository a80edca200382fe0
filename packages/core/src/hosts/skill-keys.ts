/** Frontmatter keys of the Agent Skills specification, which every host and the Agent Plugins standard read. */
export const specSkillKeys = ["name", "description", "license", "allowed-tools", "metadata", "compatibility"] as const;
