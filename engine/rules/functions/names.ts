/**
 * Canonical function names and their aliases. The parser normalises every spelling to the
 * canonical French name, so the checker and the evaluator only see a closed set.
 */
export const FUNCTION_NAMES: Record<string, string[]> = {
  SI: ['IF'],
  ET: ['AND'],
  OU: ['OR'],
  NON: ['NOT'],
  SOMME: ['SUM'],
  NB: ['COUNT'],
  MIN: [],
  MAX: [],
  MOYENNE: ['AVG', 'AVERAGE'],
  ABS: [],
  ARRONDI: ['ROUND'],
  ESTVIDE: ['ISBLANK'],
  DEFAUT: ['DEFAULT'],
  ENTRE: ['BETWEEN'],
  DANS: ['IN'],
  NBCAR: ['LEN'],
  CORRESPOND: ['MATCHES'],
  DATE: [],
  ANNEE: ['YEAR'],
  PROCHE: ['CLOSE'],
  N1: ['PREVIOUS'],
  NBPIECES: ['ATTACHMENTS'],
};

const CANONICAL = new Map<string, string>();
for (const [name, aliases] of Object.entries(FUNCTION_NAMES)) {
  CANONICAL.set(name, name);
  for (const alias of aliases) CANONICAL.set(alias, name);
}

/** Canonical name of a function as written (case-insensitive); unknown names are upper-cased as is. */
export function canonicalFunctionName(written: string): string {
  const upper = written.toUpperCase();
  return CANONICAL.get(upper) ?? upper;
}
