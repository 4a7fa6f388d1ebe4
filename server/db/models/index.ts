import type { Sequelize } from 'sequelize';
import { initAccounts } from './accounts';
import { initAudit } from './audit';
import { initForms } from './forms';
import { initMfaRecoveryCodes } from './mfa-recovery-codes';
import { initReferential } from './referential';
import { initStatements } from './statements';
import { initWorkLists } from './work-lists';

export * from './accounts';
export * from './audit';
export * from './forms';
export * from './mfa-recovery-codes';
export * from './referential';
export * from './statements';

/**
 * Every model bound to one Sequelize instance. Use `state.models.X`, never the exported class
 * (the exported classes are the types; they are not initialised).
 */
export function initModels(sequelize: Sequelize) {
  return {
    ...initReferential(sequelize),
    ...initAccounts(sequelize),
    ...initForms(sequelize),
    ...initStatements(sequelize),
    ...initAudit(sequelize),
    ...initWorkLists(sequelize),
    ...initMfaRecoveryCodes(sequelize),
  };
}

export type Models = ReturnType<typeof initModels>;
