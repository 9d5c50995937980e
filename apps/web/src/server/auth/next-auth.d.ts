import 'next-auth';
import 'next-auth/jwt';

// What our callbacks put into the JWT and the session (see auth-options.ts).
declare module 'next-auth' {
  interface Session {
    user: {
      id: string;
      sessionVersion: number;
      email: string;
      name: string;
      isPlatformAdmin: boolean;
    };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid: string;
    /** users.session_version at sign-in; a newer one in the database ends this session */
    sv: number;
    isPlatformAdmin?: boolean;
  }
}
