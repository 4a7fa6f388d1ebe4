/**
 * Deterministic rule workloads for the engine benchmark, described once in a neutral form and
 * translated for each engine, so that all of them run exactly the same rules on the same data.
 */
import type { Answers } from '../../engine/api';
import type { FormPackage } from '../../engine/package/model';
import { computed, packageBuilder } from '../../engine/rules/testing';

export interface Size {
  name: string;
  sheets: number;
  groups: number; // × 10 fields per sheet
  rows: number;
  rules: number;
}

export const SIZES: Size[] = [
  { name: 'small', sheets: 3, groups: 5, rows: 100, rules: 100 },
  { name: 'medium', sheets: 15, groups: 20, rows: 1000, rules: 1000 },
  { name: 'large', sheets: 60, groups: 40, rows: 5000, rules: 5000 },
];

/** A reference to a scalar field (`S01.g03.c4`) or to a table column sum. */
export type Operand = { ref: string } | { sum: string };

export type Spec =
  | { kind: 'computed'; id: string; target: string; terms: Array<{ ref: string; coef: number }> }
  | { kind: 'close'; id: string; left: Operand; right: Operand }
  | { kind: 'greater'; id: string; left: string; right: string }
  | { kind: 'ratio'; id: string; num: string; den: string; lo: number; hi: number }
  | { kind: 'required'; id: string; when: string; field: string };

export interface Workload {
  size: Size;
  pkg: FormPackage;
  specs: Spec[];
  answers: Answers;
  /** Flat view of the scalar inputs (`S01.g03.c4` → value) and the table rows. */
  flat: Record<string, number | null>;
  rows: Array<Record<string, number>>;
  /** Cells to edit for incremental measurements. */
  edits: Array<{ sheet: string; path: string; row?: number; value: number }>;
}

const TABLE_COLUMNS = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
export const TABLE = 'S01.lignes';

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sheetId = (i: number) => `S${String(i + 1).padStart(2, '0')}`;
const group = (i: number) => `g${String(i).padStart(2, '0')}`;

