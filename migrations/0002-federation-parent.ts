/**
 * A federation may belong to a union: FOPH, FESH and FNSCHLM are members of the USH, whose DIS
 * questionnaire each of them manages for its own members.
 */
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../server/db/migrate';

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  const q = sequelize.getQueryInterface();
  await q.addColumn('federations', 'parent_id', {
    type: DataTypes.INTEGER,
    allowNull: true,
    references: { model: 'federations', key: 'id' },
    onDelete: 'SET NULL',
    onUpdate: 'CASCADE',
  });
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.getQueryInterface().removeColumn('federations', 'parent_id');
}
