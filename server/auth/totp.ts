import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 as every authenticator app expects it: SHA-1, 6 digits, 30 s steps. */
export const TOTP_PERIOD_S = 30;
/** One step either side of now is accepted, for clock drift between phone and server. */
export const TOTP_WINDOW = 1;
const ISSUER = 'Harmonia';

function totp(secretBase32: string, label = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_S, secret: Secret.fromBase32(secretBase32) });
}

/** A new random secret (160 bits, the RFC's recommended size), base32. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const timeStep = (at: number) => Math.floor(at / 1000 / TOTP_PERIOD_S);

/**
 * The time step a code belongs to, if it is valid within the window around `at`; null otherwise.
 * Replay is refused by the caller, which accepts a step only once (users.mfa_last_step).
 */
export function matchingStep(secretBase32: string, code: string, at: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: at, window: TOTP_WINDOW });
  return delta === null ? null : timeStep(at) + delta;
}

/** The code of a time (tests, the demo helper). */
export const codeAt = (secretBase32: string, at: number): string => totp(secretBase32).generate({ timestamp: at });

/** What an authenticator app needs: the otpauth:// URI and its QR code as an SVG data URL. */
export async function enrolmentOf(secretBase32: string, email: string): Promise<{ secret: string; uri: string; qrCode: string }> {
  const uri = totp(secretBase32, email).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret: secretBase32, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

const VERSION = 'v1';

/**
 * AES-256-GCM with a fresh 96-bit IV; the user id is bound as associated data, so a secret copied
 * onto another account's row does not decrypt. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
export function encryptSecret(key: Buffer, userId: number, secretBase32: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`harmonia-mfa:${userId}`));
  const body = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** The base32 secret, or null when the stored value does not decrypt (wrong key, tampered, other user's row). */
export function decryptSecret(key: Buffer, userId: number, stored: string): string | null {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== VERSION || !iv || !tag || !body) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`harmonia-mfa:${userId}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
