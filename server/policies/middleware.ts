import type { Context, Middleware, Next } from 'koa';
import { forbidden, notFound, unauthenticated } from '../http/errors';
import type { Actor } from './actor';
import { can } from './can';
import { VISIBILITY, type Action, type Subject } from './rules';

/** Loads the object a route acts on, as a policy subject; null when it does not exist. */
export type SubjectLoader = (ctx: Context) => Promise<Subject | null>;

/** Marks a middleware with the policy it enforces, so the access-matrix test can prove every route has one. */
export type PolicyMiddleware = Middleware & { policy: { action: Action } | { public: true } };

export function currentActor(ctx: Context): Actor {
  const actor = ctx.state.actor as Actor | undefined;
  if (!actor) throw unauthenticated();
  return actor;
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
