/** The little of semver the registry needs: parse, order, and pick the version a pin means. */

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  raw: string;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function parseSemver(v: string): SemVer | undefined {
  const m = SEMVER.exec(v);
  if (!m) return undefined;
  return { major: +m[1], minor: +m[2], patch: +m[3], prerelease: m[4] ? m[4].split(".") : [], raw: v };
}

export function compareSemver(a: SemVer, b: SemVer): number {
  const d = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (d) return d;
  // a release sorts after its prereleases
  if (!a.prerelease.length || !b.prerelease.length) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** a pin is an exact version, a major ("1"), a major.minor ("1.2"), or empty/"latest" */
export function isValidPin(pin: string | undefined): boolean {
  return pin === undefined || pin === "" || pin === "latest" || /^\d+(\.\d+)?$/.test(pin) || parseSemver(pin) !== undefined;
}

export function satisfiesPin(version: SemVer, pin: string | undefined): boolean {
  if (pin === undefined || pin === "" || pin === "latest") return true;
  if (parseSemver(pin)) return version.raw === pin;
  const [major, minor] = pin.split(".").map(Number);
  return version.major === major && (minor === undefined || version.minor === minor);
}

/**
 * The highest version matching every pin. Releases win over prereleases; a prerelease is picked
 * only when pinned exactly or when nothing else matches.
 */
export function pickVersion(versions: string[], pins: (string | undefined)[] = [undefined]): string | undefined {
  const matching = versions
    .map(parseSemver)
    .filter((v): v is SemVer => v !== undefined && pins.every((p) => satisfiesPin(v, p)))
    .sort(compareSemver);
  const releases = matching.filter((v) => v.prerelease.length === 0);
  return (releases.at(-1) ?? matching.at(-1))?.raw;
}
