/** Mirrors TENANT_COOKIE in server/api/resolve-tenant.ts (the server reads it on every API call). */
export const TENANT_COOKIE = 'rewind_tenant';

export function setTenantCookie(slug: string): void {
  document.cookie = `${TENANT_COOKIE}=${encodeURIComponent(slug)}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
}
