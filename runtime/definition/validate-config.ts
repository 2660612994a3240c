/** Config variable defaults, schedules and execution settings. */
import { Cron } from "croner";
import { XMLValidator } from "fast-xml-parser";
import type { ConnectionManifestLookup } from "./component-catalog";
import type { Report } from "./errors";
import type { PathSegment } from "./reference";
import type { Definition, FixedSchedule } from "./schema";
import type { ConfigVarEntry } from "./validate-keys";
import { intervalProblems } from "../scheduler/calendar";

const DATE = /^(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])\/\d{4}$/;
const TIMESTAMP = /^(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])\/\d{4}, (0[1-9]|1[0-2]):[0-5]\d (AM|PM)$/;

function checkSchedule(schedule: FixedSchedule, path: PathSegment[], report: Report): void {
  if (!("cron" in schedule)) {
    for (const p of intervalProblems(schedule)) report([...path, p.field], p.message);
    return;
  }
  const fields = schedule.cron.trim().split(/\s+/);
  if (fields.length !== 5) {
    report([...path, "cron"], `a cron string has 5 fields (minute hour day month weekday), got ${fields.length}`);
  } else {
    try {
      new Cron(schedule.cron, { paused: true });
    } catch (error) {
      report([...path, "cron"], (error as Error).message.replace(/^CronPattern: /, "invalid cron string: "));
    }
  }
  if (schedule.timezone !== undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: schedule.timezone });
    } catch {
      report([...path, "timezone"], `unknown time zone "${schedule.timezone}"`);
    }
  }
}

export function checkConfigVars(vars: Map<string, ConfigVarEntry>, report: Report): void {
  for (const { configVar, path } of vars.values()) {
    const at = [...path, "default"];
    switch (configVar.type) {
      case "picklist":
        if (configVar.default !== undefined && !configVar.options.includes(configVar.default)) {
          report(at, `"${configVar.default}" is not one of the options (${configVar.options.join(", ")})`);
        }
        configVar.options.forEach((option, i) => {
          if (configVar.options.indexOf(option) < i) report([...path, "options", i], `option "${option}" is listed twice`);
        });
        break;
      case "date":
        if (configVar.default !== undefined && !DATE.test(configVar.default)) report(at, "a date is mm/dd/yyyy");
        break;
      case "timestamp":
        if (configVar.default !== undefined && !TIMESTAMP.test(configVar.default)) {
          report(at, 'a timestamp is "mm/dd/yyyy, HH:MM AM" (or PM)');
        }
        break;
      case "code":
        if (configVar.default === undefined) break;
        if (configVar.language === "json") {
          try {
            JSON.parse(configVar.default);
          } catch (error) {
            report(at, `not valid JSON: ${(error as Error).message}`);
          }
        } else if (configVar.language === "xml") {
          const result = XMLValidator.validate(configVar.default);
          if (result !== true) report(at, `not valid XML: ${result.err.msg} (line ${result.err.line} of the value)`);
        }
        break;
      case "schedule":
        if (configVar.default !== undefined) checkSchedule(configVar.default, at, report);
        break;
    }
  }
}

/** A connection config variable's component must be installed (at its pinned version) and declare that connection. */
export function checkConnectionVars(
  definition: Definition,
  vars: Map<string, ConfigVarEntry>,
  connections: ConnectionManifestLookup,
  report: Report,
): void {
  for (const { configVar, path } of vars.values()) {
    if (configVar.type !== "credential" || !configVar.connection) continue;
    const { component, key } = configVar.connection;
    const version = definition.componentVersions?.[component];
    if (!connections(component, key, version)) {
      const at = version === undefined ? "" : ` (version ${version})`;
      report([...path, "connection"], `component "${component}"${at} is not installed with a connection "${key}"`);
    }
  }
}

export function checkFlowSettings(definition: Definition, vars: Map<string, ConfigVarEntry>, report: Report): void {
  definition.flows.forEach((flow, f) => {
    const trigger = flow.trigger;
    if (trigger.type === "schedule") {
      const path: PathSegment[] = ["flows", f, "trigger", "schedule"];
      if ("configVar" in trigger.schedule) {
        const entry = vars.get(trigger.schedule.configVar);
        if (!entry) report([...path, "configVar"], `unknown config variable "${trigger.schedule.configVar}"`);
        else if (entry.configVar.type !== "schedule") {
          report([...path, "configVar"], `config variable "${entry.configVar.key}" is a ${entry.configVar.type}, not a schedule`);
        }
      } else {
        checkSchedule(trigger.schedule, path, report);
      }
      if (flow.execution?.synchronous) {
        report(["flows", f, "execution", "synchronous"], "only webhook flows run synchronously");
      }
    }
  });
}
