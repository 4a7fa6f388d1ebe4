import type { OrganisationKind } from '../../engine/api';
import type { AppState } from '../context';
import type { AuthorityKind, Role } from '../db/models';
import { withLuhnDigit } from '../referential/siren';

/** The one password of every demo account (documented in the README; never in production: SEED_DEMO=0). */
export const DEMO_PASSWORD = 'Harmonia-demo-2025';
export const DEMO_DOMAIN = 'demo.harmonia.fr';

const FEDERATIONS = [
  { code: 'USH', name: 'Union sociale pour l’habitat' },
  { code: 'FOPH', name: 'Fédération des offices publics de l’habitat' },
  { code: 'FESH', name: 'Fédération des entreprises sociales pour l’habitat' },
  { code: 'FNSCHLM', name: 'Fédération nationale des sociétés coopératives d’HLM' },
  { code: 'FEDEPL', name: 'Fédération des entreprises publiques locales' },
];

const AUTHORITIES: Array<{ code: string; kind: AuthorityKind; name: string; departement?: string }> = [
  { code: 'DHUP', kind: 'DHUP', name: 'Direction de l’habitat, de l’urbanisme et des paysages' },
  { code: 'PREF-69', kind: 'PREFECTURE', name: 'Préfecture du Rhône', departement: '69' },
  { code: 'PREF-75', kind: 'PREFECTURE', name: 'Préfecture de Paris', departement: '75' },
  { code: 'PREF-13', kind: 'PREFECTURE', name: 'Préfecture des Bouches-du-Rhône', departement: '13' },
  { code: 'CDC', kind: 'CDC', name: 'Caisse des dépôts et consignations' },
  { code: 'CGLLS', kind: 'CGLLS', name: 'Caisse de garantie du logement locatif social' },
  { code: 'ANCOLS', kind: 'ANCOLS', name: 'Agence nationale de contrôle du logement social' },
];

/** Federation of each kind of organisation (MOI and SC have none here). */
const FEDERATION_OF: Record<OrganisationKind, string | null> = {
  OPH: 'FOPH',
  ESH: 'FESH',
  COOP: 'FNSCHLM',
  SEM: 'FEDEPL',
  MOI: null,
  SC: null,
};

const KIND_LABEL: Record<OrganisationKind, string> = {
  OPH: 'Office public de l’habitat',
  ESH: 'Entreprise sociale pour l’habitat',
  COOP: 'Coopérative d’HLM',
  SEM: 'SEM immobilière',
  MOI: 'Maîtrise d’ouvrage d’insertion',
  SC: 'Société de coordination',
};

/** Places of registered offices: the three préfectures' départements first, so each sees organisations. */
const PLACES: Array<{ city: string; departement: string }> = [
  { city: 'Lyon', departement: '69' },
  { city: 'Paris', departement: '75' },
  { city: 'Marseille', departement: '13' },
  { city: 'Villeurbanne', departement: '69' },
  { city: 'Bordeaux', departement: '33' },
  { city: 'Lille', departement: '59' },
  { city: 'Aix-en-Provence', departement: '13' },
  { city: 'Nantes', departement: '44' },
  { city: 'Strasbourg', departement: '67' },
  { city: 'Ajaccio', departement: '2A' },
  { city: 'Nanterre', departement: '92' },
  { city: 'Saint-Denis', departement: '974' },
];

export const KINDS: OrganisationKind[] = ['OPH', 'ESH', 'COOP', 'SEM', 'MOI', 'SC'];
const PER_KIND = 12;

export interface DemoLogin {
  role: Role;
  email: string;
  who: string;
  /** Privileged account: asks for a second-factor code (`npm run demo:code -- <email>`). */
  secondFactor?: boolean;
}

/**
 * DHUP, three préfectures, CDC, CGLLS, ANCOLS, the five federations, twelve organisations of
 * each kind (valid SIRENs), and accounts: every role once (printed at start), plus a signatory in
 * every organisation so that the demo statements have someone to transmit them.
 */
