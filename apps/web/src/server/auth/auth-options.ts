import 'server-only';
import { safeReturnPath } from '@rewind/core';
import { endSessionsOf, findUserByEmail, sessionVersionOf } from '@rewind/db';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { Provider } from 'next-auth/providers/index';
import { z } from 'zod';
import { signInWithPassword } from '@rewind/services';
import { appDb, platformDb } from '../db';
import { env, oidcEnv } from '../env';
import { requestClientIp } from '../http/client-ip';

const credentialsSchema = z.object({ email: z.string().max(320), password: z.string().max(1024) });

function providers(): Provider[] {
  const list: Provider[] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        return signInWithPassword(
          { platform: platformDb().db, app: appDb().db },
          { ...parsed.data, ip: requestClientIp(req.headers) },
        );
      },
    }),
  ];
  const oidc = oidcEnv();
  if (oidc) {
    list.push({
      id: 'oidc',
      name: 'Single sign-on',
      type: 'oauth',
      wellKnown: `${oidc.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: oidc.OIDC_CLIENT_ID,
      clientSecret: oidc.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
      },
    });
  }
  return list;
}

let cached: NextAuthOptions | undefined;

/** Built on first use: it needs the stack env, which `next build` does not have. */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  // next-auth v4 reads its public URL from the environment; the stack only knows WEB_URL.
  process.env.NEXTAUTH_URL ??= e.WEB_URL;
  cached = {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    providers: providers(),
    callbacks: {
      // SSO never creates accounts: the identity must match a user an owner already invited.
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc') return true;
        if (!user.email) return false;
        return (await findUserByEmail(platformDb().db, user.email.toLowerCase())) !== null;
      },
      // Only paths of our own origin, after URL parsing (`/\\evil`, `/%09/evil` and friends
      // are unit-tested in @rewind/core); anything else lands on the home page.
      redirect({ url, baseUrl }) {
        return new URL(safeReturnPath(url, baseUrl), baseUrl).href;
      },
      // The session version (sv) is read at sign-in and compared on every request
      // (resolvePrincipal, page-session): bumping it in the database ends this session.
      async jwt({ token, user, account }) {
        if (!user) return token;
        if (account?.provider === 'oidc') {
          const local = await findUserByEmail(platformDb().db, (user.email ?? '').toLowerCase());
          if (!local) throw new Error('unknown user');
          const sv = await sessionVersionOf(platformDb().db, local.id);
          return {
            ...token,
            uid: local.id,
            sv: sv ?? 0,
            email: local.email,
            name: local.name,
            isPlatformAdmin: local.isPlatformAdmin,
          };
        }
        const u = user as {
          id: string;
          email?: string | null;
          name?: string | null;
          isPlatformAdmin?: boolean;
          sessionVersion?: number;
        };
        return {
          ...token,
          uid: u.id,
          sv: u.sessionVersion ?? 0,
          email: u.email ?? '',
          name: u.name ?? '',
          isPlatformAdmin: u.isPlatformAdmin === true,
        };
      },
      session({ session, token }) {
        session.user = {
          id: token.uid,
          sessionVersion: token.sv,
          email: token.email ?? '',
          name: token.name ?? '',
          isPlatformAdmin: token.isPlatformAdmin === true,
        };
        return session;
      },
    },
    events: {
      // Signing out ends every session of the person, not only this cookie: with stateless
      // JWTs the version is all there is to revoke.
      async signOut({ token }) {
        if (token?.uid) await endSessionsOf(platformDb().db, token.uid);
      },
    },
  };
  return cached;
}
