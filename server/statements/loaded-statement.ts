import type { Transaction } from 'sequelize';
import type { Campaign, Form, FormVersion, Organisation, Statement } from '../db/models';
import type { AppState } from '../context';
import { notFound } from '../http/errors';
import { formRuntime } from './form-runtime';
import type { FormRuntime } from './form-runtime';

/** A statement with what every use case around it needs: its organisation, campaign, version and runtime. */
export interface LoadedStatement {
  statement: Statement;
  organisation: Organisation;
  campaign: Campaign;
  formVersion: FormVersion;
  form: Form;
  runtime: FormRuntime;
}

/**
 * Loads a statement by id (or completes one the route's policy already read). `lock` takes a row lock for the rest of the transaction (MariaDB
 * `SELECT … FOR UPDATE`; SQLite has a single writer anyway). Unknown ids are 404.
 */
export async function loadStatement(
  state: AppState,
  idOrStatement: number | Statement,
  options: { transaction?: Transaction; lock?: boolean } = {},
): Promise<LoadedStatement> {
  const { Statement, Organisation, Campaign, FormVersion, Form } = state.models;
  const id = typeof idOrStatement === 'number' ? idOrStatement : idOrStatement.id;
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound('Déclaration introuvable.');
  const statement =
    typeof idOrStatement !== 'number'
      ? idOrStatement
      : await Statement.findByPk(id, {
          transaction: options.transaction,
          lock: options.lock && options.transaction ? options.transaction.LOCK.UPDATE : undefined,
        });
  if (!statement) throw notFound('Déclaration introuvable.');
  const [organisation, campaign, formVersion] = await Promise.all([
    Organisation.findByPk(statement.organisationId, { transaction: options.transaction }),
    Campaign.findByPk(statement.campaignId, { transaction: options.transaction }),
    FormVersion.findByPk(statement.formVersionId, { transaction: options.transaction, attributes: { exclude: ['package'] } }),
  ]);
  if (!organisation || !campaign || !formVersion) throw notFound('Déclaration introuvable.');
  const form = await Form.findByPk(formVersion.formId, { transaction: options.transaction });
  if (!form) throw notFound('Déclaration introuvable.');
  const runtime = await formRuntime(state, statement.formVersionId);
  return { statement, organisation, campaign, formVersion, form, runtime };
}

export const EDITABLE_STATES = ['draft', 'reopened'] as const;

export function isEditable(statement: Statement): boolean {
  return (EDITABLE_STATES as readonly string[]).includes(statement.state);
}
