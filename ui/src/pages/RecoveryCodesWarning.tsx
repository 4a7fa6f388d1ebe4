/**
 * After a login with a recovery code, when few are left: says how many, and lets a user who still
 * has the application replace them (a current code is required); otherwise an administrator resets
 * the second factor.
 */
import { useEffect, useRef, useState } from 'react';
import type { Me } from '../api/types';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';
import { RegenerateRecoveryCodesForm } from './RegenerateRecoveryCodesForm';

const remainingText = (remaining: number) =>
  remaining === 0
    ? 'Vous avez utilisé votre dernier code de secours.'
    : remaining === 1
      ? 'Il ne vous reste qu’un code de secours.'
      : `Il ne vous reste que ${remaining} codes de secours.`;

export function RecoveryCodesWarning({ me, remaining, onContinue }: { me: Me; remaining: number; onContinue: () => void }) {
  const [fresh, setFresh] = useState<string[] | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => alertRef.current?.focus(), []);

  if (fresh) return <RecoveryCodesPanel codes={fresh} email={me.user.email} onContinue={onContinue} />;
  return (
    <>
      <div className="fr-alert fr-alert--warning fr-mb-3w" tabIndex={-1} ref={alertRef}>
        <h2 className="fr-alert__title">{remainingText(remaining)}</h2>
        <p>
          Si vous avez retrouvé votre application d’authentification, générez de nouveaux codes ci-dessous : les anciens ne vaudront plus.
          Sinon, demandez à un administrateur de la plateforme de réinitialiser votre double authentification.
        </p>
      </div>
      <RegenerateRecoveryCodesForm
        me={me}
        id="code-mfa-nouveaux-codes"
        submitLabel="Générer de nouveaux codes"
        onGenerated={setFresh}
        secondaryAction={
          <button type="button" className="fr-btn fr-btn--secondary" onClick={onContinue}>
            Continuer sans nouveaux codes
          </button>
        }
      />
    </>
  );
}
