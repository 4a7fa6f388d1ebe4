import ipaddr from 'ipaddr.js';
import { Op } from 'sequelize';
import type { AppState } from '../context';
import type { User } from '../db/models';
import { tooMany } from '../http/errors';

/**
 * Per address: at most 25 login attempts in 15 s (Démarches Simplifiées' rack-attack values).
 * One budget for every way in: passwords, second-factor codes, ProConnect logins started and
 * ProConnect callbacks refused (docs/decisions/0505-proconnect.md says why it is enough).
 */
export const ADDRESS_LIMIT = 25;
export const ADDRESS_WINDOW_MS = 15 * 1000;
/** Per account: locked for an hour after 6 consecutive failures (DS's Devise values). */
export const ACCOUNT_MAX_FAILURES = 6;
export const ACCOUNT_LOCK_MS = 60 * 60 * 1000;
/** Attempts older than this are deleted: they no longer count for anything. */
const KEEP_ATTEMPTS_MS = 24 * 60 * 60 * 1000;

/**
 * What the address budget counts: an IPv4 address (an IPv4-mapped IPv6 one as IPv4), or the /64
 * network of an IPv6 address — one subscriber or site holds a whole /64 and could otherwise take
 * a fresh address for every attempt.
 */
export function throttledAddress(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).toNormalizedString().split(':').slice(0, 4).join(':')}::/64`;
}

/** Seconds the address must wait before its next attempt, or 0 when it may try now. Counters live in the database. */
export async function addressRetryAfter(state: AppState, address: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - ADDRESS_WINDOW_MS);
  const recent = await state.models.LoginAttempt.findAll({
    where: { address: throttledAddress(address), at: { [Op.gt]: since } },
    order: [['at', 'DESC']],
    limit: ADDRESS_LIMIT,
    attributes: ['at'],
  });
  if (recent.length < ADDRESS_LIMIT) return 0;
  const oldest = recent[recent.length - 1].at.getTime();
  return Math.max(1, Math.ceil((oldest + ADDRESS_WINDOW_MS - now.getTime()) / 1000));
}

/** Refuses an address that has used up its attempts: 429, `Retry-After` taken from `details.retryAfter`. */
export async function refuseThrottledAddress(state: AppState, address: string, now = new Date()): Promise<void> {
  const retryAfter = await addressRetryAfter(state, address, now);
  if (retryAfter === 0) return;
  const wait = retryAfter > 1 ? `${retryAfter} secondes` : '1 seconde';
  throw tooMany(`Trop de tentatives de connexion depuis cette adresse. Réessayez dans ${wait}.`, { retryAfter });
}

/** An attempt counts against its address whatever its outcome; `email` is null when none was given (ProConnect). */
export async function recordAttempt(state: AppState, address: string, email: string | null, success: boolean, now = new Date()) {
  const { LoginAttempt } = state.models;
  const counted = throttledAddress(address);
  const attempt = await LoginAttempt.create({ at: now, address: counted, email, success });
  await LoginAttempt.destroy({ where: { address: counted, at: { [Op.lt]: new Date(now.getTime() - KEEP_ATTEMPTS_MS) } } });
  return attempt;
}

export const isLocked = (user: User, now = new Date()) => user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime();

/** Counts a failure atomically; returns true when this failure locked the account. */
export async function recordFailure(state: AppState, user: User, now = new Date()): Promise<boolean> {
  const { User: Users } = state.models;
  await Users.increment('failedLogins', { where: { id: user.id } });
  const fresh = await Users.findByPk(user.id, { attributes: ['id', 'failedLogins'] });
  if (!fresh || fresh.failedLogins < ACCOUNT_MAX_FAILURES) return false;
  await Users.update({ failedLogins: 0, lockedUntil: new Date(now.getTime() + ACCOUNT_LOCK_MS) }, { where: { id: user.id } });
  return true;
}

export async function recordSuccess(state: AppState, user: User, now = new Date()) {
  await state.models.User.update({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }, { where: { id: user.id } });
}
