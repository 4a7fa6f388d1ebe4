/**
 * A small builder of in-memory form packages for tests and benchmarks, until (and besides)
 * the package loader: fields are declared by their full reference, rules as written.
 */
import type { EvaluationContext } from '../api';
import type { FieldDef, FieldType, FormPackage, RuleDef, TableDef } from '../package/model';

export type FieldSpec = FieldType | { type: FieldType; readOnly?: boolean; code?: string; unit?: string };

type RuleInput = Omit<RuleDef, 'file' | 'pointer' | 'origin'> & Partial<Pick<RuleDef, 'file' | 'pointer' | 'origin'>>;

export class PackageBuilder {
  private readonly fieldDefs: FieldDef[] = [];
  private readonly tables: TableDef[] = [];
  private readonly rules: RuleDef[] = [];
  private readonly sheets = new Set<string>();
  private readonly categories: string[] = [];

  /** `field('ER01.terrains.brut', 'number')`: a field or a group field. */
  field(ref: string, spec: FieldSpec = 'number'): this {
    const [sheet, ...path] = ref.split('.');
    const group = path.length > 1 ? path[0] : undefined;
    this.add(sheet, path.join('.'), spec, { group });
    return this;
  }

  /** Several fields of one sheet at once: `fields('ER01', { a: 'number', 'g.b': 'number' })`. */
  fields(sheet: string, specs: Record<string, FieldSpec>): this {
    for (const [path, spec] of Object.entries(specs)) this.field(`${sheet}.${path}`, spec);
    return this;
  }

  /** An open table and its columns: `table('ER09.emprunts', { crd: 'number' }, 'numero')`. */
  table(ref: string, columns: Record<string, FieldSpec>, key?: string): this {
    const [sheet, path] = ref.split('.');
    this.sheets.add(sheet);
    const table: TableDef = { sheet, path, code: `${sheet}_${path}`.toUpperCase(), title: path, pointer: `/properties/${path}` };
    if (key) table.key = key;
    this.tables.push(table);
    for (const [column, spec] of Object.entries(columns)) this.add(sheet, `${path}.${column}`, spec, { table: path });
    return this;
  }

  rule(rule: RuleInput): this {
    const index = this.rules.length;
    this.rules.push({ file: 'rules.json', pointer: `/rules/${index}`, origin: 'test', ...rule } as RuleDef);
    return this;
  }

  attachmentCategory(code: string): this {
    this.categories.push(code);
    return this;
  }

  build(): FormPackage {
    return {
      manifest: {
        id: 'test',
        version: '2025.1',
        exercice: 2025,
        title: 'Test',
        owner: 'CGLLS',
        audience: ['OPH', 'ESH'],
        sheets: [...this.sheets].map((id) => ({ id, schema: `sheets/${id}.schema.json` })),
        rules: ['rules.json'],
        attachments: this.categories.map((code) => ({ code, label: code, accept: ['pdf'] })),
        prefill: [],
        templates: {},
      },
      sheets: [...this.sheets].map((id) => ({ id, title: id, schema: { type: 'object' }, ui: {}, file: `sheets/${id}.schema.json` })),
      fields: this.fieldDefs,
      tables: this.tables,
      rules: this.rules,
      templates: {},
    };
  }

  private add(sheet: string, path: string, spec: FieldSpec, where: { group?: string; table?: string }): void {
    this.sheets.add(sheet);
    const s = typeof spec === 'string' ? { type: spec } : spec;
    const field: FieldDef = {
      sheet,
      path,
      code: s.code ?? `${sheet}_${path.replace(/\./g, '_')}`.toUpperCase(),
      type: s.type,
      title: path,
      readOnly: s.readOnly ?? false,
      pointer: `/properties/${path.split('.').join('/properties/')}`,
    };
    if (s.unit) field.unit = s.unit;
    if (where.group) field.group = where.group;
    if (where.table) field.table = where.table;
    this.fieldDefs.push(field);
  }
}

export const packageBuilder = () => new PackageBuilder();

/** A computed field spec. */
export const computed = (type: FieldType = 'number'): FieldSpec => ({ type, readOnly: true });

/** An evaluation context for tests: an OPH of the Rhône, exercice 2025. */
export function testContext(overrides: Partial<EvaluationContext> = {}): EvaluationContext {
  return {
    organisation: { siren: '123456789', name: 'Office Test', kind: 'OPH', departement: '69', departements: ['69', '01'] },
    campaign: { exercice: 2025 },
    ...overrides,
  };
}
