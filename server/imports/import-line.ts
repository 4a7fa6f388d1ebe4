/** One cell as read from an import file, before it is checked against the form version. */
export interface ImportLine {
  /** 1-based line of the file (CSV line, XLSX row), for error messages. */
  line: number;
  sheet: string;
  code: string;
  /** Raw row number text ('' outside tables). */
  row: string;
  value: string | number | boolean | Date | null;
}

export interface ImportError {
  /** Line of the file, absent for errors about the whole file. */
  line?: number;
  code?: string;
  message: string;
}

export class ImportFileError extends Error {
  constructor(readonly errors: ImportError[]) {
    super(errors[0]?.message ?? 'fichier invalide');
  }
}

/** Accepted spellings of the header (the first line may be a header or directly data). */
export const HEADER = ['sheet', 'code', 'row', 'value'];
export const FRENCH_HEADER = ['feuille', 'code', 'ligne', 'valeur'];

export function isHeader(cells: unknown[]): boolean {
  const lowered = cells.slice(0, 4).map((c) =>
    String(c ?? '')
      .trim()
      .toLowerCase(),
  );
  return lowered.join(';') === HEADER.join(';') || lowered.join(';') === FRENCH_HEADER.join(';');
}
