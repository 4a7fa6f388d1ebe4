import type { FieldDef } from '../../engine/package/model';
import { columnOf } from './cells';

/** Drops computed (read-only) fields from a sheet's data: the server computes them, clients never set them. */
export function withoutComputed(sheetData: Record<string, unknown>, fields: FieldDef[]): Record<string, unknown> {
  for (const field of fields) {
    if (!field.readOnly) continue;
    if (field.table) {
      const rows = sheetData[field.table];
      if (Array.isArray(rows))
        for (const row of rows) if (row && typeof row === 'object') delete (row as Record<string, unknown>)[columnOf(field)];
      continue;
    }
    const keys = field.path.split('.');
    let target: unknown = sheetData;
    for (const key of keys.slice(0, -1))
      target = target && typeof target === 'object' ? (target as Record<string, unknown>)[key] : undefined;
    if (target && typeof target === 'object') delete (target as Record<string, unknown>)[keys[keys.length - 1]];
  }
  return sheetData;
}
