/**
 * One-time recovery codes of the second factor (docs/decisions/0506-mfa-recovery-codes.md): ten per
 * enrolled account, stored as an HMAC-SHA-256 of the code (never the code itself); `used_at` is set
 * by a conditional update, so a code is accepted once even by two requests at the same moment.
 */
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../server/db/migrate';

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  const q = sequelize.getQueryInterface();
  await q.createTable('mfa_recovery_codes', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    user_id: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'users', key: 'id' },
      onDelete: 'CASCADE',
      onUpdate: 'CASCADE',
    },
    // hex HMAC-SHA-256 of the normalised code, keyed from the MFA key and bound to the user id.
    hash: { type: DataTypes.CHAR(64), allowNull: false },
    used_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('mfa_recovery_codes', ['user_id', 'hash'], { unique: true, name: 'mfa_recovery_codes_user_hash' });
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.getQueryInterface().dropTable('mfa_recovery_codes');
}
