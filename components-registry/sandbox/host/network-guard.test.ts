import { describe, expect, test } from "vitest";
import { isNonPublicAddress, resolveAllowedAddress } from "./network-guard";

const policy = {
  allowPrivateNetwork: false,
  allowedHosts: [] as string[],
  fetchMaxBytes: 1,
  fetchTimeoutMs: 1,
  hostConcurrency: 1,
  inflightBytes: 1,
  sftpMaxBytes: 1,
  sftpMaxListEntries: 1,
  maxConnectionsPerExecution: 8,
};

describe("network guard", () => {
  test.each([
    "127.0.0.1",
    "127.9.9.9",
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "fe80::1",
    "fd00::1",
    "fc12::3",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "::127.0.0.1",
    "64:ff9b::a00:1",
    "2002:7f00:1::",
    "2001:db8::1",
  ])("%s is not public", (ip) => expect(isNonPublicAddress(ip)).toBe(true));

  test.each(["1.1.1.1", "8.8.8.8", "172.32.0.1", "192.169.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:808:808::"])(
    "%s is public",
    (ip) => expect(isNonPublicAddress(ip)).toBe(false),
  );

  test("names are checked on what they resolve to; allow-lists take names, addresses and ranges", async () => {
    await expect(resolveAllowedAddress("localhost", policy)).rejects.toThrow(/Refused to connect to localhost/);
    await expect(resolveAllowedAddress("[::1]", policy)).rejects.toThrow(/Refused/);
    expect(await resolveAllowedAddress("127.0.0.1", { ...policy, allowPrivateNetwork: true })).toEqual({ address: "127.0.0.1", family: 4 });
    expect(await resolveAllowedAddress("127.0.0.1", { ...policy, allowedHosts: ["127.0.0.0/8"] })).toEqual({
      address: "127.0.0.1",
      family: 4,
    });
    expect(await resolveAllowedAddress("10.1.1.1", { ...policy, allowedHosts: ["10.1.1.1"] })).toMatchObject({ address: "10.1.1.1" });
    expect((await resolveAllowedAddress("localhost", { ...policy, allowedHosts: ["localhost"] })).address).toMatch(/^(127\.0\.0\.1|::1)$/);
    await expect(resolveAllowedAddress("10.1.1.2", { ...policy, allowedHosts: ["10.1.1.1"] })).rejects.toThrow(/Refused/);
  });
});
