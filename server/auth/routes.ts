import Router from '@koa/router';
import type { Context } from 'koa';
import type { AppState } from '../context';
import { validateBody, inputOf } from '../http/validate';
import { allow, currentActor, publicRoute, signedIn } from '../policies/middleware';
import { loadActor, type Actor } from '../policies/actor';
import type { Subject } from '../policies/rules';
import { audit } from '../audit/log';
import { clearBindingCookie, clearSessionCookie, readBindingCookie, setBindingCookie, setSessionCookie } from './cookie';
import { logIn } from './login';
import { confirmEnrolment, regenerateRecoveryCodes, resetSecondFactor, startEnrolment, verifySecondFactor } from './mfa';
import { presentMe, presentSession } from './presenter';
import { CodeSchema, LoginSchema, VerifySchema, type CodeRequest, type LoginRequest, type VerifyRequest } from './schema';
import { endSessionUrl, finishLogin, openProConnectSession, startLogin } from './proconnect';
import { closeSession, hashToken, type OpenedSession } from './sessions';
import { recordAttempt, refuseThrottledAddress } from './throttle';
import { ApiError } from '../http/errors';

/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, the second factor
 * (POST /api/auth/mfa/enrolment, /enrolment/confirm, /verify, /recovery-codes) and its reset by a
 * platform administrator.
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
    const opened = await logIn(state, email, password, ctx.ip);
    // The session presented with the login request, if any, ends once the new one (a new id) is open:
    // a mistyped password does not log the user out.
    if (ctx.state.sessionToken) await closeSession(state, ctx.state.sessionToken);
    await answerOpened(ctx, opened);
  });

  // A ProConnect session also ends at the provider: the answer then says where to send the browser.
  router.post('/logout', publicRoute(), async function logout(ctx) {
    const actor = ctx.state.actor;
    const token = ctx.state.sessionToken;
    const idToken = token ? (await state.models.Session.findByPk(hashToken(token), { attributes: ['oidcIdToken'] }))?.oidcIdToken : null;
    if (token) await closeSession(state, token);
    if (actor) await audit(state, { actor, action: 'auth.logout', objectType: 'user', objectId: actor.id });
    clearSessionCookie(ctx, state.config);
    const endSession = idToken ? await endSessionUrl(state, idToken).catch(() => null) : null;
    if (endSession) ctx.body = { endSessionUrl: endSession };
    else ctx.status = 204;
  });

  router.get('/providers', publicRoute(), async function providers(ctx) {
    ctx.body = { proConnect: Boolean(state.config.proConnect) };
  });

  // ProConnect (docs/decisions/0505): full-page redirects. Unconfigured → 404.
  router.get('/proconnect/login', publicRoute(), async function proConnectLogin(ctx) {
    if (!state.config.proConnect) return;
    await sentBackToLoginPage(state, ctx, async () => {
      const { url, binding } = await startLogin(state, ctx.ip);
      setBindingCookie(ctx, state.config, binding);
      ctx.redirect(url);
    });
  });

  router.get('/proconnect/callback', publicRoute(), async function proConnectCallback(ctx) {
    if (!state.config.proConnect) return;
    // Before the binding cookie is cleared: once the wait is over, the same callback still works.
    if (await sentBackToLoginPage(state, ctx, () => refuseThrottledAddress(state, ctx.ip))) return;
    clearBindingCookie(ctx, state.config);
    let opened: Awaited<ReturnType<typeof openProConnectSession>> = null;
    try {
      const identity = await finishLogin(state, ctx.querystring, readBindingCookie(ctx, state.config));
      opened = await openProConnectSession(state, identity, ctx.ip);
    } catch (err) {
      state.logger.warn({ reason: (err as Error).message }, 'ProConnect callback refused');
      await audit(state, { actor: null, action: 'auth.oidc_refused', objectType: 'user', objectId: null, details: { address: ctx.ip } });
    }
    if (!opened) {
      await recordAttempt(state, ctx.ip, null, false);
      ctx.redirect('/connexion?erreur=proconnect');
      return;
    }
    // A new session id, whatever session the browser had (no fixation).
    if (ctx.state.sessionToken) await closeSession(state, ctx.state.sessionToken);
    setSessionCookie(ctx, state.config, opened.token);
    ctx.redirect('/');
  });

  // Reachable before the second factor: the ui learns from `mfa` which step to show.
  router.get('/me', signedIn(), async function me(ctx) {
    const session = ctx.state.session!;
    ctx.body = await presentSession(state, ctx.state.actor as Actor, session.csrfToken, session.mfaPending);
  });

  router.post('/mfa/enrolment', signedIn(), async function enrolment(ctx) {
    ctx.body = await startEnrolment(state, ctx.state.session!);
  });

  // The recovery codes are in this answer only: the server keeps nothing but their hashes.
  router.post('/mfa/enrolment/confirm', signedIn(), validateBody(CodeSchema), async function confirm(ctx) {
    const { code } = inputOf<CodeRequest>(ctx);
    const { opened, recoveryCodes } = await confirmEnrolment(state, ctx.state.sessionToken!, ctx.state.session!, code, ctx.ip);
    await answerOpened(ctx, opened);
    ctx.body = { ...(ctx.body as object), recoveryCodes };
  });

  router.post('/mfa/verify', signedIn(), validateBody(VerifySchema), async function verify(ctx) {
    const proof = inputOf<VerifyRequest>(ctx);
    const { opened, recoveryCodesRemaining } = await verifySecondFactor(state, ctx.state.sessionToken!, ctx.state.session!, proof, ctx.ip);
    await answerOpened(ctx, opened);
    ctx.body = { ...(ctx.body as object), recoveryCodesRemaining };
  });

  // signedIn() like its neighbours, but only a complete session: currentActor() answers 403
  // mfa_required to one still waiting for its second factor, before the body is even read.
  const completeSession = async (ctx: Context, next: () => Promise<unknown>) => {
    currentActor(ctx);
    await next();
  };
  router.post('/mfa/recovery-codes', signedIn(), completeSession, validateBody(CodeSchema), async function recoveryCodes(ctx) {
    const { code } = inputOf<CodeRequest>(ctx);
    ctx.body = await regenerateRecoveryCodes(state, currentActor(ctx), code, ctx.ip);
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

/**
 * The ProConnect routes are pages the browser navigates to: a browser that gets refused (address
 * throttle) or finds the provider unreachable is sent back to the login page with a message, not
 * shown an error document. A client asking for JSON gets the usual error answer (429, 500).
 * True when the browser was sent back.
 */
async function sentBackToLoginPage(state: AppState, ctx: Context, run: () => Promise<void>): Promise<boolean> {
  try {
    await run();
    return false;
  } catch (err) {
    if (ctx.accepts('json', 'html') !== 'html') throw err;
    if (err instanceof ApiError && err.status === 429) {
      const { retryAfter } = err.details as { retryAfter: number };
      ctx.redirect(`/connexion?erreur=proconnect-attente&delai=${retryAfter}`);
      return true;
    }
    if (err instanceof ApiError) throw err;
    state.logger.warn({ reason: (err as Error).message }, 'ProConnect unreachable');
    ctx.redirect('/connexion?erreur=proconnect-indisponible');
    return true;
  }
}
