import crypto from 'node:crypto';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { AppState } from '../context';
import type { MfaPending, Role, Session } from '../db/models';
import type { ActorUser } from '../policies/actor';
import { batcher } from '../db/batch';
import { rawDate } from '../db/raw-date';

/** Idle and absolute session lifetimes (ASVS 7.3.1, 7.3.2), documented in docs/security.md. */
export const IDLE_TIMEOUT_MS = 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** A session waiting for its second factor lives ten minutes at most. */
export const PENDING_TIMEOUT_MS = 10 * 60 * 1000;
/** last_seen_at is refreshed at most this often, so reads do not all become writes. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

export interface OpenedSession {
  /** The cookie value: 32 random bytes, base64url. Only its sha256 is stored. */
  token: string;
  session: Session;
}

export interface SessionOptions {
  /** Set while the second factor is still to be enrolled or verified. */
  mfaPending?: MfaPending | null;
  /** The ProConnect id_token, for the logout redirect. */
  oidcIdToken?: string | null;
  transaction?: Transaction;
}

export async function openSession(
  state: AppState,
  userId: number,
  address: string | null,
  { mfaPending = null, oidcIdToken = null, transaction }: SessionOptions = {},
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
      expiresAt: new Date(now.getTime() + (mfaPending ? PENDING_TIMEOUT_MS : ABSOLUTE_TIMEOUT_MS)),
      mfaPending,
      oidcIdToken,
    },
    { transaction },
  );
  return { token, session };
}

/** What a request needs of its session: who it is for, its CSRF token, and its user's actor columns. */
export interface LiveSession {
  id: string;
  userId: number;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  /** Not null while the second factor is missing: policies then refuse every route but its own. */
  mfaPending: MfaPending | null;
  user: ActorUser;
}

type SessionRow = {
  id: string;
  user_id: number;
  csrf_token: string;
  last_seen_at: unknown;
  expires_at: unknown;
  mfa_pending: MfaPending | null;
  email: string;
  name: string;
  role: Role;
  organisation_id: number | null;
  federation_id: number | null;
  authority_id: number | null;
  disabled: unknown;
};

/** Sessions with their users, many in one query when requests arrive together (server/db/batch). */
const sessionRows = batcher<string, SessionRow>(async (state, ids) => {
  const rows = await state.sequelize.query<SessionRow>(
    `SELECT s.id, s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, s.mfa_pending,
            u.email, u.name, u.role, u.organisation_id, u.federation_id, u.authority_id, u.disabled
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id IN (:ids)`,
    { replacements: { ids }, type: QueryTypes.SELECT },
  );
  return new Map(rows.map((row) => [row.id, row]));
});

/**
 * The live session of a cookie value, or null when unknown, idle for too long or past its absolute
 * lifetime. Read on every request, uncached (a revoked session or disabled user is refused at
 * once), with its user in the same plain query: one round trip, no model instances.
 */
export async function findSession(state: AppState, token: string, now = new Date()): Promise<LiveSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await sessionRows(state).load(hashToken(token));
  if (!row) return null;
  const session: LiveSession = {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    lastSeenAt: rawDate(row.last_seen_at),
    expiresAt: rawDate(row.expires_at),
    mfaPending: row.mfa_pending ?? null,
    user: {
      id: row.user_id,
      email: row.email,
      name: row.name,
      role: row.role,
      organisationId: row.organisation_id,
      federationId: row.federation_id,
      authorityId: row.authority_id,
      disabled: row.disabled === true || row.disabled === 1 || row.disabled === '1',
    },
  };
  const idle = now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS;
  if (idle || session.expiresAt.getTime() <= now.getTime()) {
    await state.models.Session.destroy({ where: { id: session.id } });
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
