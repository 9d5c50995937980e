const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for requests authenticated by the session cookie. A browser attaches the
 * cookie to any request the user's page makes, including a credentialed `no-cors` POST from
 * a same-site page on another port (SameSite=Lax does not stop that: same site, not same
 * origin). Browsers always send `Origin` on non-GET requests, and `Sec-Fetch-Site` on every
 * request, and a page cannot forge either, so an unsafe method must prove it comes from the
 * app's own origin by one of them. Neither header present means not a browser we can vouch
 * for: refused too (cookie-using scripts send `Origin`; API clients use bearer tokens).
 * Returns why it is refused, or null.
 */
export function crossSiteRefusal(
  method: string,
  header: (name: string) => string | null,
  appUrl: string,
): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const own = new URL(appUrl).origin;
  const origin = header('origin');
  const fetchSite = header('sec-fetch-site');
  if (fetchSite !== null && fetchSite !== 'same-origin') {
    return `cross-site request refused: Sec-Fetch-Site is '${fetchSite}'; state-changing calls with the session cookie must come from ${own}`;
  }
  if (origin !== null) {
    if (origin === own) return null;
    return `cross-site request refused: Origin '${origin}' is not ${own}`;
  }
  if (fetchSite === 'same-origin') return null;
  return `cross-site request refused: no Origin header; state-changing calls with the session cookie must come from ${own} (API clients: send Authorization: Bearer)`;
}
