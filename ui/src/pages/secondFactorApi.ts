/**
 * The second-factor and sign-in-options calls of the login page (server/auth/routes.ts). The
 * answers that complete the second factor carry a new session, hence a new CSRF token.
 */
import { setCsrfToken } from '../api/client';
import { networkError, toApiError } from '../api/errors';
import type { Me } from '../api/types';

export interface Enrolment {
  /** base32, shown as text: the QR code's alternative. */
  secret: string;
  uri: string;
  /** SVG data URL. */
  qrCode: string;
}

async function post<T>(path: string, csrfToken: string, body: unknown = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
      body: JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as T;
}

/** The enrolment confirmed: the complete session, and the recovery codes shown this once. */
export type EnrolmentConfirmed = Me & { recoveryCodes: string[] };
/** The second factor verified: the complete session, and how many recovery codes remain. */
export type Verified = Me & { recoveryCodesRemaining: number };
/** What the code step sends: the application's code, or one recovery code. */
export type SecondFactorProof = { code: string } | { recoveryCode: string };

/** At or below this many unused recovery codes, the user is told (server/auth/mfa-recovery.ts). */
export const FEW_RECOVERY_CODES = 3;

function adopt<M extends Me>(me: M): M {
  setCsrfToken(me.csrfToken);
  return me;
}

export const secondFactorApi = {
  startEnrolment: (me: Me) => post<Enrolment>('/api/auth/mfa/enrolment', me.csrfToken),
  confirmEnrolment: async (me: Me, code: string) =>
    adopt(await post<EnrolmentConfirmed>('/api/auth/mfa/enrolment/confirm', me.csrfToken, { code })),
  verify: async (me: Me, proof: SecondFactorProof) => adopt(await post<Verified>('/api/auth/mfa/verify', me.csrfToken, proof)),
  /** New recovery codes for a complete session (the old ones stop working); needs the application's current code. */
  regenerateRecoveryCodes: (me: Me, code: string) =>
    post<{ recoveryCodes: string[] }>('/api/auth/mfa/recovery-codes', me.csrfToken, { code }),
  /** Whether ProConnect is configured on this server (the button shows only then). */
  async proConnectAvailable(): Promise<boolean> {
    try {
      const res = await fetch('/api/auth/providers', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      return res.ok && ((await res.json()) as { proConnect?: unknown }).proConnect === true;
    } catch {
      return false;
    }
  },
};
