/**
 * `--config sync="every 1 week on monday at 09:00 Europe/Berlin"`: an interval schedule in words,
 * as the wizard offers it (docs/integration-definition.md, "Schedules"). Words the phrase does not
 * take are left to the caller (a cron string, say); the server checks the result.
 */
const WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const PHRASE = new RegExp(
  `^every\\s+(?:(\\d+)\\s+)?(minute|hour|day|week|month)s?` +
    `(?:\\s+on\\s+(${WEEKDAY}))?(?:\\s+on\\s+(?:the\\s+)?day\\s+(\\d{1,2}))?(?:\\s+at\\s+(\\d{1,2}):(\\d{2}))?` +
    `(?:\\s+(?:in\\s+)?([A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*))?$`,
  "i",
);

export function parseSchedulePhrase(text: string): Record<string, unknown> | null {
  const m = PHRASE.exec(text.trim().replace(/\s+/g, " "));
  if (!m) return null;
  const [, every, unit, weekday, day, hour, minute, timezone] = m;
  return {
    every: every ? Number(every) : 1,
    unit: `${unit!.toLowerCase()}s`,
    ...(weekday ? { weekday: weekday.toLowerCase() } : {}),
    ...(day ? { dayOfMonth: Number(day) } : {}),
    ...(hour ? { at: `${hour.padStart(2, "0")}:${minute}` } : {}),
    ...(timezone ? { timezone } : {}),
  };
}
