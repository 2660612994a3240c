/**
 * The caller's address, for rate limits and sessions: the socket's peer, unless that peer is one of
 * the proxies named in JUNCTION_TRUSTED_PROXIES (addresses or CIDR ranges) — then X-Forwarded-For
 * is read from the right, skipping trusted proxies, and the first other address is the client.
 * A header a client sets itself is never believed on its own.
 */
import { BlockList, isIP } from "node:net";
import type { IncomingMessage } from "node:http";

/** the header the web server sets (over any a client sent) for the app behind it */
export const CLIENT_ADDRESS_HEADER = "x-junction-client-address";

const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

export function trustedProxies(value = process.env.JUNCTION_TRUSTED_PROXIES ?? ""): BlockList {
  const list = new BlockList();
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const [address, bits] = entry.split("/");
    const family = isIP(address!);
    if (!family) throw new Error(`JUNCTION_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return list;
}

const isTrusted = (list: BlockList, address: string) => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
};

export function clientAddress(req: Pick<IncomingMessage, "socket" | "headers">, trusted: BlockList): string {
  let address = plain(req.socket.remoteAddress ?? "");
  if (!isTrusted(trusted, address)) return address;
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map(plain)
    .filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) {
    address = forwarded[i]!;
    if (!isIP(address)) return address;
    if (!isTrusted(trusted, address)) return address;
  }
  return address;
}
