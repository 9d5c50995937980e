import 'server-only';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from '@rewind/core';
import { env } from '../env';

type HeaderSource = { get(name: string): string | null } | Record<string, unknown> | undefined;

let trusted: TrustedProxies | undefined;
let warned = false;

function read(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === 'function')
    return (headers as { get(n: string): string | null }).get(name);
  const v = (headers as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : null;
}

/**
 * The caller's address for the audit trail: the socket peer written by the preloaded hook
 * (apps/web/peer-address.cjs), or, when that peer is a proxy in REWIND_TRUSTED_PROXIES, the
 * address those proxies forwarded. Without the hook no header can be trusted: null.
 */
export function requestClientIp(headers: HeaderSource): string | null {
  const peerHeader = (globalThis as { __rewindPeerAddressHeader?: string })
    .__rewindPeerAddressHeader;
  if (!peerHeader) {
    if (!warned)
      console.warn(
        '[web] peer-address hook not loaded (NODE_OPTIONS=--require apps/web/peer-address.cjs): client IPs are not recorded',
      );
    warned = true;
    return null;
  }
  trusted ??= parseTrustedProxies(env().REWIND_TRUSTED_PROXIES);
  return clientAddress(
    { peer: read(headers, peerHeader), forwardedFor: read(headers, 'x-forwarded-for') },
    trusted,
  );
}
