import { expect, test } from "vitest";
import { compareSemver, isValidPin, parseSemver, pickVersion } from "./semver";

const versions = ["1.0.0", "1.10.0", "1.2.3", "2.0.0-rc.1", "2.0.0-beta.2", "0.9.0"];

test("picks exact, major, major.minor and latest; releases over prereleases", () => {
  expect(pickVersion(versions)).toBe("1.10.0");
  expect(pickVersion(versions, ["1"])).toBe("1.10.0");
  expect(pickVersion(versions, ["1.2"])).toBe("1.2.3");
  expect(pickVersion(versions, ["1.2.3"])).toBe("1.2.3");
  expect(pickVersion(versions, ["2"])).toBe("2.0.0-rc.1");
  expect(pickVersion(versions, ["3"])).toBeUndefined();
  expect(pickVersion(versions, ["1", "1.0.0"])).toBe("1.0.0");
  expect(pickVersion([], [undefined])).toBeUndefined();
});

test("orders prereleases as semver does", () => {
  const sorted = ["1.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-alpha.beta", "1.0.0-beta.11", "1.0.0-beta.2", "1.0.0-rc.1"]
    .map((v) => parseSemver(v)!)
    .sort(compareSemver)
    .map((v) => v.raw);
  expect(sorted).toEqual([
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.beta",
    "1.0.0-beta",
    "1.0.0-beta.2",
    "1.0.0-beta.11",
    "1.0.0-rc.1",
    "1.0.0",
  ]);
});

test("valid pins", () => {
  expect([undefined, "", "latest", "1", "1.2", "1.2.3", "1.2.3-rc.1"].every(isValidPin)).toBe(true);
  expect(["v1", "^1.2.0", "1.x", "01.2.3"].some(isValidPin)).toBe(false);
});
