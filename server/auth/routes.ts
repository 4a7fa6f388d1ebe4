import Router from '@koa/router';
import type { Context } from 'koa';
import type { AppState } from '../context';
import { validateBody, inputOf } from '../http/validate';
import { allow, currentActor, publicRoute, signedIn } from '../policies/middleware';
import { loadActor, type Actor } from '../policies/actor';
import type { Subject } from '../policies/rules';
import { audit } from '../audit/log';
import { clearSessionCookie, setSessionCookie } from './cookie';
import { logIn } from './login';
import { confirmEnrolment, resetSecondFactor, startEnrolment, verifySecondFactor } from './mfa';
import { presentMe } from './presenter';
import { CodeSchema, LoginSchema, type CodeRequest, type LoginRequest } from './schema';
import { closeSession, type OpenedSession } from './sessions';

/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, the second factor
 * (POST /api/auth/mfa/enrolment, /enrolment/confirm, /verify) and its reset by a platform administrator.
 */
export function authRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api/auth' });

  /** Sets the cookie of a session just opened and answers who it is for. */
  async function answerOpened(ctx: Context, opened: OpenedSession) {
    setSessionCookie(ctx, state.config, opened.token);
    const actor = await loadActor(state, opened.session.userId);
    ctx.body = await presentMe(state, actor!, opened.session.csrfToken, opened.session.mfaPending ?? null);
  }

  router.post('/login', publicRoute(), validateBody(LoginSchema), async function login(ctx) {
    const { email, password } = inputOf<LoginRequest>(ctx);
    // The session presented with the login request, if any, ends here: the new one has a new id.
    if (ctx.state.sessionToken) await closeSession(state, ctx.state.sessionToken);
    await answerOpened(ctx, await logIn(state, email, password, ctx.ip));
  });

  router.post('/logout', publicRoute(), async function logout(ctx) {
    const actor = ctx.state.actor;
    if (ctx.state.sessionToken) await closeSession(state, ctx.state.sessionToken);
    if (actor) await audit(state, { actor, action: 'auth.logout', objectType: 'user', objectId: actor.id });
    clearSessionCookie(ctx, state.config);
    ctx.status = 204;
  });

  // Reachable before the second factor: the ui learns from `mfa` which step to show.
  router.get('/me', signedIn(), async function me(ctx) {
    const session = ctx.state.session!;
    ctx.body = await presentMe(state, ctx.state.actor as Actor, session.csrfToken, session.mfaPending);
  });

  router.post('/mfa/enrolment', signedIn(), async function enrolment(ctx) {
    ctx.body = await startEnrolment(state, ctx.state.session!);
  });

  router.post('/mfa/enrolment/confirm', signedIn(), validateBody(CodeSchema), async function confirm(ctx) {
    const { code } = inputOf<CodeRequest>(ctx);
    await answerOpened(ctx, await confirmEnrolment(state, ctx.state.sessionToken!, ctx.state.session!, code, ctx.ip));
  });

  router.post('/mfa/verify', signedIn(), validateBody(CodeSchema), async function verify(ctx) {
    const { code } = inputOf<CodeRequest>(ctx);
    await answerOpened(ctx, await verifySecondFactor(state, ctx.state.sessionToken!, ctx.state.session!, code, ctx.ip));
  });

  async function loadUser(ctx: Context): Promise<Subject | null> {
    const id = Number(ctx.params.id);
    const user = Number.isSafeInteger(id) && id > 0 ? await state.models.User.findByPk(id) : null;
    return user ? { type: 'user', id: user.id, organisationId: user.organisationId, role: user.role } : null;
  }

  router.delete('/users/:id/second-factor', allow('user.mfa.reset', loadUser), async function reset(ctx) {
    await resetSecondFactor(state, currentActor(ctx), Number(ctx.params.id));
    ctx.status = 204;
  });

  return router;
}
