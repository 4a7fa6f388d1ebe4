/**
 * `npm run test:mysql`: runs the database-facing suites (server/ and test/server/) again on
 * MariaDB/MySQL. Each test file creates its own throwaway database and drops it afterwards.
 */
import { spawnSync } from 'node:child_process';
import mysql from 'mysql2/promise';
import { mysqlServerUrl } from './database';

async function main() {
  const url = mysqlServerUrl();
  try {
    const conn = await mysql.createConnection(url);
    await conn.query('SELECT 1');
    await conn.end();
  } catch (err) {
    console.error(`MariaDB/MySQL ne répond pas à ${url} (${(err as Error).message}).`);
    console.error('Démarrez-le, ou indiquez un autre serveur avec TEST_MYSQL_URL=mysql://utilisateur:motdepasse@hôte:port');
    process.exit(1);
  }
  const jest = require.resolve('jest/bin/jest');
  const args = [jest, '--runInBand', 'server', 'test/server', ...process.argv.slice(2)];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, HARMONIA_TEST_DB: 'mysql' } });
  process.exit(result.status ?? 1);
}

void main();
