import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const KEY_FILE = 'mfa.key';

/** Thrown at start-up when the key is missing where it must be given (production). */
export class MissingKeyError extends Error {}

/**
 * The AES-256 key that encrypts TOTP secrets at rest. From `MFA_KEY` (32 bytes, hex or base64) or,
 * failing that, derived from `SECRET_KEY` (at least 32 characters) with HKDF. Without either, a
 * production server refuses to start; elsewhere (the laptop demo, tests) a key is generated once
 * into `keyDir` (next to the SQLite file) and reused at every start.
 */
export function resolveMfaKey(env: NodeJS.ProcessEnv, keyDir: string, production: boolean): Buffer {
  if (env.MFA_KEY) return parseKey(env.MFA_KEY);
  if (env.SECRET_KEY) {
    if (env.SECRET_KEY.length < 32) throw new MissingKeyError('SECRET_KEY doit contenir au moins 32 caractères.');
    return Buffer.from(crypto.hkdfSync('sha256', env.SECRET_KEY, 'harmonia', 'harmonia mfa secrets', 32));
  }
  if (production) {
    throw new MissingKeyError(
      'MFA_KEY (ou SECRET_KEY) est obligatoire en production : les secrets de double authentification seraient illisibles.',
    );
  }
  const file = path.join(keyDir, KEY_FILE);
  if (fs.existsSync(file)) return parseKey(fs.readFileSync(file, 'utf8').trim());
  fs.mkdirSync(keyDir, { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    // wx: if another process wrote it first, keep theirs.
    fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch {
    return parseKey(fs.readFileSync(file, 'utf8').trim());
  }
}

function parseKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new MissingKeyError('MFA_KEY doit faire 32 octets (64 caractères hexadécimaux ou base64).');
  return key;
}
