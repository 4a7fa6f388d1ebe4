/** Attachments by category, uploaded with a progress bar (XMLHttpRequest upload events). */
import { useEffect, useState } from 'react';
import type { AttachmentCategory } from '../../../engine/package/model';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import type { Attachment } from '../api/types';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} Ko`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;
}

export function AttachmentsSection({
  statementId,
  initial,
  categories,
  readOnly,
  onChange,
}: {
  statementId: string;
  initial: Attachment[];
  categories: AttachmentCategory[];
  readOnly: boolean;
  onChange: (counts: Record<string, number>) => void;
}) {
  const [list, setList] = useState<Attachment[]>(initial);
  const [progress, setProgress] = useState<Record<string, number | null>>({});
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [status, setStatus] = useState('');

  useEffect(() => {
    const counts: Record<string, number> = {};
    for (const a of list) counts[a.category] = (counts[a.category] ?? 0) + 1;
    onChange(counts);
  }, [list, onChange]);

  async function upload(category: AttachmentCategory, file: File) {
    setErrors((e) => ({ ...e, [category.code]: null }));
    const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
    if (category.accept.length && !category.accept.includes(ext)) {
      setErrors((e) => ({ ...e, [category.code]: `Format non accepté : ${category.accept.join(', ')} uniquement.` }));
      return;
    }
    setProgress((p) => ({ ...p, [category.code]: 0 }));
    try {
      const added = await api.uploadAttachment(statementId, category.code, file, (f) => setProgress((p) => ({ ...p, [category.code]: f })));
      setList((l) => [...l, added]);
      setStatus(`${file.name} a été joint.`);
    } catch (err) {
      setErrors((e) => ({ ...e, [category.code]: err instanceof ApiError ? err.message : 'L’envoi a échoué.' }));
    } finally {
      setProgress((p) => ({ ...p, [category.code]: null }));
    }
  }

  async function remove(a: Attachment) {
    try {
      await api.deleteAttachment(statementId, a.id);
      setList((l) => l.filter((x) => x.id !== a.id));
      setStatus(`${a.filename} a été retiré.`);
    } catch (err) {
      setStatus(err instanceof ApiError ? err.message : 'La suppression a échoué.');
    }
  }

  return (
    <section aria-labelledby="pj-titre">
      <h2 id="pj-titre" className="fr-h4">
        Pièces jointes
      </h2>
      <p className="fr-sr-only" role="status">
        {status}
      </p>
      {categories.length === 0 ? <p>Cette déclaration ne demande aucune pièce jointe.</p> : null}
      {categories.map((c) => {
        const files = list.filter((a) => a.category === c.code);
        const p = progress[c.code];
        const inputId = `pj-${c.code}`;
        return (
          <div key={c.code} className="fr-mb-3w" data-category={c.code}>
            <div className={`fr-upload-group${errors[c.code] ? ' fr-upload-group--error' : ''}`}>
              <label className="fr-label" htmlFor={inputId}>
                {c.label}
                <span className="fr-hint-text">Formats acceptés : {c.accept.join(', ') || 'tous'}.</span>
              </label>
              <input
                className="fr-upload"
                type="file"
                id={inputId}
                disabled={readOnly || p != null}
                accept={c.accept.map((x) => '.' + x).join(',')}
                aria-describedby={errors[c.code] ? `${inputId}-err` : undefined}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void upload(c, file);
                }}
              />
              {errors[c.code] ? (
                <p className="fr-error-text" id={`${inputId}-err`}>
                  {errors[c.code]}
                </p>
              ) : null}
            </div>
            {p != null ? (
              <div className="fr-mt-1w">
                <label htmlFor={`${inputId}-progress`} className="fr-text--sm">
                  Envoi en cours : {Math.round(p * 100)} %
                </label>
                <progress id={`${inputId}-progress`} max={1} value={p} className="hm-progress" />
              </div>
            ) : null}
            {files.length ? (
              <ul className="fr-mt-1w">
                {files.map((a) => (
                  <li key={a.id}>
                    <a className="fr-link" href={api.attachmentUrl(statementId, a.id)} download>
                      {a.filename}
                    </a>{' '}
                    <span className="fr-hint-text">({size(a.size)})</span>{' '}
                    {readOnly ? null : (
                      <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" onClick={() => void remove(a)}>
                        Retirer<span className="fr-sr-only"> {a.filename}</span>
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="fr-text--sm fr-mt-1w">Aucun fichier joint.</p>
            )}
          </div>
        );
      })}
    </section>
  );
}
