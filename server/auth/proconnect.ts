import crypto from 'node:crypto';
import { Op } from 'sequelize';
import type * as OidcClient from 'openid-client';
import type * as Jose from 'jose';
import type { ProConnectConfig } from '../config';
import type { AppState } from '../context';
import type { Role, User } from '../db/models';
import { audit } from '../audit/log';
import { pendingSecondFactor } from './mfa';
import { hashToken, openSession, purgeExpiredSessions, type OpenedSession } from './sessions';
import { isLocked, recordAttempt, recordSuccess, refuseThrottledAddress } from './throttle';

// Both packages are ESM-only; Node ≥ 20.19 require()s them. Loaded on first use, so that a server
// (or a test) without ProConnect never loads them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oidc = (): typeof OidcClient => require('openid-client');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jose = (): typeof Jose => require('jose');

/**
 * Accounts that may sign in through ProConnect (docs/decisions/0505-proconnect.md): the State's
 * agents. Matched on the e-mail the identity provider verified, to an existing account; never
 * created, never matched on `sub`.
 */
export const PROCONNECT_ROLES: readonly Role[] = ['DHUP', 'PREFECTURE', 'ER_EDITOR'];
/** An authorization request must come back within ten minutes. */
export const REQUEST_LIFETIME_MS = 10 * 60 * 1000;
/** ProConnect signs with these (its FS documentation); anything else, `none` first, is refused. */
const ALGORITHMS = ['RS256', 'ES256'];
const SCOPES = 'openid email given_name usual_name';

/** Why a callback was refused: logged and audited, never shown in detail to the user. */
export class ProConnectRefused extends Error {}

interface Provider {
  configuration: OidcClient.Configuration;
  jwks: ReturnType<typeof Jose.createRemoteJWKSet>;
}

const providers = new WeakMap<ProConnectConfig, Promise<Provider>>();

/** Discovery, once per configuration (a failed discovery is retried at the next login). */
function provider(config: ProConnectConfig, production: boolean): Promise<Provider> {
  let found = providers.get(config);
  if (!found) {
    const client = oidc();
    const issuer = new URL(config.issuer);
    // Plain http only for a local provider outside production (the tests' fake OP).
    const insecure = issuer.protocol === 'http:' && !production ? [client.allowInsecureRequests] : [];
    found = client.discovery(issuer, config.clientId, config.clientSecret, undefined, { execute: insecure }).then((configuration) => {
      const jwksUri = configuration.serverMetadata().jwks_uri;
      if (!jwksUri) throw new ProConnectRefused('no jwks_uri in the discovery document');
      return { configuration, jwks: jose().createRemoteJWKSet(new URL(jwksUri)) };
    });
    found.catch(() => providers.delete(config));
    providers.set(config, found);
  }
  return found;
}

const randomToken = () => crypto.randomBytes(32).toString('base64url');
export const redirectUri = (state: AppState) => `${state.config.publicUrl}/api/auth/proconnect/callback`;

function settings(state: AppState): ProConnectConfig {
  if (!state.config.proConnect) throw new ProConnectRefused('ProConnect is not configured');
  return state.config.proConnect;
}

/**
 * Starts a login: state and nonce (43 characters each, ProConnect asks for ≥ 32) and a PKCE
 * verifier, stored under the state's hash with the hash of a browser-binding value that goes
 * into a cookie. Answers the authorization URL and that value.
 * Anyone may call it and it writes a row: each start is a login attempt of its address, refused
 * (429) over the address budget before anything is written or asked of the provider. Rows of
 * requests older than their lifetime go at each start, so the table holds at most ten minutes of
 * starts.
 */
export async function startLogin(state: AppState, address: string, now = new Date()): Promise<{ url: string; binding: string }> {
  const config = settings(state);
  await refuseThrottledAddress(state, address, now);
  await recordAttempt(state, address, null, false, now);
  const { configuration } = await provider(config, state.config.production);
  const client = oidc();
  const oidcState = randomToken();
  const nonce = randomToken();
  const binding = randomToken();
  const codeVerifier = client.randomPKCECodeVerifier();
  const { OidcLogin } = state.models;
  await OidcLogin.destroy({ where: { createdAt: { [Op.lt]: new Date(now.getTime() - REQUEST_LIFETIME_MS) } } });
  await OidcLogin.create({ id: hashToken(oidcState), browser: hashToken(binding), nonce, codeVerifier, createdAt: now });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri(state),
    scope: SCOPES,
    state: oidcState,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    // amr tells whether the identity provider did a second factor (ProConnect documentation).
    claims: JSON.stringify({ id_token: { amr: { essential: true } } }),
  });
  return { url: url.toString(), binding };
}

export interface ProConnectIdentity {
  sub: string;
  email: string;
  amr: string[];
  idToken: string;
}

/**
 * Checks a callback: the state is known, bound to this browser, young, and used up now (deleted
 * before anything else, so it serves once); the code is exchanged with the PKCE verifier; the
 * id_token's signature (JWKS, RS256/ES256 only), issuer, audience, expiry and nonce are verified;
 * the userinfo JWT likewise, for the same subject.
 */
