import crypto from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import type { AppState } from '../context';

/** Codes issued at each enrolment or regeneration (docs/decisions/0506-mfa-recovery-codes.md). */
export const RECOVERY_CODE_COUNT = 10;
/** At or below this many unused codes, the ui invites the user to generate new ones. */
export const FEW_RECOVERY_CODES = 3;
/** Capital letters and digits without the look-alikes 0/O, 1/I/L: 31 symbols, 10 per code ≈ 49.5 bits. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 10;
const CODE_PATTERN = new RegExp(`^[${ALPHABET}]{${LENGTH}}$`);

/** `XXXXX-XXXXX`, as shown to the user. */
const formatted = (code: string) => `${code.slice(0, LENGTH / 2)}-${code.slice(LENGTH / 2)}`;

const newCode = () => Array.from({ length: LENGTH }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('');

/** The code as stored: upper case, without spaces nor dash; null when it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]+/g, '');
  return CODE_PATTERN.test(code) ? code : null;
}

/**
 * HMAC-SHA-256 under a key derived (HKDF) from the MFA key, the user id bound in: the codes carry
 * ~50 bits each, so a keyed fast hash suffices, and a leaked table alone allows no offline search.
 */
function hashOf(mfaKey: Buffer, userId: number, code: string): string {
  const key = Buffer.from(crypto.hkdfSync('sha256', mfaKey, 'harmonia', 'harmonia mfa recovery codes', 32));
  return crypto.createHmac('sha256', key).update(`${userId}:${code}`).digest('hex');
}

/** Replaces every code of the user by fresh ones and answers them, formatted: the only time they are readable. */
export async function issueRecoveryCodes(state: AppState, userId: number, transaction: Transaction, now = new Date()): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newCode());
  const { MfaRecoveryCode } = state.models;
  await MfaRecoveryCode.destroy({ where: { userId }, transaction });
  await MfaRecoveryCode.bulkCreate(
    [...codes].map((code) => ({ userId, hash: hashOf(state.config.mfaKey, userId, code), createdAt: now })),
    { transaction },
  );
  return [...codes].map(formatted);
}

/**
 * Marks the code used if it is one of the user's unused codes. The conditional update is the
 * guarantee: of two requests with one code, exactly one changes the row.
 */
export async function spendRecoveryCode(state: AppState, userId: number, input: string, now = new Date()): Promise<boolean> {
  const code = normaliseRecoveryCode(input);
  if (!code) return false;
  const [changed] = await state.models.MfaRecoveryCode.update(
    { usedAt: now },
    { where: { userId, hash: hashOf(state.config.mfaKey, userId, code), usedAt: { [Op.is]: null } } },
  );
  return changed === 1;
}

export const unusedRecoveryCodes = (state: AppState, userId: number) =>
  state.models.MfaRecoveryCode.count({ where: { userId, usedAt: { [Op.is]: null } } });

export async function deleteRecoveryCodes(state: AppState, userId: number, transaction: Transaction): Promise<void> {
  await state.models.MfaRecoveryCode.destroy({ where: { userId }, transaction });
}
