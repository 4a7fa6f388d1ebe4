import type { Transaction } from 'sequelize';
import type { AppState } from '../context';
import type { Statement } from '../db/models';
import type { Subject } from './rules';

export type StatementSubject = Extract<Subject, { type: 'statement' }>;

/** The policy subject of a statement (loaded by id, or given): its organisation's federation and siège, its recipients, its form's owner. */
export async function statementSubject(
  state: AppState,
  statementOrId: Statement | number,
  transaction?: Transaction,
): Promise<{ statement: Statement; subject: StatementSubject } | null> {
  const { Statement: Statements, Organisation, FormVersion, Form } = state.models;
  const statement = typeof statementOrId === 'number' ? await Statements.findByPk(statementOrId, { transaction }) : statementOrId;
  if (!statement) return null;
  const organisation = await Organisation.findByPk(statement.organisationId, { transaction });
  const version = await FormVersion.findByPk(statement.formVersionId, { transaction, attributes: ['id', 'formId'] });
  const form = version ? await Form.findByPk(version.formId, { transaction }) : null;
  if (!organisation || !form) return null;
  return {
    statement,
    subject: {
      type: 'statement',
      organisationId: organisation.id,
      federationId: organisation.federationId,
      departement: organisation.departement,
      prefectures: Array.isArray(statement.prefectures) ? statement.prefectures : [],
      formOwner: form.owner,
      transmitted: statement.transmittedAt !== null,
    },
  };
}
