import { Op } from 'sequelize';
import type { AppState } from '../context';
import type { MfaPending, Role, User } from '../db/models';
import { ApiError, conflict, notFound } from '../http/errors';
import { audit, writeTransactionOptions } from '../audit/log';
import type { Actor } from '../policies/actor';
import { closeSession, closeUserSessions, openSession, type LiveSession, type OpenedSession } from './sessions';
import { isLocked, recordAttempt, recordFailure, recordSuccess, refuseThrottledAddress } from './throttle';
import { deleteRecoveryCodes, issueRecoveryCodes, spendRecoveryCode, unusedRecoveryCodes } from './mfa-recovery';
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
const enrolmentNotStarted = () =>
  conflict('Aucune application n’est en cours d’enrôlement : affichez d’abord le QR code, puis saisissez le code qu’elle donne.');

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

/** A second factor as sent by the user: the authenticator's current code, or one of the recovery codes. */
export type SecondFactorProof = { code: string } | { recoveryCode: string };

export const badRecoveryCode = () =>
  new ApiError(401, 'bad_code', 'Code de secours incorrect ou déjà utilisé. Vérifiez sa saisie, ou utilisez un autre de vos codes.');

/**
 * Runs one check of a second factor under the password throttles (per address, per account):
 * every attempt counts for the address, every failure for the account, and nothing is accepted
 * from a locked or disabled account. `accept` makes the code unusable as it accepts it.
 */
async function underThrottle(
  state: AppState,
  user: User,
  address: string,
  now: number,
  accept: () => Promise<boolean>,
  refusal: () => ApiError,
  method: 'totp' | 'recovery_code',
): Promise<void> {
  await refuseThrottledAddress(state, address, new Date(now));
  const attempt = await recordAttempt(state, address, user.email, false, new Date(now));
  const accepted = !isLocked(user, new Date(now)) && !user.disabled && (await accept());
  if (!accepted) {
    if (!isLocked(user, new Date(now)) && (await recordFailure(state, user, new Date(now)))) {
      await audit(state, { actor: null, action: 'auth.account_locked', objectType: 'user', objectId: user.id, details: { address } });
    }
    await audit(state, { actor: null, action: 'auth.mfa_failed', objectType: 'user', objectId: user.id, details: { address, method } });
    throw refusal();
  }
  await recordSuccess(state, user, new Date(now));
  await attempt.update({ success: true });
}

/**
 * Checks a TOTP code and accepts its time step only once: the conditional update is the guarantee
 * against replay, even for concurrent requests.
 */
async function checkCode(state: AppState, user: User, code: string, address: string, now: number): Promise<void> {
  const accept = async () => {
    const secret = user.mfaSecret ? decryptSecret(state.config.mfaKey, user.id, user.mfaSecret) : null;
    const step = secret ? matchingStep(secret, code, now) : null;
    if (step === null) return false;
    const [accepted] = await state.models.User.update(
      { mfaLastStep: step },
      { where: { id: user.id, [Op.or]: [{ mfaLastStep: null }, { mfaLastStep: { [Op.lt]: step } }] } },
    );
    return accepted === 1;
  };
  await underThrottle(state, user, address, now, accept, badCode, 'totp');
}

/** Checks a recovery code and spends it (once, even for concurrent requests). */
async function checkRecoveryCode(state: AppState, user: User, recoveryCode: string, address: string, now: number): Promise<void> {
  const accept = () => spendRecoveryCode(state, user.id, recoveryCode, new Date(now));
  await underThrottle(state, user, address, now, accept, badRecoveryCode, 'recovery_code');
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
  // No secret yet: the code cannot be wrong, only early; it does not count as a failure.
  if (!user.mfaSecret) throw enrolmentNotStarted();
  await checkCode(state, user, code, address, now);
  const recoveryCodes = await state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    await state.models.User.update({ mfaEnabled: true }, { where: { id: user.id }, transaction });
    const codes = await issueRecoveryCodes(state, user.id, transaction, new Date(now));
    const actor = { id: user.id, email: user.email };
    await audit(state, { actor, action: 'auth.mfa_enrolled', objectType: 'user', objectId: user.id, details: { address } }, transaction);
    return codes;
  });
  return { opened: await renew(state, token, session, address), recoveryCodes };
}

/** Completes a login with a TOTP code or a recovery code; answers the new session and how many recovery codes remain. */
export async function verifySecondFactor(
  state: AppState,
  token: string,
  session: LiveSession,
  proof: SecondFactorProof,
  address: string,
  now = Date.now(),
) {
  if (session.mfaPending !== 'verify') throw wrongStep();
  const user = await userOf(state, session);
  if (!user.mfaEnabled) throw wrongStep();
  const actor = { id: user.id, email: user.email };
  if ('recoveryCode' in proof) {
    await checkRecoveryCode(state, user, proof.recoveryCode, address, now);
    const remaining = await unusedRecoveryCodes(state, user.id);
    await audit(state, {
      actor,
      action: 'auth.mfa_recovery_code_used',
      objectType: 'user',
      objectId: user.id,
      details: { address, remaining },
    });
  } else {
    await checkCode(state, user, proof.code, address, now);
    await audit(state, { actor, action: 'auth.mfa_verified', objectType: 'user', objectId: user.id, details: { address } });
  }
  return { opened: await renew(state, token, session, address), recoveryCodesRemaining: await unusedRecoveryCodes(state, user.id) };
}

/**
 * A signed-in user replaces their recovery codes (all used, or shown to someone): a current TOTP
 * code proves the factor is still in hand; every previous code stops working.
 */
export async function regenerateRecoveryCodes(state: AppState, actor: Actor, code: string, address: string, now = Date.now()) {
  const user = await state.models.User.findByPk(actor.id);
  if (!user) throw notFound();
  if (!user.mfaEnabled) throw conflict('La double authentification n’est pas activée sur ce compte : il n’a pas de codes de secours.');
  await checkCode(state, user, code, address, now);
  const recoveryCodes = await state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    const codes = await issueRecoveryCodes(state, user.id, transaction, new Date(now));
    await audit(
      state,
      { actor, action: 'auth.mfa_recovery_codes_regenerated', objectType: 'user', objectId: user.id, details: { address } },
      transaction,
    );
    return codes;
  });
  return { recoveryCodes };
}

/**
 * A platform administrator removes a user's second factor (lost phone): the secret and the recovery
 * codes are erased, every session of the user ends, and a privileged user enrols again at the next login.
 */
export async function resetSecondFactor(state: AppState, actor: Actor, userId: number): Promise<void> {
  const user = await state.models.User.findByPk(userId);
  if (!user) throw notFound();
  await state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    await state.models.User.update({ mfaSecret: null, mfaEnabled: false, mfaLastStep: null }, { where: { id: user.id }, transaction });
    await deleteRecoveryCodes(state, user.id, transaction);
    await closeUserSessions(state, user.id, transaction);
    await audit(state, { actor, action: 'auth.mfa_reset', objectType: 'user', objectId: user.id }, transaction);
  });
}
