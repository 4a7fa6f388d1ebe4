import { useSyncExternalStore } from 'react';
import { formatTime } from '../format/number';
import type { Autosaver } from './autosave';

/** « Enregistré à 14:32 », « Enregistrement… », « Échec, nouvel essai… »: always visible, announced politely. */
export function SaveStatusView({ saver }: { saver: Autosaver }) {
  const status = useSyncExternalStore(
    (l) => saver.subscribe(l),
    () => saver.status,
  );
  let text: string;
  let tone = 'info';
  switch (status.kind) {
    case 'saved':
      text = status.at ? `Enregistré à ${formatTime(status.at)}` : 'Aucune modification';
      tone = 'success';
      break;
    case 'pending':
      text = 'Modifications non enregistrées';
      break;
    case 'saving':
      text = 'Enregistrement…';
      break;
    case 'retrying':
      text = `Échec, nouvel essai dans ${Math.round(status.inMs / 1000)} s… (${status.message}) Vos saisies sont conservées.`;
      tone = 'warning';
      break;
    case 'conflict':
      text = 'Conflit : quelqu’un d’autre a enregistré entre-temps. Choisissez les valeurs à garder.';
      tone = 'error';
      break;
    case 'expired':
      text = 'Session expirée : vos saisies sont conservées dans ce navigateur. Reconnectez-vous pour les enregistrer.';
      tone = 'error';
      break;
  }
  return (
    <p className={`fr-badge fr-badge--${tone} fr-badge--no-icon hm-save-status`} role="status" data-save-status={status.kind}>
      {text}
    </p>
  );
}
