import type { AppState } from '../context';
import { ApiError } from '../http/errors';
import { audit } from '../audit/log';
import { verifyPassword } from './passwords';
import { pendingSecondFactor } from './mfa';
import { openSession, purgeExpiredSessions, type OpenedSession } from './sessions';
import { isLocked, recordAttempt, recordFailure, recordSuccess, refuseThrottledAddress } from './throttle';

/** One message for unknown account, wrong password, locked or disabled account (ASVS 6.3.8: no enumeration). */
export const badCredentials = () => new ApiError(401, 'bad_credentials', 'Adresse e-mail ou mot de passe incorrect.');

/**
 * Checks credentials under both throttles (address, then account) and opens a fresh session:
 * a new id at every login, so a session id planted before login is worthless (no fixation).
 * A privileged or enrolled account gets a session waiting for its second factor (./mfa).
 */
export async function logIn(
  state: AppState,
  email: string,
  password: string,
  address: string,
): Promise<OpenedSession & { userId: number }> {
  await refuseThrottledAddress(state, address);
  const attempt = await recordAttempt(state, address, email, false);
  const user = await state.models.User.findOne({ where: { email } });
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordOk || user.disabled || isLocked(user)) {
    if (user && !passwordOk && !isLocked(user) && (await recordFailure(state, user))) {
      await audit(state, { actor: null, action: 'auth.account_locked', objectType: 'user', objectId: user.id, details: { address } });
    }
    await audit(state, { actor: null, action: 'auth.login_failed', objectType: 'user', objectId: user?.id ?? null, details: { address } });
    throw badCredentials();
  }
  await recordSuccess(state, user);
  await attempt.update({ success: true });
  await purgeExpiredSessions(state);
  const opened = await openSession(state, user.id, address, { mfaPending: pendingSecondFactor(user) });
  await audit(state, {
    actor: { id: user.id, email: user.email },
    action: 'auth.login',
    objectType: 'user',
    objectId: user.id,
    details: { address },
  });
  return { ...opened, userId: user.id };
}
