import 'server-only';
import { parseStackEnv, type StackEnv } from '@rewind/core';
import { z } from 'zod';

let cached: StackEnv | undefined;

/**
 * The stack environment, validated on first use rather than at import: `next build`
 * evaluates route modules without a stack, and a request must never see a half-valid env.
 */
export function env(): StackEnv {
  cached ??= parseStackEnv(process.env);
  return cached;
}

const oidcSchema = z.object({
  OIDC_ISSUER: z.string().url(),
  OIDC_CLIENT_ID: z.string().min(1),
  OIDC_CLIENT_SECRET: z.string().min(1),
});
export type OidcEnv = z.infer<typeof oidcSchema>;

/** OIDC is optional: enabled only when all three variables are set (a partial set is a mistake). */
export function oidcEnv(): OidcEnv | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = process.env;
  if (!OIDC_ISSUER && !OIDC_CLIENT_ID && !OIDC_CLIENT_SECRET) return null;
  const parsed = oidcSchema.safeParse({ OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET });
  if (!parsed.success) {
    throw new Error(
      `OIDC is half-configured: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together`,
    );
  }
  return parsed.data;
}
