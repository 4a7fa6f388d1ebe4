import type Router from '@koa/router';
import { authRoutes } from './auth/routes';
import type { AppState } from './context';
import { healthRoutes } from './health/routes';

/**
 * Every capability's router, in mounting order. Each route declares its policy with
 * `allow(action, loader)` or `publicRoute()` (server/policies): the access-matrix test fails on a
 * route that declares neither.
 */
export function capabilityRouters(state: AppState): Router[] {
  return [healthRoutes(state), authRoutes(state)];
}

/** Paths whose request body the route reads itself (bigger limits, zip or multipart). */
export const OWN_BODY_PATHS: RegExp[] = [/^\/api\/forms\/packages$/];
