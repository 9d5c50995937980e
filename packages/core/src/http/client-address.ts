import { BlockList, isIP } from 'node:net';

/** The proxies whose `X-Forwarded-For` we believe (REWIND_TRUSTED_PROXIES), as a matcher. */
export interface TrustedProxies {
  readonly ranges: readonly string[];
  has(address: string): boolean;
}

function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/**
 * `REWIND_TRUSTED_PROXIES`: comma-separated addresses or CIDR ranges of the reverse proxies
 * in front of the web app; empty (the default) trusts no forwarded header at all.
 */
export function parseTrustedProxies(value: string): TrustedProxies {
  const list = new BlockList();
  const ranges = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const range of ranges) {
    const [address = '', prefix, extra] = range.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const n = prefix === undefined ? bits : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (family === 0 || extra !== undefined || !(n >= 0 && n <= bits)) {
      throw new Error(
        `REWIND_TRUSTED_PROXIES: '${range}' is not an IP address or CIDR range (e.g. 10.0.0.0/8, fd00::/8)`,
      );
    }
    list.addSubnet(address, n, family === 4 ? 'ipv4' : 'ipv6');
  }
  return {
    ranges,
    has(address) {
      const a = unmapped(address);
      const family = isIP(a);
      return family !== 0 && list.check(a, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * The client's address for the audit trail. The socket peer is the truth unless it is one of
 * our trusted proxies; then `X-Forwarded-For` is read from the right (each proxy appends the
 * address it saw), skipping trusted hops, and the first address no trusted proxy vouches for
 * is the client. Entries left of that were written by the client and are never believed.
 */
export function clientAddress(
  input: { peer: string | null; forwardedFor: string | null },
  trusted: TrustedProxies,
): string | null {
  if (!input.peer) return null;
  let client = unmapped(input.peer);
  if (!trusted.has(client)) return client;
  const hops = (input.forwardedFor ?? '')
    .split(',')
    .map((s) => unmapped(s.trim()))
    .filter((s) => s !== '');
  for (const hop of hops.reverse()) {
    if (isIP(hop) === 0) break; // garbage can only come from the client side of the chain
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}
