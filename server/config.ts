import path from 'node:path';
import { resolveMfaKey } from './auth/mfa-key';

/** Everything the server reads from the environment, read once. Defaults make `npm start` work on a fresh clone. */
export interface Config {
  port: number;
  host: string;
  /** `sqlite:<file>` (default) or `mysql://user:pass@host:port/db`. */
  databaseUrl: string;
  dataDir: string;
  /** Where attachments are stored (files named by their sha256). */
  storageDir: string;
  /** Mails are written here as .eml files when no SMTP server is configured. */
  outboxDir: string;
  smtpUrl?: string;
  /** Set when the app is served behind a TLS-terminating proxy: cookies become Secure. */
  trustProxy: boolean;
  logLevel: string;
  /** Seed the demo data on the first start of an empty database. */
  seedDemo: boolean;
  version: string;
  /** NODE_ENV=production: secrets must come from the environment. */
  production: boolean;
  /** The address users reach the app at (ProConnect redirect URIs are built from it). */
  publicUrl: string;
  /** AES-256-GCM key of the TOTP secrets (server/auth/mfa-key.ts). */
  mfaKey: Buffer;
  /** ProConnect (OIDC) for agents, only when its three settings are given. */
  proConnect?: ProConnectConfig;
}

export interface ProConnectConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

function proConnect(env: NodeJS.ProcessEnv): ProConnectConfig | undefined {
  const { PROCONNECT_ISSUER: issuer, PROCONNECT_CLIENT_ID: clientId, PROCONNECT_CLIENT_SECRET: clientSecret } = env;
  return issuer && clientId && clientSecret ? { issuer, clientId, clientSecret } : undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(__dirname, '..');
  const dataDir = path.resolve(root, env.DATA_DIR ?? 'data');
  const databaseUrl = env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'harmonia.sqlite')}`;
  const sqliteFile = /^sqlite:(?!:memory:)(.+)$/.exec(databaseUrl)?.[1];
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    dataDir,
    storageDir: path.resolve(dataDir, env.STORAGE_DIR ?? 'files'),
    outboxDir: path.resolve(root, env.OUTBOX_DIR ?? path.join(dataDir, 'outbox')),
    smtpUrl: env.SMTP_URL || undefined,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    seedDemo: env.SEED_DEMO !== '0',
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    version: (require('../package.json') as { version: string }).version,
    production,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    mfaKey: resolveMfaKey(env, sqliteFile ? path.dirname(path.resolve(root, sqliteFile)) : dataDir, production),
    proConnect: proConnect(env),
  };
}
