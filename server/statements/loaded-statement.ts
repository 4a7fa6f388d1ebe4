import type { Transaction } from 'sequelize';
import type { Statement } from '../db/models';
import type { AppState } from '../context';
import { notFound } from '../http/errors';
import { formRuntime } from './form-runtime';
import { readStatementBundle, type StatementBundle, type Values } from './statement-bundle';
import type { FormRuntime } from './form-runtime';

/** A statement with what every use case around it needs: its organisation, campaign, version and runtime. */
export interface LoadedStatement extends StatementBundle {
  runtime: FormRuntime;
}

/**
 * Loads a statement by id, or completes a bundle the route's policy already read, with its form
 * runtime. Unknown ids are 404.
 */
export async function loadStatement(
  state: AppState,
  source: number | Values<Statement> | StatementBundle,
  options: { transaction?: Transaction } = {},
): Promise<LoadedStatement> {
  const id = typeof source === 'number' ? source : 'statement' in source ? source.statement.id : source.id;
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound('Déclaration introuvable.');
  const bundle = typeof source === 'object' && 'statement' in source ? source : await readStatementBundle(state, id, options);
  if (!bundle) throw notFound('Déclaration introuvable.');
  const runtime = await formRuntime(state, bundle.formVersion.id, bundle.formVersion.contentHash);
  return { ...bundle, runtime };
}

export const EDITABLE_STATES = ['draft', 'reopened'] as const;

export function isEditable(statement: Pick<Statement, 'state'>): boolean {
  return (EDITABLE_STATES as readonly string[]).includes(statement.state);
}
