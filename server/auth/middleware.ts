import crypto from 'node:crypto';
import type { Context, Middleware, Next } from 'koa';
import type { AppState } from '../context';
import { ApiError } from '../http/errors';
import { actorOfUser } from '../policies/actor';
import { readSessionCookie } from './cookie';
import './request-state';
import { findSession } from './sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads the session cookie and puts the live session and its actor on ctx.state; never refuses by itself. */
export function authenticate(state: AppState): Middleware {
  return async function loadSession(ctx: Context, next: Next) {
    const token = readSessionCookie(ctx, state.config);
    if (token && ctx.path.startsWith('/api/')) {
      const session = await findSession(state, token);
      const actor = session ? await actorOfUser(state, session.user) : null;
      if (session && actor) {
        ctx.state.session = session;
        ctx.state.sessionToken = token;
        ctx.state.actor = actor;
      }
    }
    await next();
  };
}

const csrfRefused = () => new ApiError(403, 'csrf', 'Requête refusée : jeton de sécurité absent ou invalide. Rechargez la page.');

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * CSRF (ASVS 3.5): every state-changing /api request must come from our own origin
 * (Sec-Fetch-Site, Origin) and, once a session exists, carry its token in X-CSRF-Token. Logging in
 * is exempt from the token (it replaces the session) but not from the origin checks.
 */
export function csrfProtection(tokenExempt: readonly string[] = ['/api/auth/login']): Middleware {
  return async function checkCsrf(ctx: Context, next: Next) {
    if (SAFE_METHODS.has(ctx.method) || !ctx.path.startsWith('/api/')) return next();
    const site = ctx.get('Sec-Fetch-Site');
    if (site && site !== 'same-origin' && site !== 'none') throw csrfRefused();
    const origin = ctx.get('Origin');
    // Koa's ctx.origin echoes the Origin header: compare with our own scheme and host instead.
    if (origin && origin !== `${ctx.protocol}://${ctx.host}`) throw csrfRefused();
    const session = ctx.state.session;
    if (session && !tokenExempt.includes(ctx.path) && !sameToken(ctx.get('X-CSRF-Token'), session.csrfToken)) throw csrfRefused();
    await next();
  };
}
