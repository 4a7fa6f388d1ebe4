import { codeAt, timeStep, TOTP_PERIOD_S } from '../../../server/auth/totp';
import { demoTotpSecret, isDemoEmail } from '../../../server/seed/demo-mfa';

/**
 * Second factors of the accounts the tests enrolled (by server and e-mail), and the last time step
 * each one used: the server accepts a step only once, so the next login takes the next step.
 */
const secrets = new Map<string, string>();
const usedSteps = new Map<string, number>();
/** A complete session per account, shared when every step of the window is already used. */
const completeSessions = new Map<string, { cookie: string; csrf: string }>();

/** Remembers the TOTP secret of an account (enrolled by a test, or by the demo seed). */
export function rememberSecondFactor(baseUrl: string, email: string, secret: string): void {
  secrets.set(`${baseUrl} ${email}`, secret);
}

export function secondFactorSecret(baseUrl: string, email: string): string | undefined {
  return secrets.get(`${baseUrl} ${email}`) ?? (isDemoEmail(email) ? demoTotpSecret(email) : undefined);
}

/**
 * The codes an account may still use now, oldest step first: the server accepts the steps around
 * now (±1) that are later than the last one used. Empty when all are spent (several logins of the
 * same account within 30 s).
 */
export function freshCodes(baseUrl: string, email: string, secret: string, now = Date.now()): Array<{ step: number; code: string }> {
  const last = usedSteps.get(`${baseUrl} ${email}`) ?? -Infinity;
  const current = timeStep(now);
  // The previous step only when it is not about to leave the window before the server checks it.
  const earliest = now / 1000 - current * TOTP_PERIOD_S < TOTP_PERIOD_S - 2 ? current - 1 : current;
  const steps = [current - 1, current, current + 1].filter((s) => s >= earliest && s > last);
  return steps.map((step) => ({ step, code: codeAt(secret, step * TOTP_PERIOD_S * 1000) }));
}

export function markStepUsed(baseUrl: string, email: string, step: number): void {
  usedSteps.set(`${baseUrl} ${email}`, Math.max(step, usedSteps.get(`${baseUrl} ${email}`) ?? -Infinity));
}

type Me = { csrfToken: string; mfa?: 'enrol' | 'verify' | null };

/** A tiny API client for integration tests: keeps the session cookie and the CSRF token like the ui does. */
export class ApiClient {
  cookie?: string;
  csrf?: string;

  constructor(readonly baseUrl: string) {}

  /**
   * Logs in like a user: the password, then — for a privileged or enrolled account — the second
   * factor (enrolment the first time, a code afterwards). Answers the last response.
   */
  async login(email: string, password: string): Promise<Response> {
    const res = await this.passwordLogin(email, password);
    if (!res.ok) return res;
    const body = (await res.clone().json()) as Me;
    return body.mfa ? this.completeSecondFactor(email, body.mfa) : res;
  }

  /** The password step only: the session may still wait for its second factor. */
  async passwordLogin(email: string, password: string): Promise<Response> {
    const res = await this.request('POST', '/api/auth/login', { email, password });
    if (res.ok) this.csrf = ((await res.clone().json()) as Me).csrfToken;
    return res;
  }

  /** Completes the second factor of a session waiting for it, as the user's authenticator app would. */
  async completeSecondFactor(email: string, pending: 'enrol' | 'verify'): Promise<Response> {
    let secret: string | undefined;
    if (pending === 'enrol') {
      const enrolment = await this.post('/api/auth/mfa/enrolment');
      if (!enrolment.ok) return enrolment;
      secret = ((await enrolment.json()) as { secret: string }).secret;
      rememberSecondFactor(this.baseUrl, email, secret);
    } else {
      secret = secondFactorSecret(this.baseUrl, email);
      if (!secret) throw new Error(`no known second factor for ${email}`);
    }
    const path = pending === 'enrol' ? '/api/auth/mfa/enrolment/confirm' : '/api/auth/mfa/verify';
    const key = `${this.baseUrl} ${email}`;
    let last: Response | undefined;
    for (const { step, code } of freshCodes(this.baseUrl, email, secret)) {
      last = await this.post(path, { code });
      markStepUsed(this.baseUrl, email, step);
      if (last.ok) {
        this.csrf = ((await last.clone().json()) as Me).csrfToken;
        completeSessions.set(key, { cookie: this.cookie!, csrf: this.csrf });
        return last;
      }
      if (last.status !== 401) return last;
    }
    // Every step of the window is spent: share the account's complete session when it still lives.
    const shared = completeSessions.get(key);
    if (shared && pending === 'verify') {
      const me = await fetch(`${this.baseUrl}/api/auth/me`, { headers: { Cookie: shared.cookie } });
      if (me.ok && ((await me.clone().json()) as Me).mfa === null) {
        this.cookie = shared.cookie;
        this.csrf = shared.csrf;
        return me;
      }
    }
    if (last) return last;
    throw new Error(`no unused second-factor code for ${email} in this 30 s step`);
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'X-CSRF-Token': this.csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const value = pair.slice(pair.indexOf('=') + 1);
      this.cookie = value ? pair : undefined;
    }
    return res;
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body ?? {}, headers);
  patch = (path: string, body?: unknown) => this.request('PATCH', path, body ?? {});
  put = (path: string, body?: unknown) => this.request('PUT', path, body ?? {});
  delete = (path: string) => this.request('DELETE', path);
}

/** A response's JSON body, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readJson<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
