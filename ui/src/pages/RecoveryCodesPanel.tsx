/**
 * The recovery codes, shown once (after enrolment or a regeneration): copy, download as text, and
 * a checkbox the user ticks to say they kept them before going on.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';

const FILE_NAME = 'harmonia-codes-de-secours.txt';

function fileText(codes: string[], email: string): string {
  return [
    `Codes de secours Harmonia — ${email}`,
    `Générés le ${new Date().toLocaleString('fr-FR')}`,
    'Chaque code ne sert qu’une fois, à la place du code de votre application d’authentification.',
    '',
    ...codes,
    '',
  ].join('\n');
}

function download(text: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  link.download = FILE_NAME;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function RecoveryCodesPanel({ codes, email, onContinue }: { codes: string[]; email: string; onContinue: () => void }) {
  const [kept, setKept] = useState(false);
  const [missingConsent, setMissingConsent] = useState(false);
  const [status, setStatus] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const checkboxRef = useRef<HTMLInputElement>(null);

  // The panel replaces the code form: its heading takes the focus, so a screen reader reads it.
  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setStatus('Les 10 codes de secours ont été copiés dans le presse-papiers.');
    } catch {
      setStatus('La copie n’a pas été possible : téléchargez les codes ou recopiez-les.');
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!kept) {
      setMissingConsent(true);
      checkboxRef.current?.focus();
      return;
    }
    onContinue();
  }

  return (
    <section className="fr-callout fr-mb-3w" aria-labelledby="codes-secours-titre">
      <h2 className="fr-callout__title" id="codes-secours-titre" tabIndex={-1} ref={headingRef}>
        Vos codes de secours
      </h2>
      <p className="fr-callout__text">
        Si vous n’avez plus accès à votre application d’authentification (téléphone perdu ou changé), chacun de ces codes permet de vous
        connecter une seule fois à sa place. Conservez-les en lieu sûr, par exemple dans un gestionnaire de mots de passe :
        <strong> ils ne seront plus affichés.</strong>
      </p>
      <ul className="fr-raw-list fr-my-2w" aria-label="Codes de secours, à usage unique">
        {codes.map((code) => (
          <li key={code}>
            <code className="fr-text--lg">{code}</code>
          </li>
        ))}
      </ul>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        <li>
          <button type="button" className="fr-btn fr-btn--secondary" onClick={copy}>
            Copier les codes
          </button>
        </li>
        <li>
          <button type="button" className="fr-btn fr-btn--secondary" onClick={() => download(fileText(codes, email))}>
            Télécharger les codes (.txt)
          </button>
        </li>
      </ul>
      <p role="status" className="fr-text--sm">
        {status}
      </p>
      <form onSubmit={submit} noValidate>
        <div className={`fr-checkbox-group${missingConsent && !kept ? ' fr-checkbox-group--error' : ''}`}>
          <input
            type="checkbox"
            id="codes-conserves"
            ref={checkboxRef}
            checked={kept}
            aria-describedby={missingConsent && !kept ? 'codes-conserves-erreur' : undefined}
            onChange={(e) => setKept(e.target.checked)}
          />
          <label className="fr-label" htmlFor="codes-conserves">
            J’ai conservé mes codes de secours
          </label>
          {missingConsent && !kept ? (
            <p className="fr-error-text" id="codes-conserves-erreur" role="alert">
              Conservez vos codes de secours, puis cochez cette case pour continuer.
            </p>
          ) : null}
        </div>
        <button type="submit" className="fr-btn fr-mt-2w">
          Continuer
        </button>
      </form>
    </section>
  );
}
