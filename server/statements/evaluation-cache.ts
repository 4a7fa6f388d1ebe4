import type { Answers, EvaluationContext, EvaluationSession, Report } from '../../engine';
import type { AppState } from '../context';
import { evaluationContext } from './evaluation-context';
import type { FormRuntime } from './form-runtime';
import type { LoadedStatement } from './loaded-statement';

interface Entry {
  /** The statement revision whose answers the session holds. */
  revision: number;
  contextKey: string;
  context: EvaluationContext;
  runtime: FormRuntime;
  session: EvaluationSession;
}

/** The entries kept: about the statements being filled at the same time on one server. */
const CAPACITY = 500;

/**
 * Live evaluation sessions of the statements recently checked, one app each. A save then re-checks
 * only what the saved sheet changed instead of running every rule and reading the rules' context
 * again. An entry serves one revision under one context key: a write by any process bumps the
 * revision, a change to what rules read beside the answers changes the key (see
 * `StatementBundle.contextSignature`), and anything else is a miss and a full evaluation, so the
 * cache never answers for a state it has not seen.
 */
export class EvaluationCache {
  private readonly entries = new Map<number, Entry>();

  /** The report of a statement as loaded (a read, or a save's result when nothing is cached). */
  async check(state: AppState, loaded: LoadedStatement): Promise<Report> {
    return (await this.evaluation(state, loaded)).report;
  }

  /** The report and the context it was evaluated in (what the browser needs to evaluate as the server does). */
  async evaluation(state: AppState, loaded: LoadedStatement): Promise<{ report: Report; context: EvaluationContext }> {
    const entry = this.usable(loaded, loaded.statement.revision) ?? (await this.fresh(state, loaded));
    return { report: entry.session.report(loaded.statement.justifications), context: entry.context };
  }

  /**
   * The report after one sheet was saved as `loaded.statement.revision`, from `baseRevision`:
   * incremental when the base revision's session is at hand.
   */
  async checkSave(state: AppState, loaded: LoadedStatement, baseRevision: number, sheet: string, data: unknown): Promise<Report> {
    const { statement } = loaded;
    const entry = this.usable(loaded, baseRevision);
    if (!entry) return (await this.fresh(state, loaded)).session.report(statement.justifications);
    entry.session.setSheet(sheet, data);
    entry.revision = statement.revision;
    return entry.session.report(statement.justifications);
  }

  private usable(loaded: LoadedStatement, revision: number): Entry | undefined {
    const entry = this.entries.get(loaded.statement.id);
    if (!entry || entry.revision !== revision || entry.runtime !== loaded.runtime || entry.contextKey !== contextKey(loaded))
      return undefined;
    // Most recently used last: the first key is the one to evict.
    this.entries.delete(loaded.statement.id);
    this.entries.set(loaded.statement.id, entry);
    return entry;
  }

  private async fresh(state: AppState, loaded: LoadedStatement): Promise<Entry> {
    const { statement } = loaded;
    const key = contextKey(loaded);
    const known = this.entries.get(statement.id);
    const context =
      known && known.contextKey === key
        ? known.context
        : await evaluationContext(state, statement, loaded.organisation, loaded.campaign, loaded.form.id);
    const entry: Entry = {
      revision: statement.revision,
      contextKey: key,
      context,
      runtime: loaded.runtime,
      session: loaded.runtime.session(statement.answers as Answers, context),
    };
    const current = this.entries.get(statement.id);
    // A save that finished meanwhile may have cached a later revision: keep the later one.
    if (!current || current.revision <= entry.revision) {
      this.entries.delete(statement.id);
      this.entries.set(statement.id, entry);
      if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value as number);
    }
    return entry;
  }
}

/** Everything the evaluation context is made of, as read with the statement. */
function contextKey({ statement, organisation, campaign, form, contextSignature }: LoadedStatement): string {
  return JSON.stringify([
    statement.organisationId,
    form.id,
    organisation.siren,
    organisation.name,
    organisation.kind,
    organisation.departement,
    organisation.departements,
    campaign.exercice,
    campaign.opensAt.getTime(),
    campaign.closesAt.getTime(),
    contextSignature,
  ]);
}
