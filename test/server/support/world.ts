import type { AppState } from '../../../server/context';
import type { Role } from '../../../server/db/models';
import { hashPassword } from '../../../server/auth/passwords';
import { ApiClient } from './client';

export const PASSWORD = 'Harmonia-test-2025!';

/**
 * A small referential with two of everything, so each test can act on its own objects and on
 * others': two federations (FOPH, FESH), organisations in three départements, two préfectures,
 * and one user per role (plus a second ORG_* trio in the other organisation).
 *
 * orgA: OPH, FOPH, siège 69          orgB: ESH, FESH, siège 75
 * orgC: OPH, FOPH, siège 13, stock in 69 (so the 69 préfecture sees it)
 */
export async function buildWorld(state: AppState) {
  const { Federation, Authority, Organisation, User } = state.models;
  const foph = await Federation.create({ code: 'FOPH', name: 'Fédération des offices publics de l’habitat' });
  const fesh = await Federation.create({ code: 'FESH', name: 'Fédération des entreprises sociales pour l’habitat' });
  const authority = (
    code: string,
    kind: 'DHUP' | 'PREFECTURE' | 'CDC' | 'CGLLS' | 'ANCOLS',
    name: string,
    departement: string | null = null,
  ) => Authority.create({ code, kind, name, departement });
  const dhup = await authority('DHUP', 'DHUP', 'Direction de l’habitat, de l’urbanisme et des paysages');
  const pref69 = await authority('PREF-69', 'PREFECTURE', 'Préfecture du Rhône', '69');
  const pref75 = await authority('PREF-75', 'PREFECTURE', 'Préfecture de Paris', '75');
  const cdc = await authority('CDC', 'CDC', 'Caisse des dépôts');
  const cgllsAuthority = await authority('CGLLS', 'CGLLS', 'Caisse de garantie du logement locatif social');
  const ancols = await authority('ANCOLS', 'ANCOLS', 'Agence nationale de contrôle du logement social');
  const orgA = await Organisation.create({
    siren: '732829320',
    name: 'Office A',
    kind: 'OPH',
    federationId: foph.id,
    departement: '69',
    departements: ['69'],
  });
  const orgB = await Organisation.create({
    siren: '552100554',
    name: 'ESH B',
    kind: 'ESH',
    federationId: fesh.id,
    departement: '75',
    departements: ['75', '92'],
  });
  const orgC = await Organisation.create({
    siren: '542107651',
    name: 'Office C',
    kind: 'OPH',
    federationId: foph.id,
    departement: '13',
    departements: ['13', '69'],
  });

  const passwordHash = await hashPassword(PASSWORD);
  const users: Record<string, { id: number; email: string; role: Role }> = {};
  const user = async (key: string, role: Role, scope: { organisationId?: number; federationId?: number; authorityId?: number }) => {
    const created = await User.create({
      email: `${key.toLowerCase()}@test.harmonia.fr`,
      name: key,
      passwordHash,
      role,
      organisationId: scope.organisationId ?? null,
      federationId: scope.federationId ?? null,
      authorityId: scope.authorityId ?? null,
      lockedUntil: null,
      mfaSecret: null,
      lastLoginAt: null,
    });
    users[key] = { id: created.id, email: created.email, role };
  };
  await user('ORG_ADMIN', 'ORG_ADMIN', { organisationId: orgA.id });
  await user('ORG_SAISIE', 'ORG_SAISIE', { organisationId: orgA.id });
  await user('ORG_SIGNATAIRE', 'ORG_SIGNATAIRE', { organisationId: orgA.id });
  await user('ORG_ADMIN_B', 'ORG_ADMIN', { organisationId: orgB.id });
  await user('ORG_SAISIE_B', 'ORG_SAISIE', { organisationId: orgB.id });
  await user('ORG_SIGNATAIRE_B', 'ORG_SIGNATAIRE', { organisationId: orgB.id });
  await user('FED_AGENT', 'FED_AGENT', { federationId: foph.id });
  await user('FED_EDITOR', 'FED_EDITOR', { federationId: foph.id });
  await user('FED_AGENT_B', 'FED_AGENT', { federationId: fesh.id });
  await user('FED_EDITOR_B', 'FED_EDITOR', { federationId: fesh.id });
  await user('DHUP', 'DHUP', { authorityId: dhup.id });
  await user('PREFECTURE', 'PREFECTURE', { authorityId: pref69.id });
  await user('PREFECTURE_B', 'PREFECTURE', { authorityId: pref75.id });
  await user('PARTNER', 'PARTNER', { authorityId: cdc.id });
  await user('ANCOLS', 'PARTNER', { authorityId: ancols.id });
  await user('ER_EDITOR', 'ER_EDITOR', { authorityId: cgllsAuthority.id });
  await user('PLATFORM_ADMIN', 'PLATFORM_ADMIN', { authorityId: cgllsAuthority.id });

  return {
    federations: { foph, fesh },
    authorities: { dhup, pref69, pref75, cdc, cgllsAuthority, ancols },
    organisations: { orgA, orgB, orgC },
    users,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** A client logged in as one of the world's users (by key, e.g. `ORG_SAISIE_B`). */
export async function clientFor(baseUrl: string, world: World, key: string): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  const res = await client.login(world.users[key].email, PASSWORD);
  if (!res.ok) throw new Error(`login as ${key} failed: ${res.status} ${await res.text()}`);
  return client;
}
