import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import type { Config } from './config';
import type { Models } from './db/models';
import type { EvaluationCache } from './statements/evaluation-cache';

/** What every capability receives when the app is assembled: no globals, so tests build as many apps as they need. */
export interface AppState {
  config: Config;
  sequelize: Sequelize;
  logger: Logger;
  /** Sequelize models bound to `sequelize` (server/db/models). */
  models: Models;
  /** Live evaluation sessions of recently checked statements (server/statements/evaluation-cache). */
  evaluations: EvaluationCache;
}
