/**
 * Time zones with Intl only: date-fns formats and parses in the runtime's local zone, so a zoned
 * wall-clock time is carried in a Date whose LOCAL fields hold it.
 */

function zoneParts(instant: Date, timeZone: string): number[] {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return [get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"), instant.getUTCMilliseconds()];
}

export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new Error(`unknown time zone "${timeZone}" (use an IANA name like Europe/Berlin)`);
  }
  return timeZone;
}

/** the instant's wall-clock time in `timeZone`, as a Date whose local fields show it */
export function toZonedWallClock(instant: Date, timeZone: string): Date {
  const [y, mo, d, h, mi, s, ms] = zoneParts(instant, timeZone);
  return new Date(y, mo, d, h, mi, s, ms);
}

/** the instant at which `timeZone`'s clock shows the local fields of `wall` */
export function fromZonedWallClock(wall: Date, timeZone: string): Date {
  const asUtc = Date.UTC(
    wall.getFullYear(),
    wall.getMonth(),
    wall.getDate(),
    wall.getHours(),
    wall.getMinutes(),
    wall.getSeconds(),
    wall.getMilliseconds(),
  );
  let guess = asUtc;
  // twice: the zone's offset can differ between the first guess and the answer (DST changes)
  for (let i = 0; i < 2; i++) {
    const [y, mo, d, h, mi, s, ms] = zoneParts(new Date(guess), timeZone);
    guess += asUtc - Date.UTC(y, mo, d, h, mi, s, ms);
  }
  return new Date(guess);
}
