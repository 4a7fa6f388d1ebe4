import Router from '@koa/router';
import type { AppState } from '../context';
import { validateBody, inputOf } from '../http/validate';
import { allow, currentActor, publicRoute } from '../policies/middleware';
import { loadActor } from '../policies/actor';
import { audit } from '../audit/log';
import { clearSessionCookie, setSessionCookie } from './cookie';
import { logIn } from './login';
import { presentMe } from './presenter';
import { LoginSchema, type LoginRequest } from './schema';
import { closeSession } from './sessions';

/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me. */
export function authRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api/auth' });

  router.post('/login', publicRoute(), validateBody(LoginSchema), async function login(ctx) {
    const { email, password } = inputOf<LoginRequest>(ctx);
    // The session presented with the login request, if any, ends here: the new one has a new id.
    if (ctx.state.sessionToken) await closeSession(state, ctx.state.sessionToken);
    const opened = await logIn(state, email, password, ctx.ip);
    setSessionCookie(ctx, state.config, opened.token);
    const actor = await loadActor(state, opened.userId);
    ctx.body = await presentMe(state, actor!, opened.session.csrfToken);
  });

  router.post('/logout', publicRoute(), async function logout(ctx) {
    const actor = ctx.state.actor;
    if (ctx.state.sessionToken) await closeSession(state, ctx.state.sessionToken);
    if (actor) await audit(state, { actor, action: 'auth.logout', objectType: 'user', objectId: actor.id });
    clearSessionCookie(ctx, state.config);
    ctx.status = 204;
  });

  router.get('/me', allow('referential.read'), async function me(ctx) {
    ctx.body = await presentMe(state, currentActor(ctx), ctx.state.session!.csrfToken);
  });

  return router;
}
