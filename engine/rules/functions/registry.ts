/**
 * The function registry, as data: signatures for the checker, implementations for the evaluator.
 * Implementations receive evaluated arguments (never errors; never blanks unless `blanks` is
 * 'handle') and return a value; they never throw on user data.
 */
import { ExactSum, add, divide, multiply, round, subtract } from '../decimal';
import type { Expr } from '../parser/ast';
import { FUNCTION_NAMES } from './names';
import { defaultTolerance } from './tolerance';
import { RuleError, isoDate, parseIsoDate } from './values';
import type { Type, Value } from './values';

/**
 * Parameter kinds: a scalar type, `any` scalar, `numbers` (numbers or lists of numbers: the
 * aggregates), `values` (any scalar or list), `literal` (a string literal, e.g. a category or a
 * pattern), `field` (a field reference whose stable code is passed: N1).
 */
export type ParamType = 'number' | 'string' | 'boolean' | 'date' | 'any' | 'numbers' | 'values' | 'literal' | 'field';

export interface ParamSpec {
  name: string;
  type: ParamType;
  optional?: boolean;
  /** The last parameter may repeat. */
  variadic?: boolean;
}

/** What the evaluator gives to functions that read the statement's context. */
export interface FunctionEnv {
  previous: (code: string) => Value;
  attachments: (category: string) => number;
}

export interface FunctionDef {
  name: string;
  aliases: string[];
  params: ParamSpec[];
  /** Result type, or a function of the argument types (SI, DEFAUT, MIN ...). */
  returns: Type | ((args: Type[]) => Type);
  /** 'propagate': any blank argument gives blank without calling impl. */
  blanks: 'propagate' | 'handle';
  /** Accepts table columns and wildcards (lists) as arguments. */
  aggregate?: boolean;
  /** Static preparation from the argument nodes, done once at compile time (regex, tolerance). */
  prepare?: (args: Expr[]) => unknown;
  impl: (args: Value[], env: FunctionEnv, prepared: unknown) => Value;
  /** One-line French description, for the reference documentation and the editor. */
  summary: string;
}

const numbersOf = (args: Value[]): number[] => {
  const out: number[] = [];
  const visit = (v: Value) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'number') out.push(v);
  };
  args.forEach(visit);
  return out;
};

const firstNonBlank = (types: Type[]): Type => types.find((t) => t !== 'blank') ?? 'blank';
const elementOf = (t: Type): Type => (t.startsWith('list<') ? (t.slice(5, -1) as Type) : t);

function sum(values: number[]): Value {
  if (values.length === 0) return null;
  const acc = new ExactSum();
  for (const v of values) acc.add(v);
  return acc.value();
}

function threeValued(args: Value[], dominant: boolean): Value {
  let sawBlank = false;
  for (const v of args) {
    if (v === dominant) return dominant;
    if (v === null) sawBlank = true;
  }
  return sawBlank ? null : !dominant;
}

function close(args: Value[], prepared: unknown): Value {
  const [a, b, abs, rel] = args as [number, number, number | null | undefined, number | null | undefined];
  const gap = Math.abs(subtract(a, b));
  const absolute = abs ?? (prepared as number);
  const relative = rel == null ? 0 : multiply(rel, Math.max(Math.abs(a), Math.abs(b)));
  return gap <= Math.max(absolute, relative);
}

const def = (d: Omit<FunctionDef, 'aliases'>): FunctionDef => ({ ...d, aliases: FUNCTION_NAMES[d.name] ?? [] });

/** An aggregate over numbers and lists of numbers: blanks ignored, blank when nothing is left. */
function numericAggregate(name: string, summary: string, reduce: (values: number[]) => Value): FunctionDef {
  return def({
    name,
    summary,
    params: [{ name: 'valeurs', type: 'numbers', variadic: true }],
    returns: 'number',
    blanks: 'handle',
    aggregate: true,
    impl: (args) => {
      const values = numbersOf(args);
      return values.length === 0 ? null : reduce(values);
    },
  });
}

