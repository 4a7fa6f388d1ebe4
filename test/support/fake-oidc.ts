/**
 * A small OpenID provider for the ProConnect tests, on a random local port: discovery, JWKS,
 * authorize (no login page: it signs in `nextUser` at once), token (client secret, PKCE), userinfo
 * (a signed JWT, as ProConnect answers) and an end-session endpoint. `tamper` makes the next
 * id_token wrong in one precise way, for the negative cases.
 */
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Koa from 'koa';
import Router from '@koa/router';
import type * as Jose from 'jose';

// jose is ESM-only: loaded with require() (Node ≥ 20.19), like server/auth/proconnect.ts does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jose = (): typeof Jose => require('jose');

export interface FakeUser {
  sub: string;
  email: string;
  given_name?: string;
  usual_name?: string;
  /** Authentication methods the IdP reports; ['pwd', 'mfa'] when it did a second factor. */
  amr?: string[];
}

export type Tamper = 'none' | 'alg-none' | 'wrong-aud' | 'expired' | 'wrong-nonce' | 'foreign-key';

interface Grant {
  clientId: string;
  redirectUri: string;
  nonce: string;
  codeChallenge: string;
  user: FakeUser;
  claims: unknown;
}

export interface FakeOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next authorization request. */
  nextUser: FakeUser;
  /** What is wrong with the next id_token (reset after use). */
  tamper: Tamper;
  /** The authorization requests received (their query), for assertions. */
  authorizeRequests: URLSearchParams[];
  close(): Promise<void>;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startFakeOidc(): Promise<FakeOidc> {
  const { generateKeyPair, exportJWK, SignJWT } = jose();
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'fake-1', alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, FakeUser>();

  const app = new Koa();
  const router = new Router();
  const fake: FakeOidc = {
    issuer: '',
    clientId: 'harmonia-test',
    clientSecret: crypto.randomBytes(24).toString('base64url'),
    nextUser: { sub: 'sub-1', email: 'agent@example.gouv.fr', amr: ['pwd'] },
    tamper: 'none',
    authorizeRequests: [],
    close: async () => undefined,
  };

  async function idToken(grant: Grant): Promise<string> {
    const tamper = fake.tamper;
    fake.tamper = 'none';
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: grant.user.sub,
      nonce: tamper === 'wrong-nonce' ? 'n'.repeat(43) : grant.nonce,
      amr: grant.user.amr ?? ['pwd'],
      acr: 'eidas1',
      idp_id: 'fake-idp',
    };
    const aud = tamper === 'wrong-aud' ? 'another-client' : grant.clientId;
    const [iat, exp] = tamper === 'expired' ? [now - 3600, now - 1800] : [now, now + 60];
    if (tamper === 'alg-none') {
      return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, iss: fake.issuer, aud, iat, exp })}.`;
    }
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'fake-1' })
      .setIssuer(fake.issuer)
      .setAudience(aud)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(tamper === 'foreign-key' ? foreign.privateKey : privateKey);
  }

  router.get('/.well-known/openid-configuration', (ctx) => {
    ctx.body = {
      issuer: fake.issuer,
      authorization_endpoint: `${fake.issuer}/authorize`,
      token_endpoint: `${fake.issuer}/token`,
      userinfo_endpoint: `${fake.issuer}/userinfo`,
      jwks_uri: `${fake.issuer}/jwks`,
      end_session_endpoint: `${fake.issuer}/session/end`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      userinfo_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      claims_parameter_supported: true,
      scopes_supported: ['openid', 'email', 'given_name', 'usual_name'],
    };
  });

  router.get('/jwks', (ctx) => {
    ctx.body = { keys: [jwk] };
  });

  router.get('/authorize', (ctx) => {
    const q = new URLSearchParams(ctx.querystring);
    fake.authorizeRequests.push(q);
    const redirectUri = q.get('redirect_uri');
    if (
      q.get('client_id') !== fake.clientId ||
      !redirectUri ||
      q.get('response_type') !== 'code' ||
      q.get('code_challenge_method') !== 'S256'
    ) {
      ctx.status = 400;
      ctx.body = { error: 'invalid_request' };
      return;
    }
    const code = crypto.randomBytes(16).toString('base64url');
    grants.set(code, {
      clientId: fake.clientId,
      redirectUri,
      nonce: q.get('nonce') ?? '',
      codeChallenge: q.get('code_challenge') ?? '',
      user: fake.nextUser,
      claims: q.get('claims') ? JSON.parse(q.get('claims')!) : null,
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', q.get('state') ?? '');
    target.searchParams.set('iss', fake.issuer);
    ctx.redirect(target.toString());
  });

  router.post('/token', async (ctx) => {
    const form = new URLSearchParams(await readBody(ctx.req));
    const basic = /^Basic (.+)$/.exec(ctx.get('Authorization'))?.[1];
    const [id, secret] = basic
      ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
      : [form.get('client_id'), form.get('client_secret')];
    const grant = grants.get(form.get('code') ?? '');
    grants.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
    if (
      id !== fake.clientId ||
      secret !== fake.clientSecret ||
      !grant ||
      grant.redirectUri !== form.get('redirect_uri') ||
      challenge !== grant.codeChallenge
    ) {
      ctx.status = 400;
      ctx.body = { error: 'invalid_grant' };
      return;
    }
    const accessToken = crypto.randomBytes(24).toString('base64url');
    accessTokens.set(accessToken, grant.user);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { access_token: accessToken, token_type: 'Bearer', expires_in: 60, id_token: await idToken(grant), scope: 'openid email' };
  });

  router.get('/userinfo', async (ctx) => {
    const user = accessTokens.get(/^Bearer (.+)$/.exec(ctx.get('Authorization'))?.[1] ?? '');
    if (!user) {
      ctx.status = 401;
      return;
    }
    const { amr: _amr, ...claims } = user;
    ctx.type = 'application/jwt';
    ctx.body = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'fake-1' })
      .setIssuer(fake.issuer)
      .setAudience(fake.clientId)
      .setIssuedAt()
      .sign(privateKey);
  });

  router.get('/session/end', (ctx) => {
    ctx.body = 'déconnecté';
  });

  app.use(router.routes());
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  fake.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}

function readBody(req: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}
