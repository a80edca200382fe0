// hooks/command: the script a hook command runs is there, and executable.
import type { PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { checkScript, commandScripts, shellWords } from "../shared/scripts.js";
import type { Hook, HooksFile } from "./hook.js";

export function checkCommand(context: RuleContext, file: HooksFile, plugin: PluginModel, hook: Hook): void {
  const command = hook.value.command;
  if (hook.value.type !== "command" || typeof command !== "string") return;
  const scripts = commandScripts(shellWords(command), { root: plugin.root, from: plugin.root });
  const options = {
    root: plugin.root,
    ruleId: "hooks/command" as const,
    what: "hook command",
    consequence: `the ${hook.event} hook fails every time it runs`,
  };
  const at = [...hook.pointer, "command"];
  if (scripts.program) checkScript(context, file, at, scripts.program.script, { ...options, mustBeExecutable: true });
  if (scripts.argument)
    checkScript(context, file, at, scripts.argument.script, { ...options, mustBeExecutable: false });
}
