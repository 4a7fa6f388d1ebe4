import type { StatementState } from '../api/types';

export const STATE_LABELS: Record<StatementState, string> = {
  draft: 'En cours de saisie',
  transmitted: 'Transmis',
  acknowledged: 'Transmis, accusé de réception',
  reopen_requested: 'Réouverture demandée',
  reopened: 'Rouvert',
};

export const STATE_BADGES: Record<StatementState, string> = {
  draft: 'fr-badge--info',
  transmitted: 'fr-badge--success',
  acknowledged: 'fr-badge--success',
  reopen_requested: 'fr-badge--warning',
  reopened: 'fr-badge--info',
};

export function isEditable(state: StatementState): boolean {
  return state === 'draft' || state === 'reopened';
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}
