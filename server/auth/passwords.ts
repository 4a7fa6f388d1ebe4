import { hash, verify, type Options } from '@node-rs/argon2';

/** argon2id with OWASP's second recommended profile (19 MiB, 2 iterations, 1 lane). */
// Algorithm.Argon2id is an ambient const enum (unusable with isolatedModules): its value is 2.
const OPTIONS: Options = { algorithm: 2 as Options['algorithm'], memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (unknown account) a dummy hash is
 * verified anyway, so that the answer takes the same time and reveals nothing.
 */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('harmonia-dummy-password');
  const target = storedHash ?? (await dummyHash);
  try {
    const ok = await verify(target, password);
    return ok && storedHash !== undefined;
  } catch {
    return false;
  }
}
