/** What the accounts console says about an account, in French. */
import type { AccountLine } from './api';

/** Roles that must use a second factor (the server's PRIVILEGED_ROLES, docs/decisions/0504). */
const SECOND_FACTOR_ROLES = ['PLATFORM_ADMIN', 'ER_EDITOR', 'FED_EDITOR', 'DHUP'];

export const mustEnrolAgain = (account: AccountLine) => SECOND_FACTOR_ROLES.includes(account.role);

const ATTACHMENT_KINDS: Record<NonNullable<AccountLine['attachment']>['type'], string> = {
  organisation: 'Organisme',
  federation: 'Fédération',
  authority: 'Autorité',
};

export const attachmentKind = (account: AccountLine) => (account.attachment ? ATTACHMENT_KINDS[account.attachment.type] : null);

export const lastLoginText = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    : 'Jamais';

export const accountsCount = (n: number) =>
  n === 0 ? 'Aucun compte trouvé.' : `${n} compte${n > 1 ? 's' : ''} trouvé${n > 1 ? 's' : ''}.`;
