import { DataTypes, QueryTypes, type InferAttributes, type Model, type ModelStatic, type Transaction } from 'sequelize';
import type { Campaign, Form, FormVersion, Organisation, Statement } from '../db/models';
import type { AppState } from '../context';
import { batcher } from '../db/batch';
import { rawDate } from '../db/raw-date';

/** A row's values, as a model declares them: read-only data, not an instance (no save, update or reload). */
export type Values<M extends Model> = InferAttributes<M>;

/** A statement with its organisation, campaign, version (without the package) and form, read in one query. */
export interface StatementBundle {
  statement: Values<Statement>;
  organisation: Values<Organisation>;
  campaign: Values<Campaign>;
  formVersion: Values<FormVersion>;
  form: Values<Form>;
  /**
   * Changes whenever what rules read beside the answers may have changed: the organisation's
   * transmissions (ids only grow, and replacing one inserts another) and the statement's
   * attachments (adding one raises the largest id, removing one lowers the count).
   */
  contextSignature: string;
}

type Row = Record<string, unknown>;

type Kind = 'json' | 'boolean' | 'date' | 'plain';
interface Column {
  name: string;
  /** The column's name in the table. */
  field: string;
  kind: Kind;
}
/** Each model's columns and how to read them, worked out once (the hot path reads a bundle on every save). */
const columnPlans = new WeakMap<ModelStatic<Model>, Column[]>();

function columnPlan(model: ModelStatic<Model>): Column[] {
  let plan = columnPlans.get(model);
  if (!plan) {
    plan = Object.entries(model.getAttributes()).map(([name, attribute]) => ({
      name,
      field: attribute.field ?? name,
      kind:
        attribute.type instanceof DataTypes.JSON
          ? 'json'
          : attribute.type instanceof DataTypes.BOOLEAN
            ? 'boolean'
            : attribute.type instanceof DataTypes.DATE
              ? 'date'
              : 'plain',
    }));
    columnPlans.set(model, plan);
  }
  return plan;
}

function columnsOf(model: ModelStatic<Model>, alias: string, skip: string[] = []): string[] {
  return columnPlan(model)
    .filter(({ name }) => !skip.includes(name))
    .map(({ name, field }) => `${alias}.${field} AS \`${alias}__${name}\``);
}

/** Values as the model would have read them: JSON parsed, booleans and dates typed (raw rows differ by dialect). */
function hydrate<M extends Model>(model: ModelStatic<M>, row: Row, alias: string): Values<M> {
  const values: Row = {};
  for (const { name, kind } of columnPlan(model)) {
    const key = `${alias}__${name}`;
    if (!(key in row)) continue;
    let value = row[key];
    if (value !== null && value !== undefined) {
      if (kind === 'json' && typeof value === 'string') value = JSON.parse(value);
      else if (kind === 'boolean') value = value === true || value === 1 || value === '1';
      else if (kind === 'date') value = rawDate(value);
    }
    values[name] = value;
  }
  // Plain values: building model instances cost more than the query itself on every save.
  return values as Values<M>;
}

/** The bundle's SQL, written once per set of models (it only depends on their columns). */
const bundleQueries = new WeakMap<ModelStatic<Model>, string>();

function bundleQuery({ Statement, Organisation, Campaign, FormVersion, Form }: AppState['models']): string {
  let sql = bundleQueries.get(Statement);
  if (!sql) {
    const select = [
      // The last change is the history trigger's input; nothing reads it back.
      ...columnsOf(Statement, 's', ['lastChange']),
      ...columnsOf(Organisation, 'o'),
      ...columnsOf(Campaign, 'c'),
      ...columnsOf(FormVersion, 'v', ['package', 'patch']),
      ...columnsOf(Form, 'f'),
      `(SELECT COUNT(*) FROM submissions sx JOIN statements stx ON stx.id = sx.statement_id
         WHERE stx.organisation_id = s.organisation_id AND sx.replaced_by IS NULL) AS sig_submissions`,
      `(SELECT MAX(sx.id) FROM submissions sx JOIN statements stx ON stx.id = sx.statement_id
         WHERE stx.organisation_id = s.organisation_id) AS sig_last_submission`,
      `(SELECT COUNT(*) FROM attachments ax WHERE ax.statement_id = s.id AND ax.deleted_at IS NULL) AS sig_attachments`,
      `(SELECT MAX(ax.id) FROM attachments ax WHERE ax.statement_id = s.id) AS sig_last_attachment`,
    ].join(', ');
    sql = `SELECT ${select} FROM statements s
       JOIN organisations o ON o.id = s.organisation_id
       JOIN campaigns c ON c.id = s.campaign_id
       JOIN form_versions v ON v.id = s.form_version_id
       JOIN forms f ON f.id = v.form_id
      WHERE s.id IN (:ids)`;
    bundleQueries.set(Statement, sql);
  }
  return sql;
}

function bundleOfRow({ Statement, Organisation, Campaign, FormVersion, Form }: AppState['models'], row: Row): StatementBundle {
  return {
    statement: hydrate(Statement, row, 's'),
    organisation: hydrate(Organisation, row, 'o'),
    campaign: hydrate(Campaign, row, 'c'),
    formVersion: hydrate(FormVersion, row, 'v'),
    form: hydrate(Form, row, 'f'),
    contextSignature: [row.sig_submissions, row.sig_last_submission, row.sig_attachments, row.sig_last_attachment]
      .map((value) => String(value ?? 0))
      .join(':'),
  };
}

async function readBundles(state: AppState, ids: readonly number[], transaction?: Transaction): Promise<Map<number, StatementBundle>> {
  const rows = await state.sequelize.query<Row>(bundleQuery(state.models), {
    replacements: { ids },
    type: QueryTypes.SELECT,
    transaction,
  });
  return new Map(rows.map((row) => [Number(row.s__id), bundleOfRow(state.models, row)]));
}

/** Outside a transaction, the bundles of requests that arrive together are read in one query (server/db/batch). */
const bundles = batcher<number, StatementBundle>(readBundles);

/**
 * Reads a statement and everything around it with one joined query: the hot path (every save
 * goes through it) then costs one round trip instead of five, shared with the saves that came at
 * the same time.
 */
export async function readStatementBundle(
  state: AppState,
  id: number,
  options: { transaction?: Transaction } = {},
): Promise<StatementBundle | null> {
  if (!options.transaction) return bundles(state).load(id);
  return (await readBundles(state, [id], options.transaction)).get(id) ?? null;
}
