/** `HAR-2025-000123`: the exercice and the submission's id, unique because the id is. */
export function receiptNumber(exercice: number, submissionId: number): string {
  return `HAR-${exercice}-${String(submissionId).padStart(6, '0')}`;
}
