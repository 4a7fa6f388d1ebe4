/** One string per field cell: `ER01:terrains.brut`, `ER09:emprunts.crd_fin#12` for a table cell. */
export function fieldKey(sheet: string, path: string, row?: number): string {
  return row === undefined || row === null ? `${sheet}:${path}` : `${sheet}:${path}#${row}`;
}

/** The DOM id of a field's input, derived from its key (ids must not contain ':' or '#' for CSS). */
export function fieldDomId(sheet: string, path: string, row?: number): string {
  return `f-${sheet}-${path.replace(/\./g, '-')}${row === undefined || row === null ? '' : `-r${row}`}`;
}

export function justificationKey(ruleId: string, row?: number): string {
  return row === undefined || row === null ? ruleId : `${ruleId}#${row}`;
}
