/** French words for the values that change descriptions mention. */
import type { FieldType } from '../package/model';
import type { Severity } from '../api';

export const TYPE_LABELS: Record<FieldType, string> = {
  number: 'nombre',
  integer: 'nombre entier',
  string: 'texte',
  boolean: 'oui/non',
  date: 'date',
};

export const SEVERITY_LABELS: Record<Severity, string> = { blocking: 'bloquante', warning: 'avertissement', info: 'information' };

export const UNIT_LABELS: Record<string, string> = { EUR: '€', '%': '%', m2: 'm²', ETP: 'ETP', logements: 'logements', jours: 'jours' };

export function unitLabel(unit: string | undefined): string {
  return unit === undefined ? 'sans unité' : (UNIT_LABELS[unit] ?? unit);
}

export function severityLabel(severity: Severity | undefined): string {
  return severity ? SEVERITY_LABELS[severity] : 'sans gravité';
}
