import type { Context } from 'koa';
import type { Statement } from '../db/models';
import type { AppState } from '../context';
import type { SubjectLoader } from '../policies/middleware';
import { statementSubject } from '../policies/subjects';

declare module 'koa' {
  interface DefaultState {
    /** The statement the route's policy loaded (so the handler does not read it again). */
    statement?: Statement;
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
    const found = await statementSubject(state, id);
    if (!found) return null;
    ctx.state.statement = found.statement;
    return found.subject;
  };
}

export function loadedStatementOf(ctx: Context): Statement {
  if (!ctx.state.statement) throw new Error('route without statement loader');
  return ctx.state.statement;
}
