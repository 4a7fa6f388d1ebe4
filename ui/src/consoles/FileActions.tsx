/** Add, rename and remove the files of a draft package, its manifest kept in step (./packageEdit). */
import { useEffect, useState, type FormEvent } from 'react';
import type { PackageFiles } from '../../../engine';
import { addRulesFile, addSheet, addUiSchema, removeFile, renameFile, type Edit } from './packageEdit';

type Kind = 'sheet' | 'ui' | 'rules';

/** Own sheets without a UI schema yet, from the manifest as typed (none when it does not parse). */
function sheetsWithoutUi(files: PackageFiles): string[] {
  try {
    const manifest = JSON.parse(files['manifest.json']) as { sheets?: Array<{ id: string; schema?: string; ui?: string }> };
    return (manifest.sheets ?? []).filter((s) => s.schema && !s.ui).map((s) => s.id);
  } catch {
    return [];
  }
}

export function FileActions({
  files,
  selected,
  onChange,
}: {
  files: PackageFiles;
  selected: string;
  onChange: (files: PackageFiles, selected: string) => void;
}) {
  const [name, setName] = useState(selected);
  const [kind, setKind] = useState<Kind>('sheet');
  const [sheetId, setSheetId] = useState('');
  const [title, setTitle] = useState('');
  const [rulesPath, setRulesPath] = useState('regles.json');
  const [uiSheet, setUiSheet] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => setName(selected), [selected]);
  const candidates = sheetsWithoutUi(files);

  const apply = (edit: Edit) => {
    if ('error' in edit) {
      setMessage({ text: edit.error, error: true });
      return;
    }
    setMessage({ text: edit.message, error: false });
    onChange(edit.files, edit.selected);
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (kind === 'sheet') apply(addSheet(files, sheetId.trim(), title.trim()));
    else if (kind === 'ui') apply(addUiSchema(files, uiSheet || candidates[0] || ''));
    else apply(addRulesFile(files, rulesPath.trim()));
  };
  const rename = (e: FormEvent) => {
    e.preventDefault();
    apply(renameFile(files, selected, name.trim()));
  };

  return (
    <div className="fr-mt-3w" data-testid="file-actions">
      {selected !== 'manifest.json' ? (
        <form onSubmit={rename} className="fr-mb-2w" aria-label={`Renommer ou supprimer ${selected}`}>
          <div className="fr-input-group fr-mb-1w">
            <label className="fr-label" htmlFor="fichier-nom">
              Nouveau nom de {selected}
            </label>
            <input id="fichier-nom" className="fr-input" value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
            <li>
              <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary">
                Renommer
              </button>
            </li>
            <li>
              <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => apply(removeFile(files, selected))}>
                Supprimer {selected}
              </button>
            </li>
          </ul>
        </form>
      ) : null}
      <form onSubmit={add} aria-labelledby="ajout-fichier-titre">
        <h3 className="fr-h6" id="ajout-fichier-titre">
          Ajouter un fichier
        </h3>
        <div className="fr-select-group fr-mb-1w">
          <label className="fr-label" htmlFor="ajout-type">
            Type de fichier
          </label>
          <select id="ajout-type" className="fr-select" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="sheet">Feuillet (schéma JSON)</option>
            <option value="ui">Schéma d’interface d’un feuillet</option>
            <option value="rules">Fichier de règles</option>
          </select>
        </div>
        {kind === 'sheet' ? (
          <>
            <div className="fr-input-group fr-mb-1w">
              <label className="fr-label" htmlFor="ajout-feuillet">
                Identifiant du feuillet
                <span className="fr-hint-text">Une majuscule puis majuscules, chiffres ou « _ » (ex. ER12).</span>
              </label>
              <input id="ajout-feuillet" className="fr-input" value={sheetId} onChange={(e) => setSheetId(e.target.value.toUpperCase())} />
            </div>
            <div className="fr-input-group fr-mb-1w">
              <label className="fr-label" htmlFor="ajout-titre">
                Titre du feuillet
              </label>
              <input id="ajout-titre" className="fr-input" value={title} onChange={(e) => setTitle(e.target.value)} />
            </div>
          </>
        ) : null}
        {kind === 'ui' ? (
          candidates.length ? (
            <div className="fr-select-group fr-mb-1w">
              <label className="fr-label" htmlFor="ajout-ui">
                Feuillet
              </label>
              <select id="ajout-ui" className="fr-select" value={uiSheet || candidates[0]} onChange={(e) => setUiSheet(e.target.value)}>
                {candidates.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="fr-text--sm">Chaque feuillet a déjà son schéma d’interface.</p>
          )
        ) : null}
        {kind === 'rules' ? (
          <div className="fr-input-group fr-mb-1w">
            <label className="fr-label" htmlFor="ajout-regles">
              Chemin du fichier de règles
            </label>
            <input id="ajout-regles" className="fr-input" value={rulesPath} onChange={(e) => setRulesPath(e.target.value)} />
          </div>
        ) : null}
        <button type="submit" className="fr-btn fr-btn--sm">
          Ajouter le fichier
        </button>
      </form>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={`fr-text--sm fr-mt-1w${message.error ? ' fr-error-text' : ''}`}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
