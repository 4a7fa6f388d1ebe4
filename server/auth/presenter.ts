import type { AppState } from '../context';
import type { MfaPending } from '../db/models';
import type { Actor } from '../policies/actor';
import { unusedRecoveryCodes } from './mfa-recovery';

/**
 * GET /api/auth/me and the login answer: who is connected, for which body, the CSRF token to send
 * back, and the second-factor step still due ('enrol', 'verify') or null.
 */
export async function presentMe(state: AppState, actor: Actor, csrfToken: string, mfa: MfaPending | null = null) {
  const { Organisation, Federation, Authority } = state.models;
  const organisation = actor.organisationId ? await Organisation.findByPk(actor.organisationId) : null;
  const federation = actor.federationId ? await Federation.findByPk(actor.federationId) : null;
  const authority = actor.authorityId ? await Authority.findByPk(actor.authorityId) : null;
  return {
    user: { id: actor.id, email: actor.email, name: actor.name, role: actor.role },
    organisation: organisation
      ? {
          id: organisation.id,
          siren: organisation.siren,
          name: organisation.name,
          kind: organisation.kind,
          departement: organisation.departement,
        }
      : null,
    federation: federation ? { id: federation.id, code: federation.code, name: federation.name } : null,
    authority: authority
      ? { id: authority.id, code: authority.code, kind: authority.kind, name: authority.name, departement: authority.departement }
      : null,
    csrfToken,
    mfa,
  };
}

/**
 * GET /api/auth/me: presentMe plus the number of unused recovery codes, so that the account page
 * can show it and the ui can invite a user who has none left to generate new ones. Null for an
 * account without a second factor, and while the second factor is still due: a password alone
 * does not tell how many codes the account holds.
 */
export async function presentSession(state: AppState, actor: Actor, csrfToken: string, mfa: MfaPending | null) {
  const user = mfa === null ? await state.models.User.findByPk(actor.id, { attributes: ['mfaEnabled'] }) : null;
  const recoveryCodesRemaining = user?.mfaEnabled ? await unusedRecoveryCodes(state, actor.id) : null;
  return { ...(await presentMe(state, actor, csrfToken, mfa)), recoveryCodesRemaining };
}
