import type { AppState } from './context';
import type { Config } from './config';
import { openDatabase } from './db/connection';
import { migrate } from './db/migrate';
import { initModels } from './db/models';
import { createLogger } from './logger';
import { EvaluationCache } from './statements/evaluation-cache';

/** Opens the database and brings its schema up to date: what both `npm start` and the tests need. */
export async function boot(config: Config): Promise<AppState> {
  const logger = createLogger(config.logLevel);
  const sequelize = await openDatabase(config.databaseUrl);
  await migrate(sequelize);
  return { config, sequelize, logger, models: initModels(sequelize), evaluations: new EvaluationCache() };
}
