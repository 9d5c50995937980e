import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './cross-site-request';

const APP = 'http://127.0.0.1:59300';
const h = (headers: Record<string, string>) => (name: string) => headers[name] ?? null;

describe('crossSiteRefusal (cookie-authenticated requests)', () => {
  it.each(['GET', 'HEAD', 'OPTIONS'])(
    '%s is never refused (safe methods change nothing)',
    (method) => {
      expect(crossSiteRefusal(method, h({ origin: 'http://evil.example' }), APP)).toBeNull();
    },
  );

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s from the own origin passes', (method) => {
    expect(
      crossSiteRefusal(method, h({ origin: APP, 'sec-fetch-site': 'same-origin' }), APP),
    ).toBeNull();
  });

  it.each([
    ['another origin', { origin: 'http://evil.example' }],
    ['same site, another port', { origin: 'http://127.0.0.1:59301' }],
    ['same host, other scheme', { origin: 'https://127.0.0.1:59300' }],
    ['opaque origin (sandboxed iframe, data: URL)', { origin: 'null' }],
    ['origin with a path appended', { origin: `${APP}.evil.example` }],
    ['no Origin, Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }],
    ['no Origin, Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin, Sec-Fetch-Site none', { 'sec-fetch-site': 'none' }],
    ['neither header', {}],
    ['own Origin but Sec-Fetch-Site cross-site', { origin: APP, 'sec-fetch-site': 'cross-site' }],
  ])('POST with %s is refused', (_label, headers) => {
    expect(crossSiteRefusal('POST', h(headers as Record<string, string>), APP)).toMatch(
      /cross-site/,
    );
  });

  it('no Origin but Sec-Fetch-Site same-origin passes (older browsers on same-origin fetch)', () => {
    expect(crossSiteRefusal('DELETE', h({ 'sec-fetch-site': 'same-origin' }), APP)).toBeNull();
  });

  it('compares origins after parsing (trailing slash and case in the configured URL)', () => {
    expect(
      crossSiteRefusal('POST', h({ origin: 'http://app.example' }), 'HTTP://App.Example/'),
    ).toBeNull();
  });
});
