/**
 * A colleague changed a warning's justification since this page last saved it: both texts are
 * shown and the user keeps one. The other stays in the audit log; nothing is overwritten unseen.
 */
import { useEffect, useRef } from 'react';
import type { JustificationConflict } from './autosave';

export function JustificationConflictDialog({
  conflict,
  ruleTitle,
  onKeep,
}: {
  conflict: JustificationConflict;
  ruleTitle: string;
  onKeep: (text: string) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const keep = (text: string) => {
    ref.current?.close();
    onKeep(text);
  };
  return (
    <dialog ref={ref} className="hm-dialog" aria-labelledby="conflit-justification-titre" onCancel={(e) => e.preventDefault()}>
      <div className="fr-container fr-container--fluid">
        <h2 id="conflit-justification-titre" className="fr-h4">
          Justification modifiée par une autre personne entre-temps
        </h2>
        <p>
          La justification du contrôle « {ruleTitle} » a été enregistrée par une autre personne pendant que vous la rédigiez. Choisissez le
          texte à garder.
        </p>
        <h3 className="fr-h6">Version enregistrée</h3>
        <blockquote className="hm-justification-text" data-version="theirs">
          {conflict.theirs || '(aucune justification)'}
        </blockquote>
        <h3 className="fr-h6">Votre texte</h3>
        <blockquote className="hm-justification-text" data-version="mine">
          {conflict.mine || '(aucune justification)'}
        </blockquote>
        <ul className="fr-btns-group fr-btns-group--inline fr-mt-2w">
          <li>
            <button type="button" className="fr-btn" onClick={() => keep(conflict.mine)}>
              Garder mon texte
            </button>
          </li>
          <li>
            <button type="button" className="fr-btn fr-btn--secondary" onClick={() => keep(conflict.theirs)}>
              Garder la version enregistrée
            </button>
          </li>
        </ul>
      </div>
    </dialog>
  );
}
