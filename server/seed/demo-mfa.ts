import crypto from 'node:crypto';
import { Op } from 'sequelize';
import { PRIVILEGED_ROLES } from '../auth/mfa';
import { encryptSecret } from '../auth/totp';
import type { AppState } from '../context';
import { DEMO_DOMAIN } from './referential';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Buffer): string {
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i + 5 <= bits.length; i += 5) out += BASE32[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

export const isDemoEmail = (email: string) => email.toLowerCase().endsWith(`@${DEMO_DOMAIN}`);

/**
 * The TOTP secret of a demo account: derived from its e-mail, so that anyone running the demo can
 * compute the code (`npm run demo:code -- <email>`), like the demo password printed at start. Demo
 * accounts exist only when SEED_DEMO is on, never in production.
 */
export function demoTotpSecret(email: string): string {
  return base32(crypto.createHmac('sha256', 'harmonia-demo-totp').update(email.toLowerCase()).digest().subarray(0, 20));
}

/** Enrols every privileged demo account with its derived secret (stored encrypted like any other). */
export async function enrolDemoAccounts(state: AppState): Promise<number> {
  const { User } = state.models;
  const users = await User.findAll({ where: { role: [...PRIVILEGED_ROLES], email: { [Op.like]: `%@${DEMO_DOMAIN}` } } });
  for (const user of users) {
    await user.update({
      mfaSecret: encryptSecret(state.config.mfaKey, user.id, demoTotpSecret(user.email)),
      mfaEnabled: true,
      mfaLastStep: null,
    });
  }
  return users.length;
}
