/**
 * The SSRF guard's rule: which addresses a webhook may be posted to without --webhooks-allow-private
 * (public unicast only), IPv4 and IPv6, an IPv4-mapped IPv6 address judged as the IPv4 address it maps.
 */
import { describe, expect, it } from 'vitest';
import { AddressRefusedError, checkedAddress, isPublicAddress } from '../../server/webhooks/address-guard';

const REFUSED = [
  ['127.0.0.1', 'loopback'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['192.168.1.10', 'private'],
  ['169.254.169.254', 'link-local (cloud metadata)'],
  ['0.0.0.0', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'link-local'],
  ['fd00::1', 'unique local'],
  ['fc00::1', 'unique local'],
  ['ff02::1', 'multicast'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'],
] as const;

const ALLOWED = ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'];

describe('the SSRF guard', () => {
  it.each(REFUSED)('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(ALLOWED)('allows the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('checks every address a name resolves to, and answers one it checked', async () => {
    const refused = await checkedAddress(new URL('http://localhost:8080/hooks'), false).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AddressRefusedError);
    expect((refused as AddressRefusedError).address).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await checkedAddress(new URL('http://[::1]:8080/'), true)).toEqual({ address: '::1', family: 6 });
    expect(await checkedAddress(new URL('http://203.0.113.9/'), true)).toEqual({
      address: '203.0.113.9',
      family: 4,
    });
  });

  it('refuses a name that does not resolve', async () => {
    const refused = await checkedAddress(new URL('http://no-such-host.invalid/'), true).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ host: 'no-such-host.invalid', address: null });
  });
});
