/**
 * `HAR-2025-000123` for a statement's first transmission, `HAR-2025-000123-2` after a reopening:
 * the exercice, the statement's id and the submission's number, unique because (statement,
 * number) is, and known before anything is written (no second write to fill it in).
 */
export function receiptNumber(exercice: number, statementId: number, number: number): string {
  const base = `HAR-${exercice}-${String(statementId).padStart(6, '0')}`;
  return number === 1 ? base : `${base}-${number}`;
}
