/**
 * The consoles' own tables: authorities' work lists of organisations, and background jobs (impact
 * reports, receipts archives) whose state and progress must survive a page reload or a restart.
 */
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../server/db/migrate';

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const at = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const ref = (table: string, allowNull = false, onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL' = 'CASCADE') => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete,
  onUpdate: 'CASCADE',
});

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  const q = sequelize.getQueryInterface();
  await q.createTable('work_lists', {
    id,
    authority_id: ref('authorities'),
    name: { type: DataTypes.STRING(120), allowNull: false },
    created_by: ref('users', true, 'SET NULL'),
    created_at: at(),
    updated_at: at(),
  });
  await q.addIndex('work_lists', ['authority_id', 'name'], { unique: true, name: 'work_lists_authority_name' });
  await q.createTable('work_list_entries', {
    id,
    work_list_id: ref('work_lists'),
    organisation_id: ref('organisations'),
    created_at: at(),
  });
  await q.addIndex('work_list_entries', ['work_list_id', 'organisation_id'], { unique: true, name: 'work_list_entries_list_org' });
  await q.addIndex('work_list_entries', ['organisation_id']);
  await q.createTable('console_jobs', {
    id,
    kind: { type: DataTypes.STRING(32), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    user_id: ref('users'),
    /** The form version (impact) or campaign (receipts) the job works on. */
    subject_id: { type: DataTypes.INTEGER, allowNull: false },
    params: { type: DataTypes.JSON, allowNull: false },
    done: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    total: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    result: { type: DataTypes.JSON, allowNull: true },
    file: { type: DataTypes.BLOB('long'), allowNull: true },
    error: { type: DataTypes.STRING(1000), allowNull: true },
    cancel_requested: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    created_at: at(),
    updated_at: at(),
    finished_at: at(true),
  });
  await q.addIndex('console_jobs', ['user_id', 'kind', 'subject_id']);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  const q = sequelize.getQueryInterface();
  await q.dropTable('console_jobs');
  await q.dropTable('work_list_entries');
  await q.dropTable('work_lists');
}
