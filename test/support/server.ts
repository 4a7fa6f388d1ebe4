import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listen } from '../../server/http/listen';
import { createApp } from '../../server/app';
import { boot } from '../../server/boot';
import { readConfig } from '../../server/config';
import type { AppState } from '../../server/context';
import { createTestDatabase, type TestDatabase } from './database';

/** A real server on a random port and a throwaway database: what integration and browser tests drive. */
export interface TestServer {
  baseUrl: string;
  state: AppState;
  database: TestDatabase;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonia-data-'));
  const config = readConfig({ DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: 'silent', ...env });
  const state = await boot(config);
  const server: Server = listen(createApp(state), 0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    state,
    database,
    dataDir,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await state.sequelize.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
