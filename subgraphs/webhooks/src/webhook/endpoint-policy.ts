import { BadUserInputError, config } from "@partnergraph/kit";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Where a webhook may point. In production: HTTPS only, and never an address inside this network (SSRF):
 * loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast or reserved. The check runs
 * when a webhook is created and again on every attempt, on every address the name resolves to; the attempt
 * then connects to an address that passed (a name that changes its answer in between gains nothing).
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  INTERNAL.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  INTERNAL.addSubnet(network, prefix, "ipv6");

/** Whether an IP address is inside a private, loopback, link-local or reserved range. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return INTERNAL.check(address, "ipv4");
  if (family !== 6) return true;
  // IPv4 written as IPv6 (::ffff:127.0.0.1) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return INTERNAL.check(mapped[1], "ipv4");
  return INTERNAL.check(address, "ipv6");
}

const production = () => config().nodeEnv === "production";

/** The URL's form: HTTPS (or HTTP outside production), no credentials in it. */
export function parseEndpoint(raw: string, field = "url"): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new BadUserInputError(field, "url must be an absolute URL such as https://example.com/hooks");
  }
  const allowed = production() ? ["https:"] : ["https:", "http:"];
  if (!allowed.includes(url.protocol))
    throw new BadUserInputError(field, production() ? "url must use https" : "url must use https or http");
  if (url.username || url.password) throw new BadUserInputError(field, "url must not carry credentials");
  return url;
}

export class RefusedAddressError extends Error {}

/**
 * The addresses to connect to for `hostname`, each checked: in production one internal address refuses them
 * all (a name resolving to both a public and an internal address is refused).
 */
export async function resolveEndpoint(hostname: string): Promise<{ address: string; family: number }[]> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await lookup(bare, { all: true });
  if (!addresses.length) throw new RefusedAddressError(`${hostname} resolves to no address`);
  if (production()) {
    const internal = addresses.find((entry) => isInternalAddress(entry.address));
    if (internal) throw new RefusedAddressError(`${hostname} resolves to an internal address (${internal.address})`);
  }
  return addresses;
}

/** Creation: the URL's form, then its addresses (a name that does not resolve is refused, naming the field). */
export async function checkEndpoint(raw: string, field = "url"): Promise<URL> {
  const url = parseEndpoint(raw, field);
  try {
    await resolveEndpoint(url.hostname);
  } catch (error) {
    if (error instanceof RefusedAddressError)
      throw new BadUserInputError(field, `url is not allowed: ${error.message}`);
    throw new BadUserInputError(field, `url's host ${url.hostname} does not resolve`);
  }
  return url;
}
