import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth/auth-options';

export const dynamic = 'force-dynamic';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// next-auth v4's App Router handler; options are resolved per request (they need the stack env).
async function handler(req: Request, ctx: RouteContext): Promise<Response> {
  return (NextAuth(authOptions()) as (req: Request, ctx: RouteContext) => Promise<Response>)(
    req,
    ctx,
  );
}

export { handler as GET, handler as POST };
