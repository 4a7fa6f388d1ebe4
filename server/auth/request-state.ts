import type { LiveSession } from './sessions';
import type { Actor } from '../policies/actor';

/** What the authentication middleware leaves on `ctx.state` for routes and policies. */
declare module 'koa' {
  interface DefaultState {
    actor?: Actor;
    session?: LiveSession;
    /** The cookie value of the current session (only its hash is stored). */
    sessionToken?: string;
    subject?: unknown;
  }
}

export {};
