import crypto from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import type { AppState } from '../context';
import type { Session } from '../db/models';

/** Idle and absolute session lifetimes (ASVS 7.3.1, 7.3.2), documented in docs/security.md. */
export const IDLE_TIMEOUT_MS = 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is refreshed at most this often, so reads do not all become writes. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

export interface OpenedSession {
  /** The cookie value: 32 random bytes, base64url. Only its sha256 is stored. */
  token: string;
  session: Session;
}

export async function openSession(
  state: AppState,
  userId: number,
  address: string | null,
  transaction?: Transaction,
): Promise<OpenedSession> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  const session = await state.models.Session.create(
    {
      id: hashToken(token),
      userId,
      csrfToken: crypto.randomBytes(32).toString('base64url'),
      address,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
    },
    { transaction },
  );
  return { token, session };
}

/** The live session of a cookie value, or null when unknown, idle for too long or past its absolute lifetime. */
export async function findSession(state: AppState, token: string, now = new Date()): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const session = await state.models.Session.findByPk(hashToken(token));
  if (!session) return null;
  const idle = now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS;
  if (idle || session.expiresAt.getTime() <= now.getTime()) {
    await session.destroy();
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await state.models.Session.update({ lastSeenAt: now }, { where: { id: session.id } });
  }
  return session;
}

export async function closeSession(state: AppState, token: string): Promise<void> {
  await state.models.Session.destroy({ where: { id: hashToken(token) } });
}

/** Ends every session of a user (account disabled, password changed). */
export async function closeUserSessions(state: AppState, userId: number, transaction?: Transaction): Promise<void> {
  await state.models.Session.destroy({ where: { userId }, transaction });
}

/** Removes expired sessions; called on login, so the table does not grow without bound. */
export async function purgeExpiredSessions(state: AppState, now = new Date()): Promise<void> {
  await state.models.Session.destroy({
    where: { [Op.or]: [{ expiresAt: { [Op.lte]: now } }, { lastSeenAt: { [Op.lt]: new Date(now.getTime() - IDLE_TIMEOUT_MS) } }] },
  });
}
