import fs from 'node:fs';
import path from 'node:path';
import { Sequelize } from 'sequelize';

/**
 * Opens the database named by a `sqlite:<file>` or `mysql://…` URL.
 * SQLite is the embedded default; MySQL/MariaDB is production.
 */
export async function openDatabase(databaseUrl: string, logging: false | ((sql: string) => void) = false): Promise<Sequelize> {
  if (databaseUrl.startsWith('sqlite:')) {
    const storage = databaseUrl.slice('sqlite:'.length) || ':memory:';
    if (storage !== ':memory:') fs.mkdirSync(path.dirname(storage), { recursive: true });
    const sequelize = new Sequelize({ dialect: 'sqlite', storage, logging, pool: { max: 1 } });
    waitOnLocksInEveryConnection(sequelize);
    serialiseTransactions(sequelize);
    // WAL lets readers proceed during a write; the busy timeout waits instead of failing on a lock.
    await sequelize.query('PRAGMA journal_mode = WAL');
    await sequelize.query('PRAGMA busy_timeout = 5000');
    await sequelize.query('PRAGMA foreign_keys = ON');
    return sequelize;
  }
  if (/^mysql:\/\/|^mariadb:\/\//.test(databaseUrl)) {
    const url = databaseUrl.replace(/^mariadb:/, 'mysql:');
    return new Sequelize(url, {
      dialect: 'mysql',
      logging,
      pool: { max: 20, min: 0, idle: 10_000 },
      // typeCast: true replaces Sequelize's per-field callback (moment-timezone date parsing) with
      // mysql2's own parsers; dates still come back as Dates in UTC (`timezone` below). It halves
      // the CPU of reading a wide row such as a save's statement bundle.
      dialectOptions: { charset: 'utf8mb4', decimalNumbers: true, supportBigNumbers: true, typeCast: true },
      define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
      timezone: '+00:00',
    });
  }
  throw new Error(
    `DATABASE_URL non reconnue : « ${databaseUrl} ». Attendu : sqlite:<fichier> ou mysql://utilisateur:motdepasse@hôte:port/base`,
  );
}

/**
 * Sequelize's SQLite dialect opens one connection per transaction, and the PRAGMAs below reach only
 * the default one: without a busy timeout, a second concurrent writer fails at once with SQLITE_BUSY
 * instead of waiting its turn. Every connection gets the timeout when it is opened.
 */
function waitOnLocksInEveryConnection(sequelize: Sequelize) {
  type SqliteConnection = { configure(option: 'busyTimeout', ms: number): void; harmoniaBusyTimeout?: boolean };
  const manager = sequelize.connectionManager as unknown as { getConnection(options?: unknown): Promise<SqliteConnection> };
  const open = manager.getConnection.bind(manager);
  manager.getConnection = async (options) => {
    const connection = await open(options);
    if (!connection.harmoniaBusyTimeout) {
      connection.configure('busyTimeout', 5000);
      connection.harmoniaBusyTimeout = true;
    }
    return connection;
  };
}

/**
 * SQLite has one writer at a time. Concurrent transactions on their own connections would wait
 * for the lock inside libuv's small thread pool, blocking the very transaction that holds it; so
 * on SQLite, transactions of one process take turns in a queue instead. (MariaDB is unaffected.)
 * A transaction nested in another (`{ transaction }` option, a savepoint) does not queue.
 */
function serialiseTransactions(sequelize: Sequelize) {
  type Fn = (...args: unknown[]) => Promise<unknown>;
  const begin = sequelize.transaction.bind(sequelize) as unknown as Fn;
  let tail: Promise<void> = Promise.resolve();
  (sequelize as unknown as { transaction: Fn }).transaction = async (...args: unknown[]) => {
    const options = typeof args[0] === 'object' && args[0] !== null ? (args[0] as { transaction?: unknown }) : undefined;
    if (options?.transaction) return begin(...args);
    const previous = tail;
    let release!: () => void;
    tail = new Promise((resolve) => (release = resolve));
    await previous;
    if (args.some((a) => typeof a === 'function')) {
      try {
        return await begin(...args);
      } finally {
        release();
      }
    }
    try {
      const t = (await begin(...args)) as { commit: Fn; rollback: Fn };
      const commit = t.commit.bind(t);
      const rollback = t.rollback.bind(t);
      t.commit = () => commit().finally(release);
      t.rollback = () => rollback().finally(release);
      return t;
    } catch (err) {
      release();
      throw err;
    }
  };
}

export async function databaseAnswers(sequelize: Sequelize): Promise<boolean> {
  try {
    await sequelize.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
