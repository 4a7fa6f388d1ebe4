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
      dialectOptions: { charset: 'utf8mb4', decimalNumbers: true, supportBigNumbers: true },
      define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
      timezone: '+00:00',
    });
  }
  throw new Error(
    `DATABASE_URL non reconnue : « ${databaseUrl} ». Attendu : sqlite:<fichier> ou mysql://utilisateur:motdepasse@hôte:port/base`,
  );
}

export async function databaseAnswers(sequelize: Sequelize): Promise<boolean> {
  try {
    await sequelize.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
