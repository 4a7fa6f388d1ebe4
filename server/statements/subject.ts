import type { Context } from 'koa';
import type { Statement } from '../db/models';
import type { AppState } from '../context';
import type { SubjectLoader } from '../policies/middleware';
import type { StatementSubject } from '../policies/subjects';
import { readStatementBundle, type StatementBundle, type Values } from './statement-bundle';

declare module 'koa' {
  interface DefaultState {
    /** The statement (and what surrounds it) the route's policy loaded, so the handler does not read it again. */
    bundle?: StatementBundle;
  }
}

/** Reads a positive integer path parameter; anything else designates nothing (404). */
export function idParam(ctx: Context, name: string): number | null {
  const raw = ctx.params?.[name];
  return typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null;
}

/** Policy subject of the statement named by `:id`, the statement itself left in ctx.state. */
export function statementById(state: AppState, param = 'id'): SubjectLoader {
  return async (ctx) => {
    const id = idParam(ctx, param);
    if (id === null) return null;
    const bundle = await readStatementBundle(state, id);
    if (!bundle) return null;
    ctx.state.bundle = bundle;
    return subjectOf(bundle);
  };
}

/** The policy subject of a statement (the same fields as policies/subjects, from the bundle already read). */
export function subjectOf({ statement, organisation, form }: StatementBundle): StatementSubject {
  return {
    type: 'statement',
    organisationId: organisation.id,
    federationId: organisation.federationId,
    departement: organisation.departement,
    prefectures: Array.isArray(statement.prefectures) ? statement.prefectures : [],
    formOwner: form.owner,
    transmitted: statement.transmittedAt !== null,
  };
}

export function bundleOf(ctx: Context): StatementBundle {
  if (!ctx.state.bundle) throw new Error('route without statement loader');
  return ctx.state.bundle;
}

export function loadedStatementOf(ctx: Context): Values<Statement> {
  return bundleOf(ctx).statement;
}