export const FUNCTIONS: FunctionDef[] = [
  def({
    name: 'SI',
    summary: 'Renvoie a si la condition est vraie, b sinon.',
    params: [
      { name: 'condition', type: 'boolean' },
      { name: 'si_vrai', type: 'any' },
      { name: 'si_faux', type: 'any', optional: true },
    ],
    returns: (t) => firstNonBlank(t.slice(1)),
    blanks: 'handle',
    impl: ([c, a, b]) => (c === null ? null : c ? a : (b ?? null)),
  }),
  def({
    name: 'ET',
    summary: 'Vrai si toutes les conditions sont vraies.',
    params: [{ name: 'condition', type: 'boolean', variadic: true }],
    returns: 'boolean',
    blanks: 'handle',
    impl: (args) => threeValued(args, false),
  }),
  def({
    name: 'OU',
    summary: 'Vrai si au moins une condition est vraie.',
    params: [{ name: 'condition', type: 'boolean', variadic: true }],
    returns: 'boolean',
    blanks: 'handle',
    impl: (args) => threeValued(args, true),
  }),
  def({
    name: 'NON',
    summary: 'Inverse une condition.',
    params: [{ name: 'condition', type: 'boolean' }],
    returns: 'boolean',
    blanks: 'propagate',
    impl: ([c]) => !c,
  }),
  numericAggregate('SOMME', 'Somme des nombres (les cellules vides sont ignorées).', (v) => sum(v)),
  def({
    name: 'NB',
    summary: 'Nombre de valeurs non vides.',
    params: [{ name: 'valeurs', type: 'values', variadic: true }],
    returns: 'number',
    blanks: 'handle',
    aggregate: true,
    impl: (args) => {
      let n = 0;
      const visit = (v: Value) => (Array.isArray(v) ? v.forEach(visit) : v !== null && n++);
      args.forEach(visit);
      return n;
    },
  }),
  numericAggregate('MIN', 'Plus petite valeur.', (v) => v.reduce((a, b) => (b < a ? b : a))),
  numericAggregate('MAX', 'Plus grande valeur.', (v) => v.reduce((a, b) => (b > a ? b : a))),
  numericAggregate('MOYENNE', 'Moyenne des valeurs non vides.', (v) => divide(sum(v) as number, v.length)),
  def({
    name: 'ABS',
    summary: 'Valeur absolue.',
    params: [{ name: 'x', type: 'number' }],
    returns: 'number',
    blanks: 'propagate',
    impl: ([x]) => Math.abs(x as number),
  }),
  def({
    name: 'ARRONDI',
    summary: 'Arrondit à n décimales (au plus proche, 0,5 vers le haut en valeur absolue).',
    params: [
      { name: 'x', type: 'number' },
      { name: 'n', type: 'number', optional: true },
    ],
    returns: 'number',
    blanks: 'propagate',
    impl: ([x, n]) => {
      const places = (n ?? 0) as number;
      if (!Number.isInteger(places) || places > 15 || places < -15) return new RuleError('INVALID_ARGUMENT');
      return round(x as number, places);
    },
  }),
  def({
    name: 'ESTVIDE',
    summary: 'Vrai si la valeur est vide.',
    params: [{ name: 'x', type: 'any' }],
    returns: 'boolean',
    blanks: 'handle',
    impl: ([x]) => x === null,
  }),
  def({
    name: 'DEFAUT',
    summary: 'Renvoie x, ou y si x est vide.',
    params: [
      { name: 'x', type: 'any' },
      { name: 'y', type: 'any' },
    ],
    returns: firstNonBlank,
    blanks: 'handle',
    impl: ([x, y]) => (x === null ? y : x),
  }),
  def({
    name: 'ENTRE',
    summary: 'Vrai si a ≤ x ≤ b.',
    params: [
      { name: 'x', type: 'any' },
      { name: 'a', type: 'any' },
      { name: 'b', type: 'any' },
    ],
    returns: 'boolean',
    blanks: 'propagate',
    impl: ([x, a, b]) => (x as number) >= (a as number) && (x as number) <= (b as number),
  }),
  def({
    name: 'DANS',
    summary: 'Vrai si x est l’une des valeurs données (ou d’une liste).',
    params: [
      { name: 'x', type: 'any' },
      { name: 'valeurs', type: 'values', variadic: true },
    ],
    returns: 'boolean',
    blanks: 'handle',
    aggregate: true,
    impl: ([x, ...rest]) => {
      if (x === null) return null;
      const found = (v: Value): boolean => (Array.isArray(v) ? v.some(found) : v === x);
      return rest.some(found);
    },
  }),
  def({
    name: 'NBCAR',
    summary: 'Nombre de caractères d’un texte.',
    params: [{ name: 's', type: 'string' }],
    returns: 'number',
    blanks: 'propagate',
    impl: ([s]) => [...(s as string)].length,
  }),
  def({
    name: 'CORRESPOND',
    summary: 'Vrai si le texte correspond entièrement au motif (expression régulière).',
    params: [
      { name: 's', type: 'string' },
      { name: 'motif', type: 'literal' },
    ],
    returns: 'boolean',
    blanks: 'propagate',
    prepare: (args) => (args[1]?.type === 'String' ? new RegExp(`^(?:${args[1].value})$`, 'u') : undefined),
    impl: ([s], _env, regex) => (regex as RegExp).test(s as string),
  }),
  def({
    name: 'DATE',
    summary: 'Date à partir de l’année, du mois et du jour.',
    params: [
      { name: 'annee', type: 'number' },
      { name: 'mois', type: 'number' },
      { name: 'jour', type: 'number' },
    ],
    returns: 'date',
    blanks: 'propagate',
    impl: ([y, m, d]) => isoDate(y as number, m as number, d as number) ?? new RuleError('INVALID_DATE'),
  }),
  def({
    name: 'ANNEE',
    summary: 'Année d’une date.',
    params: [{ name: 'd', type: 'date' }],
    returns: 'number',
    blanks: 'propagate',
    impl: ([d]) => parseIsoDate(d as string)?.year ?? new RuleError('INVALID_DATE'),
  }),
  def({
    name: 'PROCHE',
    summary: 'Vrai si a et b sont égaux à la tolérance près.',
    params: [
      { name: 'a', type: 'number' },
      { name: 'b', type: 'number' },
      { name: 'tolerance', type: 'number', optional: true },
      { name: 'relative', type: 'number', optional: true },
    ],
    returns: 'boolean',
    blanks: 'propagate',
    prepare: (args) => (args.length >= 2 ? defaultTolerance(args[0], args[1]) : 1),
    impl: (args, _env, prepared) => close(args, prepared),
  }),
  def({
    name: 'N1',
    summary: 'Valeur du champ dans l’état transmis de l’exercice précédent.',
    params: [{ name: 'champ', type: 'field' }],
    returns: (t) => t[0] ?? 'unknown',
    blanks: 'handle',
    impl: ([code], env) => env.previous(code as string),
  }),
  def({
    name: 'NBPIECES',
    summary: 'Nombre de pièces jointes d’une catégorie.',
    params: [{ name: 'categorie', type: 'literal' }],
    returns: 'number',
    blanks: 'handle',
    impl: ([category], env) => env.attachments(category as string),
  }),
];

/** A registry instance: look up by canonical name. Clone it to extend the language. */
export class FunctionRegistry {
  private readonly byName: Map<string, FunctionDef>;

  constructor(defs: FunctionDef[] = FUNCTIONS) {
    this.byName = new Map(defs.map((d) => [d.name, d]));
  }

  get(name: string): FunctionDef | undefined {
    return this.byName.get(name);
  }

  all(): FunctionDef[] {
    return [...this.byName.values()];
  }

  /** Admissible argument counts. */
  arity(d: FunctionDef): { min: number; max: number } {
    const min = d.params.filter((p) => !p.optional && !p.variadic).length + (d.params.some((p) => p.variadic) ? 1 : 0);
    const max = d.params.some((p) => p.variadic) ? Infinity : d.params.length;
    return { min, max };
  }

  with(defs: FunctionDef[]): FunctionRegistry {
    return new FunctionRegistry([...this.all(), ...defs]);
  }
}

export const defaultRegistry = new FunctionRegistry();

/** Arithmetic and comparison operators share the exact-decimal and blank rules of functions. */
export const arithmetic = { add, subtract, multiply, divide };
export { elementOf };