export async function seedReferential(state: AppState, passwordHash: string): Promise<DemoLogin[]> {
  const { Federation, Authority, Organisation, User } = state.models;
  const federations = new Map<string, number>();
  for (const f of FEDERATIONS) federations.set(f.code, (await Federation.create(f)).id);
  // The USH is the union of the HLM federations: each manages the USH's DIS for its members.
  for (const code of ['FOPH', 'FESH', 'FNSCHLM']) await Federation.update({ parentId: federations.get('USH')! }, { where: { code } });
  const authorities = new Map<string, number>();
  for (const a of AUTHORITIES) authorities.set(a.code, (await Authority.create({ ...a, departement: a.departement ?? null })).id);

  const logins: DemoLogin[] = [];
  const account = async (
    role: Role,
    local: string,
    name: string,
    scope: { organisationId?: number; federationId?: number; authorityId?: number },
    listed = true,
  ) => {
    const email = `${local}@${DEMO_DOMAIN}`;
    await User.create({
      email,
      name,
      passwordHash,
      role,
      organisationId: scope.organisationId ?? null,
      federationId: scope.federationId ?? null,
      authorityId: scope.authorityId ?? null,
      lockedUntil: null,
      mfaSecret: null,
      lastLoginAt: null,
    });
    if (listed) logins.push({ role, email, who: name });
  };

  for (const [k, kind] of KINDS.entries()) {
    for (let i = 0; i < PER_KIND; i += 1) {
      const place = PLACES[i % PLACES.length];
      const neighbour = PLACES[(i + 1) % 3];
      const organisation = await Organisation.create({
        siren: withLuhnDigit(String(30000000 + k * 1000 + i * 7).padStart(8, '0')),
        name: `${KIND_LABEL[kind]} ${place.city}${i >= PLACES.length ? ` ${Math.floor(i / PLACES.length) + 1}` : ''}`,
        kind,
        federationId: FEDERATION_OF[kind] ? federations.get(FEDERATION_OF[kind]!)! : null,
        departement: place.departement,
        // Stock in the siège's département and, for one in two, in a neighbouring préfecture's.
        departements: [...new Set([place.departement, ...(i % 2 === 1 ? [neighbour.departement] : [])])],
      });
      const slug = kind.toLowerCase();
      if (i === 0) {
        await account('ORG_ADMIN', `admin.${slug}`, `Administrateur — ${organisation.name}`, { organisationId: organisation.id });
        await account('ORG_SAISIE', `saisie.${slug}`, `Responsable de saisie — ${organisation.name}`, { organisationId: organisation.id });
      }
      await account(
        'ORG_SIGNATAIRE',
        i === 0 ? `signataire.${slug}` : `signataire.${slug}.${i + 1}`,
        `Signataire — ${organisation.name}`,
        { organisationId: organisation.id },
        i === 0,
      );
    }
  }
  for (const code of ['USH', 'FOPH']) {
    await account('FED_AGENT', `agent.${code.toLowerCase()}`, `Chargé d’études ${code}`, { federationId: federations.get(code)! });
    await account('FED_EDITOR', `editeur.${code.toLowerCase()}`, `Éditeur des questionnaires ${code}`, {
      federationId: federations.get(code)!,
    });
  }
  await account('DHUP', 'dhup', 'Bureau des bailleurs sociaux (DHUP)', { authorityId: authorities.get('DHUP')! });
  for (const dep of ['69', '75', '13'])
    await account('PREFECTURE', `prefecture.${dep}`, `Services de la préfecture (${dep})`, {
      authorityId: authorities.get(`PREF-${dep}`)!,
    });
  await account('PARTNER', 'cdc', 'Caisse des dépôts', { authorityId: authorities.get('CDC')! });
  await account('PARTNER', 'cglls', 'CGLLS', { authorityId: authorities.get('CGLLS')! });
  await account('PARTNER', 'ancols', 'ANCOLS', { authorityId: authorities.get('ANCOLS')! });
  await account('ER_EDITOR', 'editeur.er', 'Éditeur des états réglementaires (DHUP)', { authorityId: authorities.get('DHUP')! });
  await account('PLATFORM_ADMIN', 'admin', 'Administrateur de la plateforme', { authorityId: authorities.get('CGLLS')! });
  return logins;
}