export async function finishLogin(
  state: AppState,
  callbackQuery: string,
  binding: string | undefined,
  now = new Date(),
): Promise<ProConnectIdentity> {
  const config = settings(state);
  const { configuration, jwks } = await provider(config, state.config.production);
  const params = new URLSearchParams(callbackQuery);
  const oidcState = params.get('state') ?? '';
  if (params.get('error')) throw new ProConnectRefused(`provider error: ${params.get('error')}`);
  if (oidcState.length < 32) throw new ProConnectRefused('missing or short state');
  const { OidcLogin } = state.models;
  const request = await OidcLogin.findByPk(hashToken(oidcState));
  if (!request) throw new ProConnectRefused('unknown or already used state');
  // Single use: whoever deletes the row owns the callback.
  if ((await OidcLogin.destroy({ where: { id: request.id } })) !== 1) throw new ProConnectRefused('state used concurrently');
  if (!binding || hashToken(binding) !== request.browser) throw new ProConnectRefused('state bound to another browser');
  if (now.getTime() - request.createdAt.getTime() > REQUEST_LIFETIME_MS) throw new ProConnectRefused('authorization request too old');

  const client = oidc();
  const tokens = await client.authorizationCodeGrant(configuration, new URL(`${redirectUri(state)}?${callbackQuery}`), {
    pkceCodeVerifier: request.codeVerifier,
    expectedState: oidcState,
    expectedNonce: request.nonce,
    idTokenExpected: true,
  });
  const idToken = tokens.id_token;
  if (!idToken) throw new ProConnectRefused('no id_token');
  const issuer = configuration.serverMetadata().issuer;
  const { payload } = await jose().jwtVerify(idToken, jwks, {
    issuer,
    audience: config.clientId,
    algorithms: ALGORITHMS,
    currentDate: now,
  });
  if (payload.nonce !== request.nonce || typeof payload.sub !== 'string') throw new ProConnectRefused('nonce or subject mismatch');

  const userinfo = await fetchUserinfo(configuration, jwks, tokens.access_token, config.clientId, now);
  if (userinfo.sub !== payload.sub) throw new ProConnectRefused('userinfo for another subject');
  if (typeof userinfo.email !== 'string' || userinfo.email_verified === false) throw new ProConnectRefused('no verified e-mail');
  const amr = Array.isArray(payload.amr) ? payload.amr.filter((m): m is string => typeof m === 'string') : [];
  return { sub: payload.sub, email: userinfo.email.trim().toLowerCase(), amr, idToken };
}

/** ProConnect answers userinfo as a signed JWT: verified like the id_token. */
async function fetchUserinfo(
  configuration: OidcClient.Configuration,
  jwks: Provider['jwks'],
  accessToken: string,
  clientId: string,
  now: Date,
): Promise<Record<string, unknown>> {
  const endpoint = configuration.serverMetadata().userinfo_endpoint;
  if (!endpoint) throw new ProConnectRefused('no userinfo endpoint');
  const res = await fetch(endpoint, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/jwt' } });
  if (!res.ok) throw new ProConnectRefused(`userinfo answered ${res.status}`);
  const body = await res.text();
  if (!(res.headers.get('content-type') ?? '').includes('application/jwt')) throw new ProConnectRefused('userinfo is not a signed JWT');
  const { payload } = await jose().jwtVerify(body, jwks, {
    issuer: configuration.serverMetadata().issuer,
    audience: clientId,
    algorithms: ALGORITHMS,
    currentDate: now,
  });
  return payload;
}

/**
 * The account of a ProConnect identity: an existing, enabled, unlocked agent account with that
 * e-mail — or null. A login without `mfa` in `amr` leaves a privileged account at the local TOTP step.
 */
export async function openProConnectSession(
  state: AppState,
  identity: ProConnectIdentity,
  address: string,
): Promise<(OpenedSession & { user: User }) | null> {
  const user = await state.models.User.findOne({ where: { email: identity.email } });
  if (!user || user.disabled || isLocked(user) || !PROCONNECT_ROLES.includes(user.role)) {
    await audit(state, {
      actor: null,
      action: 'auth.login_failed',
      objectType: 'user',
      objectId: user?.id ?? null,
      details: { address, via: 'proconnect' },
    });
    return null;
  }
  await recordSuccess(state, user);
  await purgeExpiredSessions(state);
  const mfaPending = identity.amr.includes('mfa') ? null : pendingSecondFactor(user);
  const opened = await openSession(state, user.id, address, { mfaPending, oidcIdToken: identity.idToken });
  await audit(state, {
    actor: { id: user.id, email: user.email },
    action: 'auth.login',
    objectType: 'user',
    objectId: user.id,
    details: { address, via: 'proconnect', mfa: identity.amr.includes('mfa') },
  });
  return { ...opened, user };
}

/** Where the browser goes at logout of a ProConnect session: the OP's end_session endpoint. */
export async function endSessionUrl(state: AppState, idToken: string): Promise<string | null> {
  if (!state.config.proConnect) return null;
  const { configuration } = await provider(state.config.proConnect, state.config.production);
  if (!configuration.serverMetadata().end_session_endpoint) return null;
  return oidc()
    .buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      state: randomToken(),
      post_logout_redirect_uri: `${state.config.publicUrl}/connexion`,
    })
    .toString();
}
