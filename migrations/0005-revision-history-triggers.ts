/**
 * The revision history is written by the database: a trigger appends a `statement_revisions` row
 * whenever a statement is created or its revision changes, from three columns the writer sets in
 * the same statement (which sheet changed, what was saved, by whom). An autosave is then one
 * conditional UPDATE instead of a four-round-trip transaction, and no code path can bump a
 * revision without leaving its history (docs/decisions/0302-revision-history-triggers.md).
 */
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../server/db/migrate';

const HISTORY_ROW = `INSERT INTO statement_revisions (statement_id, revision, sheet, answers, user_id, created_at)
  VALUES (NEW.id, NEW.revision, NEW.last_sheet, COALESCE(NEW.last_change, NEW.answers), NEW.last_user_id, NEW.updated_at)`;

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  const q = sequelize.getQueryInterface();
  await q.addColumn('statements', 'last_sheet', { type: DataTypes.STRING(16), allowNull: true });
  await q.addColumn('statements', 'last_change', { type: DataTypes.JSON, allowNull: true });
  await q.addColumn('statements', 'last_user_id', {
    type: DataTypes.INTEGER,
    allowNull: true,
    references: { model: 'users', key: 'id' },
    onDelete: 'SET NULL',
    onUpdate: 'CASCADE',
  });
  if (sequelize.getDialect() === 'sqlite') {
    await sequelize.query(`CREATE TRIGGER statements_history_on_insert AFTER INSERT ON statements FOR EACH ROW
      BEGIN ${HISTORY_ROW}; END`);
    await sequelize.query(`CREATE TRIGGER statements_history_on_update AFTER UPDATE OF revision ON statements FOR EACH ROW
      WHEN NEW.revision <> OLD.revision BEGIN ${HISTORY_ROW}; END`);
  } else {
    await sequelize.query(`CREATE TRIGGER statements_history_on_insert AFTER INSERT ON statements FOR EACH ROW ${HISTORY_ROW}`);
    await sequelize.query(`CREATE TRIGGER statements_history_on_update AFTER UPDATE ON statements FOR EACH ROW
      BEGIN IF NEW.revision <> OLD.revision THEN ${HISTORY_ROW}; END IF; END`);
  }
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query('DROP TRIGGER IF EXISTS statements_history_on_update');
  await sequelize.query('DROP TRIGGER IF EXISTS statements_history_on_insert');
  const q = sequelize.getQueryInterface();
  await q.removeColumn('statements', 'last_user_id');
  await q.removeColumn('statements', 'last_change');
  await q.removeColumn('statements', 'last_sheet');
}
