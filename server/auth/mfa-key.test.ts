import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../config';
import { MissingKeyError, resolveMfaKey } from './mfa-key';

describe('the key of the second-factor secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonia-key-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is generated once next to the SQLite file and reused at the next start', () => {
    const env = { DATA_DIR: dir, DATABASE_URL: `sqlite:${path.join(dir, 'db', 'harmonia.sqlite')}` };
    const first = readConfig(env).mfaKey;
    expect(first).toHaveLength(32);
    const file = path.join(dir, 'db', 'mfa.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readConfig(env).mfaKey.equals(first)).toBe(true);
  });

  it('comes from MFA_KEY (hex or base64) or is derived from SECRET_KEY, and nothing is written', () => {
    const hex = 'ab'.repeat(32);
    expect(resolveMfaKey({ MFA_KEY: hex }, dir, true).toString('hex')).toBe(hex);
    expect(resolveMfaKey({ MFA_KEY: Buffer.alloc(32, 3).toString('base64') }, dir, true).equals(Buffer.alloc(32, 3))).toBe(true);
    const derived = resolveMfaKey({ SECRET_KEY: 's'.repeat(40) }, dir, true);
    expect(derived).toHaveLength(32);
    expect(resolveMfaKey({ SECRET_KEY: 's'.repeat(40) }, dir, true).equals(derived)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses to start in production without a key, and refuses malformed keys', () => {
    expect(() => readConfig({ NODE_ENV: 'production', DATA_DIR: dir })).toThrow(MissingKeyError);
    expect(() => readConfig({ NODE_ENV: 'production', DATA_DIR: dir })).toThrow(/MFA_KEY/);
    expect(fs.existsSync(path.join(dir, 'mfa.key'))).toBe(false);
    expect(() => resolveMfaKey({ MFA_KEY: 'abcd' }, dir, false)).toThrow(MissingKeyError);
    expect(() => resolveMfaKey({ SECRET_KEY: 'court' }, dir, false)).toThrow(MissingKeyError);
  });
});
