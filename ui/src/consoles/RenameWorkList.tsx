/**
 * Renaming a work list in place: a « Renommer » button opening an inline form; the server's French
 * refusal (a name already used by the authority, an empty or too long name) shows at the field.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError, consoleApi, type WorkList } from './api';
import { errorText } from './labels';

/** The server's message for the name: its field-level issue when it gives one, its message otherwise. */
function nameError(err: unknown): string {
  if (err instanceof ApiError && Array.isArray(err.details)) {
    const issue = (err.details as Array<{ path?: string; message?: string }>).find((d) => d.path === 'name');
    if (issue?.message) return issue.message;
  }
  return errorText(err);
}

export function RenameWorkList({ list, onRenamed }: { list: WorkList; onRenamed: () => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(list.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [announce, setAnnounce] = useState('');
  const opener = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  /** Where focus goes once the form opens or closes (after the render that shows the element). */
  const [focusTarget, setFocusTarget] = useState<'input' | 'opener' | null>(null);
  useEffect(() => {
    if (focusTarget === 'input') input.current?.select();
    if (focusTarget === 'opener') opener.current?.focus();
    if (focusTarget) setFocusTarget(null);
  }, [focusTarget]);

  const start = () => {
    setName(list.name);
    setError(null);
    setAnnounce('');
    setOpen(true);
    setFocusTarget('input');
  };
  const close = () => {
    setOpen(false);
    setError(null);
    setFocusTarget('opener');
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const renamed = await consoleApi.renameWorkList(list.id, name);
      setOpen(false);
      setError(null);
      setAnnounce(`Liste renommée en « ${renamed.name} ».`);
      setFocusTarget('opener');
      onRenamed();
    } catch (err) {
      setError(nameError(err));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };

  return (
    <div className="fr-mb-2w">
      {open ? (
        <form onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-labelledby="renommer-titre" className="fr-mb-2w">
          <h3 className="fr-h6" id="renommer-titre">
            Renommer la liste « {list.name} »
          </h3>
          <div className={`fr-input-group hm-narrow${error ? ' fr-input-group--error' : ''}`}>
            <label className="fr-label" htmlFor="renommer-nom">
              Nouveau nom de la liste
              <span className="fr-hint-text">120 caractères au plus, différent des autres listes de votre autorité.</span>
            </label>
            <input
              ref={input}
              id="renommer-nom"
              className={`fr-input${error ? ' fr-input--error' : ''}`}
              value={name}
              maxLength={120}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'renommer-nom-erreur' : undefined}
              onChange={(e) => setName(e.target.value)}
            />
            {error ? (
              <p id="renommer-nom-erreur" className="fr-error-text">
                {error}
              </p>
            ) : null}
          </div>
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
            <li>
              <button type="submit" className="fr-btn fr-btn--sm" disabled={busy}>
                Enregistrer le nom
              </button>
            </li>
            <li>
              <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={close}>
                Annuler
              </button>
            </li>
          </ul>
        </form>
      ) : (
        <button ref={opener} type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={start}>
          Renommer la liste « {list.name} »
        </button>
      )}
      <p role="status" aria-live="polite" className="fr-mt-1w">
        {announce}
      </p>
    </div>
  );
}
