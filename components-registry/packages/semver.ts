/**
 * What the registry needs of semver, on the `semver` package: parse, order, and pick the version
 * a pin means. A pin is an exact version, a major ("1"), a major.minor ("1.2"), or empty/"latest".
 */
import semver from "semver";

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  raw: string;
}

export function parseSemver(v: string): SemVer | undefined {
  const p = semver.parse(v);
  return p ? { major: p.major, minor: p.minor, patch: p.patch, prerelease: p.prerelease.map(String), raw: v } : undefined;
}

export const compareSemver = (a: SemVer, b: SemVer): number => semver.compare(a.raw, b.raw);

const rangeOf = (pin: string | undefined): string =>
  pin === undefined || pin === "" || pin === "latest" ? "*" : semver.valid(pin) ? pin : `${pin}.x`;

export function isValidPin(pin: string | undefined): boolean {
  return pin === undefined || pin === "" || pin === "latest" || /^\d+(\.\d+)?$/.test(pin) || semver.valid(pin) !== null;
}

export function satisfiesPin(version: SemVer, pin: string | undefined): boolean {
  return semver.satisfies(version.raw, rangeOf(pin), { includePrerelease: semver.valid(pin ?? "") !== null });
}

/**
 * The highest version matching every pin. Releases win over prereleases; a prerelease is picked
 * only when pinned exactly or when nothing else matches.
 */
export function pickVersion(versions: string[], pins: (string | undefined)[] = [undefined]): string | undefined {
  const matching = versions
    .map(parseSemver)
    .filter(
      (v): v is SemVer =>
        v !== undefined && pins.every((p) => satisfiesPin(v, p) || (parseSemver(p ?? "") === undefined && prereleaseOfPin(v, p))),
    )
    .sort(compareSemver);
  const releases = matching.filter((v) => v.prerelease.length === 0);
  return (releases.at(-1) ?? matching.at(-1))?.raw;
}

/** `1` also matches `1.3.0-beta.1` when no release of 1.x exists (semver ranges exclude it). */
function prereleaseOfPin(v: SemVer, pin: string | undefined): boolean {
  if (v.prerelease.length === 0) return false;
  return semver.satisfies(`${v.major}.${v.minor}.${v.patch}`, rangeOf(pin));
}
