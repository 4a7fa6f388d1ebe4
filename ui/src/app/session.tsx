import { createContext, useContext } from 'react';
import type { Me } from '../api/types';

export interface SessionValue {
  me: Me | null;
  setMe: (me: Me | null) => void;
}

export const SessionContext = createContext<SessionValue>({ me: null, setMe: () => {} });

export function useSession(): SessionValue {
  return useContext(SessionContext);
}

/** The second-factor step the server still expects of this session ('enrol', 'verify'), or null. */
export type SecondFactorStep = 'enrol' | 'verify';

export function pendingSecondFactor(me: Me | null): SecondFactorStep | null {
  const step = (me as (Me & { mfa?: unknown }) | null)?.mfa;
  return step === 'enrol' || step === 'verify' ? step : null;
}

const ROLE_LABELS: Record<string, string> = {
  ORG_ADMIN: 'Administrateur de l’organisme',
  ORG_SAISIE: 'Saisie',
  ORG_SIGNATAIRE: 'Signataire',
  FED_AGENT: 'Fédération',
  FED_EDITOR: 'Éditeur (fédération)',
  PREFECTURE: 'Préfecture',
  DHUP: 'DHUP',
  PARTNER: 'Partenaire',
  ER_EDITOR: 'Éditeur des états réglementaires',
  PLATFORM_ADMIN: 'Administrateur de la plateforme',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role.toUpperCase()] ?? role;
}

/** Who may transmit (the server decides; this only chooses what to offer). */
export function canTransmit(role: string | undefined): boolean {
  return role?.toUpperCase() === 'ORG_SIGNATAIRE';
}

/** Who may edit an organisation's statements. */
export function canEdit(role: string | undefined): boolean {
  return ['ORG_SAISIE', 'ORG_SIGNATAIRE', 'ORG_ADMIN'].includes(role?.toUpperCase() ?? '');
}
