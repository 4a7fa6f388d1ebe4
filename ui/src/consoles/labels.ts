/** French labels of the consoles. */
import type { ChangeKind } from '../../../engine';
import type { ProgressStatus } from './api';

export const STATUS_LABELS: Record<ProgressStatus, string> = {
  not_started: 'Non commencées',
  in_progress: 'En cours',
  transmitted: 'Transmises',
  late: 'En retard',
};

export const STATUS_ORDER: ProgressStatus[] = ['transmitted', 'in_progress', 'not_started', 'late'];

export const SEVERITY_LABELS: Record<string, string> = { blocking: 'Bloquante', warning: 'Alerte', info: 'Information' };

/** The diff's change kinds, grouped the way an editor reads them. */
export function changeGroup(kind: ChangeKind): string {
  if (kind.startsWith('sheet_')) return 'Feuillets';
  if (kind.startsWith('field_') || kind.startsWith('table_')) return 'Champs et tableaux';
  if (kind.startsWith('rule_')) return 'Règles et contrôles';
  return 'Pièces jointes';
}

export const errorText = (err: unknown) => (err instanceof Error ? err.message : 'Une erreur est survenue.');

export const dateFr = (iso: string) => new Date(iso).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
