/**
 * A finished job's file (the receipts archive of a campaign, tens of megabytes) is kept on disk
 * under the data folder, named by `file_key`, instead of in a BLOB column: a row that large
 * exceeds MariaDB's `max_allowed_packet` (16 MiB by default). The old `file` column stays, emptied
 * and no longer written, so that SQLite does not have to rebuild the table; files of jobs made
 * before this migration are no longer available (jobs are transient: the user starts a new one).
 */
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../server/db/migrate';

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  const q = sequelize.getQueryInterface();
  await q.addColumn('console_jobs', 'file_key', { type: DataTypes.STRING(36), allowNull: true });
  await sequelize.query('UPDATE console_jobs SET file = NULL');
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.getQueryInterface().removeColumn('console_jobs', 'file_key');
}