export function generate(size: Size, seed = 42): Workload {
  const random = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: T[]) => list[int(0, list.length - 1)];
  const b = packageBuilder();
  const flat: Record<string, number | null> = {};
  const inputs: string[] = [];
  const optional: string[] = [];

  for (let s = 0; s < size.sheets; s++) {
    const sheet = sheetId(s);
    for (let g = 0; g < size.groups; g++) {
      for (let c = 0; c < 10; c++) {
        const ref = `${sheet}.${group(g)}.c${c}`;
        b.field(ref, 'number');
        // The last group holds optional fields, only read by requirements (some left blank).
        if (g === size.groups - 1) {
          optional.push(ref);
          flat[ref] = random() < 0.3 ? null : int(1, 1000);
        } else {
          inputs.push(ref);
          flat[ref] = int(1, 1_000_000);
        }
      }
    }
    for (let k = 0; k < 10; k++) b.field(`${sheet}.t.k${k}`, computed());
  }
  b.table(TABLE, Object.fromEntries(TABLE_COLUMNS.map((c) => [c, 'number'])));
  const rows = Array.from({ length: size.rows }, () => Object.fromEntries(TABLE_COLUMNS.map((c) => [c, int(0, 10_000_000) / 100])));
  const columnSum = (column: string) => rows.reduce((cents, r) => cents + Math.round(r[column] * 100), 0) / 100;

  const specs: Spec[] = [];
  // Chains of computed totals, 5 deep, two per sheet, the second one crossing to the previous sheet.
  const chainRules = Math.min(size.sheets * 10, Math.floor(size.rules * 0.12));
  for (let s = 0; s < size.sheets && specs.length + 10 <= chainRules; s++) {
    const sheet = sheetId(s);
    const k = (n: number) => `${sheet}.t.k${n}`;
    const input = () => pick(inputs.filter((r) => r.startsWith(`${sheet}.`)));
    const chain: Array<[number, Array<{ ref: string; coef: number }>]> = [
      [
        0,
        [
          { ref: input(), coef: 1 },
          { ref: input(), coef: 1 },
          { ref: input(), coef: 1 },
        ],
      ],
      [
        1,
        [
          { ref: k(0), coef: 1 },
          { ref: input(), coef: 1 },
        ],
      ],
      [
        2,
        [
          { ref: k(1), coef: 1 },
          { ref: k(0), coef: 1 },
          { ref: input(), coef: -1 },
        ],
      ],
      [
        3,
        [
          { ref: k(2), coef: 1 },
          { ref: input(), coef: 2 },
        ],
      ],
      [
        4,
        [
          { ref: k(3), coef: 1 },
          { ref: k(1), coef: -1 },
        ],
      ],
      [5, [{ ref: input(), coef: 2 }]],
      [
        6,
        [
          { ref: k(5), coef: 1 },
          { ref: k(4), coef: 1 },
        ],
      ],
      [
        7,
        [
          { ref: k(6), coef: 1 },
          { ref: s > 0 ? `${sheetId(s - 1)}.t.k4` : input(), coef: 1 },
        ],
      ],
      [
        8,
        [
          { ref: k(7), coef: 1 },
          { ref: input(), coef: 1 },
        ],
      ],
      [
        9,
        [
          { ref: k(8), coef: 1 },
          { ref: input(), coef: -1 },
        ],
      ],
    ];
    for (const [n, terms] of chain) specs.push({ kind: 'computed', id: `T_${sheet}_K${n}`, target: k(n), terms });
  }

  const remaining = size.rules - specs.length;
  const counts = {
    close: Math.round(remaining * 0.32),
    sums: Math.round(remaining * 0.1),
    required: Math.round(remaining * 0.22),
    ratio: Math.round(remaining * 0.22),
  };
  const greater = remaining - counts.close - counts.sums - counts.required - counts.ratio;
  const fresh = [...inputs];
  const take = () => (fresh.length > 0 ? fresh.splice(int(0, fresh.length - 1), 1)[0] : pick(inputs));

  for (let i = 0; i < counts.close; i++) {
    const left = pick(inputs);
    const right = take();
    if (right !== left) flat[right] = random() < 0.8 ? flat[left] : (flat[left] as number) + int(5, 500);
    specs.push({ kind: 'close', id: `EQ${i}`, left: { ref: left }, right: { ref: right } });
  }
  for (let i = 0; i < counts.sums; i++) {
    const column = pick(TABLE_COLUMNS);
    const total = take();
    flat[total] = random() < 0.8 ? Math.round(columnSum(column)) : Math.round(columnSum(column)) + int(5, 500);
    specs.push({ kind: 'close', id: `SUM${i}`, left: { sum: column }, right: { ref: total } });
  }
  for (let i = 0; i < counts.required; i++) {
    specs.push({ kind: 'required', id: `REQ${i}`, when: pick(inputs), field: pick(optional) });
  }
  for (let i = 0; i < counts.ratio; i++) {
    const num = pick(inputs);
    const den = pick(inputs);
    const ratio = (flat[num] as number) / (flat[den] as number);
    const lo = 0.5;
    const hi = 2;
    if (Math.abs(ratio - lo) < 1e-6 || Math.abs(ratio - hi) < 1e-6) flat[num] = (flat[num] as number) + 1;
    specs.push({ kind: 'ratio', id: `RAT${i}`, num, den, lo, hi });
  }
  const targets = specs.filter((s) => s.kind === 'computed').map((s) => (s as { target: string }).target);
  for (let i = 0; i < greater; i++) {
    const left = targets.length > 0 ? pick(targets) : pick(inputs);
    specs.push({ kind: 'greater', id: `GT${i}`, left, right: pick(inputs) });
  }

  for (const spec of specs) b.rule(toRuleDef(spec));
  const answers: Answers = {};
  for (const [ref, value] of Object.entries(flat)) {
    const [sheet, g, c] = ref.split('.');
    if (value === null) continue;
    (answers[sheet] ??= {})[g] ??= {} as Record<string, unknown>;
    (answers[sheet][g] as Record<string, unknown>)[c] = value;
  }
  (answers.S01 ??= {}).lignes = rows;

  const edits: Workload['edits'] = [];
  const readByRules = specs.flatMap((s) => (s.kind === 'close' ? [s.right] : [])).filter((o): o is { ref: string } => 'ref' in o);
  for (let i = 0; i < 400; i++) {
    if (i % 2 === 0) {
      const ref = i % 4 === 0 ? pick(readByRules).ref : pick(inputs);
      const [sheet, ...path] = ref.split('.');
      edits.push({ sheet, path: path.join('.'), value: int(1, 1_000_000) });
    } else {
      edits.push({ sheet: 'S01', path: `lignes.${pick(TABLE_COLUMNS)}`, row: int(0, size.rows - 1), value: int(0, 10_000_000) / 100 });
    }
  }
  return { size, pkg: b.build(), specs, answers, flat, rows, edits };
}

const operand = (o: Operand) => ('ref' in o ? o.ref : `SOMME(${TABLE}.${o.sum})`);

function toRuleDef(spec: Spec) {
  switch (spec.kind) {
    case 'computed':
      return {
        id: spec.id,
        kind: 'computed' as const,
        target: spec.target,
        expr: spec.terms
          .map((t, i) => `${t.coef < 0 ? ' - ' : i === 0 ? '' : ' + '}${Math.abs(t.coef) === 1 ? '' : `${Math.abs(t.coef)} * `}${t.ref}`)
          .join(''),
      };
    case 'close':
      return {
        id: spec.id,
        kind: 'check' as const,
        severity: 'blocking' as const,
        assert: `PROCHE(${operand(spec.left)}; ${operand(spec.right)})`,
        values: { a: operand(spec.left), b: operand(spec.right) },
        message: 'Écart entre {{euros a}} et {{euros b}}.',
      };
    case 'greater':
      return {
        id: spec.id,
        kind: 'check' as const,
        severity: 'warning' as const,
        assert: `${spec.left} > ${spec.right}`,
        message: 'Total trop faible.',
      };
    case 'ratio':
      return {
        id: spec.id,
        kind: 'check' as const,
        severity: 'warning' as const,
        assert: `ENTRE(${spec.num} / ${spec.den}; ${spec.lo}; ${spec.hi})`,
        message: 'Ratio hors bornes.',
      };
    case 'required':
      return {
        id: spec.id,
        kind: 'required' as const,
        severity: 'blocking' as const,
        when: `${spec.when} > 0`,
        fields: [spec.field],
        message: 'Champ obligatoire.',
      };
  }
}
