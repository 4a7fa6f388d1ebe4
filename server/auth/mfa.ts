import { Op } from 'sequelize';
import type { AppState } from '../context';
import type { MfaPending, Role, User } from '../db/models';
import { ApiError, conflict, notFound, tooMany } from '../http/errors';
import { audit, writeTransactionOptions } from '../audit/log';
import type { Actor } from '../policies/actor';
import { closeSession, closeUserSessions, openSession, type LiveSession, type OpenedSession } from './sessions';
import { addressRetryAfter, isLocked, recordAttempt, recordFailure, recordSuccess } from './throttle';
import { decryptSecret, encryptSecret, enrolmentOf, matchingStep, newTotpSecret } from './totp';

/**
 * Roles whose sessions always carry a second factor (docs/decisions/0504-mfa.md): they administer
 * the platform, write the forms everyone fills in, or decide for the State over every organisation.
 */
export const PRIVILEGED_ROLES: readonly Role[] = ['PLATFORM_ADMIN', 'ER_EDITOR', 'FED_EDITOR', 'DHUP'];

/** What a session still needs after the password (or a ProConnect login without MFA): null when nothing. */
export function pendingSecondFactor(user: Pick<User, 'role' | 'mfaEnabled'>): MfaPending | null {
  if (user.mfaEnabled) return 'verify';
  return PRIVILEGED_ROLES.includes(user.role) ? 'enrol' : null;
}

/** One message for a wrong, replayed or expired code and for a locked account (no oracle). */
export const badCode = () =>
  new ApiError(401, 'bad_code', 'Code incorrect ou expiré. Saisissez le code à 6 chiffres affiché maintenant par votre application.');

const wrongStep = () => conflict('Cette étape de double authentification n’est plus d’actualité : reconnectez-vous.');

async function userOf(state: AppState, session: LiveSession): Promise<User> {
  const user = await state.models.User.findByPk(session.userId);
  if (!user) throw badCode();
  return user;
}

/**
 * The enrolment of a session marked 'enrol': a secret (kept while unconfirmed, so a QR code
 * already scanned stays valid across reloads), its otpauth URI and QR code.
 */
export async function startEnrolment(state: AppState, session: LiveSession) {
  if (session.mfaPending !== 'enrol') throw wrongStep();
  const user = await userOf(state, session);
  if (user.mfaEnabled) throw wrongStep();
  let secret = user.mfaSecret ? decryptSecret(state.config.mfaKey, user.id, user.mfaSecret) : null;
  if (!secret) {
    secret = newTotpSecret();
    await state.models.User.update(
      { mfaSecret: encryptSecret(state.config.mfaKey, user.id, secret), mfaLastStep: null },
      { where: { id: user.id } },
    );
  }
  return enrolmentOf(secret, user.email);
}

/**
 * Checks a code under the password throttles (per address, per account) and accepts its time step
 * only once: the conditional update is the guarantee against replay, even for concurrent requests.
 */
async function checkCode(state: AppState, user: User, code: string, address: string, now: number): Promise<void> {
  const retryAfter = await addressRetryAfter(state, address, new Date(now));
  if (retryAfter > 0) throw tooMany(`Trop de tentatives depuis cette adresse. Réessayez dans ${retryAfter} secondes.`, { retryAfter });
  const attempt = await recordAttempt(state, address, user.email, false, new Date(now));
  const secret = user.mfaSecret ? decryptSecret(state.config.mfaKey, user.id, user.mfaSecret) : null;
  const step = secret && !isLocked(user, new Date(now)) && !user.disabled ? matchingStep(secret, code, now) : null;
  const [accepted] =
    step === null
      ? [0]
      : await state.models.User.update(
          { mfaLastStep: step },
          { where: { id: user.id, [Op.or]: [{ mfaLastStep: null }, { mfaLastStep: { [Op.lt]: step } }] } },
        );
  if (accepted !== 1) {
    if (!isLocked(user, new Date(now)) && (await recordFailure(state, user, new Date(now)))) {
      await audit(state, { actor: null, action: 'auth.account_locked', objectType: 'user', objectId: user.id, details: { address } });
    }
    await audit(state, { actor: null, action: 'auth.mfa_failed', objectType: 'user', objectId: user.id, details: { address } });
    throw badCode();
  }
  await recordSuccess(state, user, new Date(now));
  await attempt.update({ success: true });
}

/** Ends the pending session and opens a complete one: a new id once the second factor succeeds (ASVS 7.2.4). */
async function renew(state: AppState, token: string, session: LiveSession, address: string): Promise<OpenedSession> {
  const oidcIdToken = (await state.models.Session.findByPk(session.id, { attributes: ['oidcIdToken'] }))?.oidcIdToken ?? null;
  await closeSession(state, token);
  return openSession(state, session.userId, address, { oidcIdToken });
}

export async function confirmEnrolment(
  state: AppState,
  token: string,
  session: LiveSession,
  code: string,
  address: string,
  now = Date.now(),
) {
  if (session.mfaPending !== 'enrol') throw wrongStep();
  const user = await userOf(state, session);
  if (user.mfaEnabled) throw wrongStep();
  await checkCode(state, user, code, address, now);
  await state.models.User.update({ mfaEnabled: true }, { where: { id: user.id } });
  await audit(state, {
    actor: { id: user.id, email: user.email },
    action: 'auth.mfa_enrolled',
    objectType: 'user',
    objectId: user.id,
    details: { address },
  });
  return renew(state, token, session, address);
}

export async function verifySecondFactor(
  state: AppState,
  token: string,
  session: LiveSession,
  code: string,
  address: string,
  now = Date.now(),
) {
  if (session.mfaPending !== 'verify') throw wrongStep();
  const user = await userOf(state, session);
  if (!user.mfaEnabled) throw wrongStep();
  await checkCode(state, user, code, address, now);
  await audit(state, {
    actor: { id: user.id, email: user.email },
    action: 'auth.mfa_verified',
    objectType: 'user',
    objectId: user.id,
    details: { address },
  });
  return renew(state, token, session, address);
}

/**
 * A platform administrator removes a user's second factor (lost phone): the secret is erased, every
 * session of the user ends, and a privileged user enrols again at the next login.
 */
export async function resetSecondFactor(state: AppState, actor: Actor, userId: number): Promise<void> {
  const user = await state.models.User.findByPk(userId);
  if (!user) throw notFound();
  await state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    await state.models.User.update({ mfaSecret: null, mfaEnabled: false, mfaLastStep: null }, { where: { id: user.id }, transaction });
    await closeUserSessions(state, user.id, transaction);
    await audit(state, { actor, action: 'auth.mfa_reset', objectType: 'user', objectId: user.id }, transaction);
  });
}
