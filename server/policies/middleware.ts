import type { Context, Middleware, Next } from 'koa';
import { ApiError, forbidden, notFound, unauthenticated } from '../http/errors';
import type { Actor } from './actor';
import { can } from './can';
import { VISIBILITY, type Action, type Subject } from './rules';

/** Loads the object a route acts on, as a policy subject; null when it does not exist. */
export type SubjectLoader = (ctx: Context) => Promise<Subject | null>;

/** Marks a middleware with the policy it enforces, so the access-matrix test can prove every route has one. */
export type PolicyMiddleware = Middleware & { policy: { action: Action } | { public: true } | { signedIn: true } };

export const mfaRequired = () =>
  new ApiError(403, 'mfa_required', 'Double authentification requise : saisissez le code de votre application d’authentification.');

/** The actor of a complete session: none → 401; password accepted but second factor missing → 403 mfa_required. */
export function currentActor(ctx: Context): Actor {
  const actor = ctx.state.actor as Actor | undefined;
  if (!actor) throw unauthenticated();
  if (ctx.state.session?.mfaPending) throw mfaRequired();
  return actor;
}

/**
 * Declares a route reachable by any session, including one still waiting for its second factor:
 * the session information and the second-factor steps themselves.
 */
export function signedIn(): PolicyMiddleware {
  const middleware = (async (ctx: Context, next: Next) => {
    if (!ctx.state.actor) throw unauthenticated();
    await next();
  }) as PolicyMiddleware;
  middleware.policy = { signedIn: true };
  return middleware;
}

/**
 * The route declares its action: `allow('statement.read', loadStatement)`. No session → 401;
 * unknown object → 404; an object the actor may not even see → 404 (no enumeration); visible but
 * not allowed → 403. The loaded subject is left in `ctx.state.subject`.
 */
export function allow(action: Action, load?: SubjectLoader): PolicyMiddleware {
  const middleware = async function authorize(ctx: Context, next: Next) {
    const actor = currentActor(ctx);
    const subject = load ? await load(ctx) : ({ type: 'none' } as const);
    if (!subject) throw notFound();
    if (!can(actor, action, subject)) {
      const visibility = load ? (VISIBILITY[action] ?? action) : undefined;
      if (visibility === undefined || visibility === action || !can(actor, visibility, subject)) {
        throw load ? notFound() : forbidden();
      }
      throw forbidden();
    }
    ctx.state.subject = subject;
    await next();
  } as PolicyMiddleware;
  middleware.policy = { action };
  return middleware;
}

/** Declares a route reachable without a session (login, health, the OpenAPI document). */
export function publicRoute(): PolicyMiddleware {
  const middleware = (async (_ctx: Context, next: Next) => next()) as PolicyMiddleware;
  middleware.policy = { public: true };
  return middleware;
}
