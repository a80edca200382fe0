/**
 * A plugin's capability report (the one `inspect` prints) against a policy's name and capability rules: one
 * violation per capability that breaks a rule, naming the rule as a JSON pointer into the policy.
 */
import { authKinds, describeAuth, type CapabilityReport, type McpServerCapability } from "../report/index.js";
import { budgetViolations } from "./check-budget.js";
import { firstMatch, hostOf, matchesHost, matchesName } from "./patterns.js";
import type { AllowDeny, Policy, PolicyViolation } from "./types.js";
import { listed } from "./words.js";

export function pluginViolations(report: CapabilityReport, policy: Policy): PolicyViolation[] {
  const found = [
    ...nameViolations("/plugins", "plugin", report.name, policy.plugins),
    ...hookViolations(report, policy),
    ...serverViolations(report, policy),
    ...appViolations(report, policy),
    ...budgetViolations(report, policy),
  ];
  return found.map((violation) => ({ ...violation, plugin: report.name }));
}

/** `deny` wins over `allow`; a list that is not given restricts nothing. */
export function nameViolations(
  rule: "/plugins" | "/marketplaces",
  noun: "plugin" | "marketplace",
  name: string,
  lists: AllowDeny | undefined,
): PolicyViolation[] {
  const subject = `${noun} ${name}`;
  const denied = firstMatch(lists?.deny ?? [], name);
  if (denied !== -1)
    return [
      { rule: `${rule}/deny/${denied}`, subject, reason: `${noun} "${name}" is denied ("${lists!.deny![denied]}")` },
    ];
  if (lists?.allow !== undefined && firstMatch(lists.allow, name) === -1)
    return [
      {
        rule: `${rule}/allow`,
        subject,
        reason: `${noun} "${name}" is not in the allowed ${noun}s (${listed(lists.allow)})`,
      },
    ];
  return [];
}

function hookViolations(report: CapabilityReport, policy: Policy): PolicyViolation[] {
  const rules = policy.capabilities?.hooks;
  if (rules === undefined) return [];
  return report.hooks.flatMap((hook): PolicyViolation[] => {
    const subject = `hook ${hook.event}${hook.matcher === undefined ? "" : ` ${hook.matcher}`} (${hook.file})`;
    const runs = hook.command === undefined ? `a ${hook.type} hook` : `\`${hook.command}\``;
    if (rules.allowed === false)
      return [
        {
          rule: "/capabilities/hooks/allowed",
          subject,
          reason: `hooks are not allowed: it runs ${runs} on ${hook.event}`,
        },
      ];
    if (rules.events !== undefined && !rules.events.includes(hook.event))
      return [
        {
          rule: "/capabilities/hooks/events",
          subject,
          reason: `hooks on ${hook.event} are not allowed (allowed events: ${listed(rules.events)}): it runs ${runs}`,
        },
      ];
    return [];
  });
}

function serverViolations(report: CapabilityReport, policy: Policy): PolicyViolation[] {
  const rules = policy.capabilities;
  return report.mcpServers.flatMap((server): PolicyViolation[] => {
    const subject = `server ${server.name}`;
    const found: PolicyViolation[] = [];
    if (server.transport === "stdio" && rules?.localServers?.allowed === false)
      found.push({
        rule: "/capabilities/localServers/allowed",
        subject,
        reason: `local MCP servers are not allowed: it runs ${[server.command, ...(server.args ?? [])].join(" ")} on this machine`,
      });
    found.push(...endpointViolations(server, policy));
    const modes = rules?.auth?.modes;
    if (server.transport === "http" && modes !== undefined) {
      const refused = authKinds(server.auth).filter((kind) => !modes.includes(kind));
      if (refused.length > 0)
        found.push({
          rule: "/capabilities/auth/modes",
          subject,
          reason: `auth ${refused.join(", ")} is not allowed (allowed: ${listed(modes)}): it uses ${describeAuth(server.auth)}`,
        });
    }
    return found;
  });
}

/** The remote endpoints of a server: its URL, and the URLs a local bridge (`mcp-remote https://...`) is handed. */
export function endpointsOf(server: McpServerCapability): string[] {
  const urls = server.transport === "http" && server.url !== undefined ? [server.url] : [];
  const bridged = (server.args ?? []).filter((arg) => /^https?:\/\//i.test(arg));
  return [...urls, ...bridged];
}

function endpointViolations(server: McpServerCapability, policy: Policy): PolicyViolation[] {
  const rules = policy.capabilities?.remoteServers;
  if (rules === undefined) return [];
  const subject = `server ${server.name}`;
  return endpointsOf(server).flatMap((url): PolicyViolation[] => {
    const via = server.transport === "http" ? "connects to" : "is a local bridge to";
    if (rules.allowed === false)
      return [
        {
          rule: "/capabilities/remoteServers/allowed",
          subject,
          reason: `remote MCP endpoints are not allowed: it ${via} ${url}`,
        },
      ];
    if (rules.hosts === undefined) return [];
    const host = hostOf(url);
    if (host === undefined)
      return [
        {
          rule: "/capabilities/remoteServers/hosts",
          subject,
          reason: `it ${via} ${url}, whose host is set at run time, so it cannot be checked against the allowed hosts (${listed(rules.hosts)})`,
        },
      ];
    if (rules.hosts.some((pattern) => matchesHost(pattern, host))) return [];
    return [
      {
        rule: "/capabilities/remoteServers/hosts",
        subject,
        reason: `it ${via} ${url}: host ${host} is not in the allowed hosts (${listed(rules.hosts)})`,
      },
    ];
  });
}

function appViolations(report: CapabilityReport, policy: Policy): PolicyViolation[] {
  const rules = policy.capabilities?.apps;
  if (rules === undefined) return [];
  return report.apps.flatMap((app): PolicyViolation[] => {
    const subject = `app ${app.key}`;
    if (rules.allowed === false)
      return [
        {
          rule: "/capabilities/apps/allowed",
          subject,
          reason: `app connectors are not allowed: it connects ${app.id}`,
        },
      ];
    if (rules.ids !== undefined && !rules.ids.some((pattern) => matchesName(pattern, app.id)))
      return [
        {
          rule: "/capabilities/apps/ids",
          subject,
          reason: `connector ${app.id} is not in the allowed ids (${listed(rules.ids)})`,
        },
      ];
    return [];
  });
}
