import type { FieldDef } from '../../engine/package/model';
import { decodeFact } from '../transmission/fact-values';

export interface OtherFormFact {
  form_code: string;
  form_version_id: number;
  sheet: string;
  code: string;
  value: string | null;
  numeric_value: unknown;
}

/**
 * The values a rule reads as `form::SHEET.path`: the engine looks them up by the path the rule
 * writes, while facts are stored by stable code, so each fact is keyed by its field's path in the
 * version it was transmitted with.
 */
export function otherFormValues(
  facts: OtherFormFact[],
  fieldsOfVersion: (formVersionId: number) => FieldDef[],
): Record<string, Record<string, unknown>> {
  const pathByVersion = new Map<number, Map<string, string>>();
  const values: Record<string, Record<string, unknown>> = {};
  for (const fact of facts) {
    const versionId = Number(fact.form_version_id);
    let paths = pathByVersion.get(versionId);
    if (!paths) {
      paths = new Map(fieldsOfVersion(versionId).map((f) => [f.code, `${f.sheet}.${f.path}`]));
      pathByVersion.set(versionId, paths);
    }
    const path = paths.get(fact.code);
    if (path) (values[fact.form_code] ??= {})[path] = decodeFact(fact.value, fact.numeric_value);
  }
  return values;
}
