import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

/**
 * A throwaway database for one test file: a SQLite file in a temp folder by default, or a fresh
 * MariaDB/MySQL database when HARMONIA_TEST_DB=mysql (`npm run test:mysql`), dropped afterwards.
 */
export interface TestDatabase {
  url: string;
  dialect: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

export const testDialect = (): 'sqlite' | 'mysql' => (process.env.HARMONIA_TEST_DB === 'mysql' ? 'mysql' : 'sqlite');

export function mysqlServerUrl(): string {
  return process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const suffix = crypto.randomBytes(6).toString('hex');
  if (testDialect() === 'mysql') {
    const server = mysqlServerUrl();
    const name = `harmonia_test_${suffix}`;
    const admin = await mysql.createConnection(server);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    return {
      url: `${server.replace(/\/$/, '')}/${name}`,
      dialect: 'mysql',
      async drop() {
        const conn = await mysql.createConnection(server);
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await conn.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonia-test-'));
  return {
    url: `sqlite:${path.join(dir, 'test.sqlite')}`,
    dialect: 'sqlite',
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
