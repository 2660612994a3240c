/**
 * Refuses connections to private, loopback, link-local and other non-public addresses, checked on
 * the RESOLVED address (IPv6 and IPv4 embedded in IPv6 included), unless the policy allows them.
 * Callers connect to the address returned here, so a DNS answer cannot change between check and use.
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import type { NetworkPolicy } from "../limits";

export class NetworkPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NetworkPolicyError";
  }
}

const nonPublic = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  nonPublic.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["100::", 64],
  ["2001::", 32],
  ["2001:db8::", 32],
  ["64:ff9b:1::", 48],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  nonPublic.addSubnet(net, prefix, "ipv6");

/** true for addresses no action should reach by default */
export function isNonPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return nonPublic.check(ip, "ipv4");
  if (family !== 6) return true;
  const embedded = embeddedIPv4(ip);
  if (embedded) return isNonPublicAddress(embedded);
  return nonPublic.check(ip, "ipv6");
}

/** the IPv4 address inside IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 addresses */
function embeddedIPv4(ip: string): string | undefined {
  const g = ipv6Groups(ip);
  if (!g) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && (g[5] === 0xffff || g[5] === 0)) return v4(g[6], g[7]); // ::ffff:a.b.c.d, ::a.b.c.d (and ::, ::1)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4(g[6], g[7]); // NAT64
  if (g[0] === 0x2002) return v4(g[1], g[2]); // 6to4
  return undefined;
}

function ipv6Groups(ip: string): number[] | undefined {
  let s = ip.toLowerCase().replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split(".").map(Number);
    s = `${s.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const fill = s.includes("::") ? 8 - h.length - t.length : 0;
  const groups = [...h, ...Array(fill).fill("0"), ...t].map((x) => parseInt(x, 16));
  return groups.length === 8 && groups.every((x) => x >= 0 && x <= 0xffff) ? groups : undefined;
}

/** host names (`api.example.com`, `*.example.com`), IP addresses and CIDR ranges */
function allowListed(policy: NetworkPolicy, hostname: string, address?: string): boolean {
  for (const entry of policy.allowedHosts) {
    if (entry.startsWith("*.") ? hostname.endsWith(entry.slice(1)) : entry === hostname) return true;
    if (!address) continue;
    const [net, bits] = entry.split("/");
    const family = isIP(net);
    if (!family || isIP(address) !== family) continue;
    const list = new BlockList();
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(net, type);
    else list.addSubnet(net, Number(bits), type);
    if (list.check(address, type)) return true;
  }
  return false;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves `hostname` and checks every address it has; answers the one to connect to. */
export async function resolveAllowedAddress(hostname: string, policy: NetworkPolicy): Promise<ResolvedAddress> {
  const host = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const literal = isIP(host);
  const addresses: ResolvedAddress[] = literal
    ? [{ address: host, family: literal as 4 | 6 }]
    : (await lookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
  if (addresses.length === 0) throw new NetworkPolicyError(`${hostname} did not resolve to any address`);
  if (policy.allowPrivateNetwork || allowListed(policy, host)) return addresses[0];
  for (const { address } of addresses) {
    if (isNonPublicAddress(address) && !allowListed(policy, host, address)) {
      throw new NetworkPolicyError(
        `Refused to connect to ${hostname} (${address}): private, loopback and link-local addresses are blocked ` +
          "(set JUNCTION_ALLOW_PRIVATE_NETWORK=true or list the host in JUNCTION_ALLOWED_HOSTS)",
      );
    }
  }
  return addresses[0];
}
