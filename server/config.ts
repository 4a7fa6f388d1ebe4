import path from 'node:path';

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
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(__dirname, '..');
  const dataDir = path.resolve(root, env.DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'harmonia.sqlite')}`,
    dataDir,
    storageDir: path.resolve(dataDir, env.STORAGE_DIR ?? 'files'),
    outboxDir: path.resolve(root, env.OUTBOX_DIR ?? path.join(dataDir, 'outbox')),
    smtpUrl: env.SMTP_URL || undefined,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    seedDemo: env.SEED_DEMO !== '0',
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    version: (require('../package.json') as { version: string }).version,
  };
}
