/**
 * The SSRF guard of webhooks: a webhook URL is typed by an admin (or an integration), and the service posts
 * to it from inside the network, so an address inside the network (private, loopback, link-local, unique
 * local, unspecified, multicast, and the rest of the special ranges) is refused unless the service runs
 * with --webhooks-allow-private (on-premises ticketing often lives on the LAN; the tests use it).
 *
 * Every address the name resolves to is checked, and the connection is then made to a checked address
 * (delivery.ts passes it as the socket's lookup): no second DNS lookup an attacker's DNS could answer
 * differently (rebinding). Checked at creation and update, and again at each delivery (DNS changes).
 * The ranges are ipaddr.js's (the library proxy-addr, and so Fastify's trust-proxy, relies on): anything
 * it does not call global `unicast` is refused, IPv4-mapped IPv6 addresses as the IPv4 address they map.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface CheckedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Why a URL's host cannot be posted to: it names no address, or an address inside the network. */
export class AddressRefusedError extends Error {
  constructor(
    readonly host: string,
    /** The refused address; null when the name did not resolve. */
    readonly address: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** The range ipaddr.js puts `address` in (`unicast` for a public address); IPv4-mapped as its IPv4 address. */
export function addressRange(address: string): string {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range();
}

/** Whether the service may post to `address` without --webhooks-allow-private. */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
}

/** The URL's host name, without an IPv6 literal's brackets. */
function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * The address to connect to for `url`: its host's addresses, each checked (unless `allowPrivate`), the first
 * one. Throws AddressRefusedError when the name does not resolve or any address is refused.
 */
export async function checkedAddress(url: URL, allowPrivate: boolean): Promise<CheckedAddress> {
  const host = hostOf(url);
  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch (error) {
      throw new AddressRefusedError(host, null, `${host} did not resolve: ${(error as Error).message}`);
    }
  }
  if (addresses.length === 0) throw new AddressRefusedError(host, null, `${host} did not resolve.`);
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const range = addressRange(address);
      if (range !== 'unicast') {
        throw new AddressRefusedError(
          host,
          address,
          `${host} resolves to ${address}, a ${range} address: webhooks post only to public addresses ` +
            'unless the service runs with --webhooks-allow-private.',
        );
      }
    }
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
