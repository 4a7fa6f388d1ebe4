import { ORG_A, ORG_B, each, type AccessRow } from './matrix';

/** The organisation the platform administrator creates here (OPH, 75, no federation): later rows see it. */
export const CREATED_ORGANISATION = { siren: '130003015', departement: '75' } as const;

const SEE_ALL = ['DHUP', 'PARTNER', 'ANCOLS', 'ER_EDITOR', 'PLATFORM_ADMIN'] as const;

export const referentialRows: AccessRow[] = [
  { name: 'who am I', method: 'GET', route: '/api/auth/me', path: () => '/api/auth/me', expect: {}, otherwise: 200 },
  { name: 'federations', method: 'GET', route: '/api/federations', path: () => '/api/federations', expect: {}, otherwise: 200 },
  { name: 'authorities', method: 'GET', route: '/api/authorities', path: () => '/api/authorities', expect: {}, otherwise: 200 },
  {
    name: 'organisations (scoped list)',
    method: 'GET',
    route: '/api/organisations',
    path: () => '/api/organisations',
    expect: {},
    otherwise: 200,
  },
  {
    name: 'orgA (FOPH, siège 69)',
    method: 'GET',
    route: '/api/organisations/:id',
    path: (f) => `/api/organisations/${f.organisations.orgA.id}`,
    expect: { ...each([...ORG_A, 'FED_AGENT', 'FED_EDITOR', 'PREFECTURE', ...SEE_ALL], 200) },
    otherwise: 404,
  },
  {
    name: 'orgC (FOPH, siège 13, stock in 69)',
    method: 'GET',
    route: '/api/organisations/:id',
    path: (f) => `/api/organisations/${f.organisations.orgC.id}`,
    expect: { ...each(['FED_AGENT', 'FED_EDITOR', 'PREFECTURE', ...SEE_ALL], 200) },
    otherwise: 404,
  },
  {
    name: 'create an organisation',
    method: 'POST',
    route: '/api/organisations',
    path: () => '/api/organisations',
    body: () => ({
      siren: CREATED_ORGANISATION.siren,
      name: 'Nouvel office',
      kind: 'OPH',
      departement: CREATED_ORGANISATION.departement,
      departements: [CREATED_ORGANISATION.departement],
    }),
    expect: { PLATFORM_ADMIN: 201 },
    otherwise: 403,
  },
  {
    name: 'change orgB (FESH, 75)',
    method: 'PATCH',
    route: '/api/organisations/:id',
    path: (f) => `/api/organisations/${f.organisations.orgB.id}`,
    body: () => ({ name: 'ESH B' }),
    expect: { PLATFORM_ADMIN: 200, ...each([...ORG_A, 'FED_AGENT', 'FED_EDITOR', 'PREFECTURE'], 404) },
    otherwise: 403,
  },
  {
    name: 'users of orgA',
    method: 'GET',
    route: '/api/organisations/:id/users',
    path: (f) => `/api/organisations/${f.organisations.orgA.id}/users`,
    expect: { ORG_ADMIN: 200, PLATFORM_ADMIN: 200, ...each([...ORG_B, 'FED_AGENT_B', 'FED_EDITOR_B', 'PREFECTURE_B'], 404) },
    otherwise: 403,
  },
  {
    name: 'create a data-entry user in orgA',
    method: 'POST',
    route: '/api/organisations/:id/users',
    path: (f) => `/api/organisations/${f.organisations.orgA.id}/users`,
    body: (_f, who) => ({
      email: `saisie-${who.toLowerCase()}@test.harmonia.fr`,
      name: 'Nouvelle saisie',
      role: 'ORG_SAISIE',
      password: 'Harmonia-nouveau-2025!',
    }),
    expect: { ORG_ADMIN: 201, PLATFORM_ADMIN: 201, ...each([...ORG_B, 'FED_AGENT_B', 'FED_EDITOR_B', 'PREFECTURE_B'], 404) },
    otherwise: 403,
  },
  {
    name: 'create a DHUP account inside orgA (role out of reach of an organisation administrator)',
    method: 'POST',
    route: '/api/organisations/:id/users',
    path: (f) => `/api/organisations/${f.organisations.orgA.id}/users`,
    body: (_f, who) => ({
      email: `dhup-${who.toLowerCase()}@test.harmonia.fr`,
      name: 'Intrus',
      role: 'DHUP',
      password: 'Harmonia-nouveau-2025!',
    }),
    // The platform administrator passes the policy but the account cannot belong to an organisation.
    expect: { PLATFORM_ADMIN: 422, ...each([...ORG_B, 'FED_AGENT_B', 'FED_EDITOR_B', 'PREFECTURE_B'], 404) },
    otherwise: 403,
  },
  {
    name: 'create a federation account',
    method: 'POST',
    route: '/api/users',
    path: () => '/api/users',
    body: (f, who) => ({
      email: `agent-${who.toLowerCase()}@test.harmonia.fr`,
      name: 'Agent',
      role: 'FED_AGENT',
      password: 'Harmonia-nouveau-2025!',
      federationId: f.federations.foph.id,
    }),
    expect: { PLATFORM_ADMIN: 201 },
    otherwise: 403,
  },
  {
    name: 'a user of orgA',
    method: 'GET',
    route: '/api/users/:id',
    path: (f) => `/api/users/${f.target.id}`,
    expect: { ORG_ADMIN: 200, PLATFORM_ADMIN: 200 },
    otherwise: 404,
  },
  {
    name: 'rename a user of orgA',
    method: 'PATCH',
    route: '/api/users/:id',
    path: (f) => `/api/users/${f.target.id}`,
    body: () => ({ name: 'Cible renommée' }),
    expect: { ORG_ADMIN: 200, PLATFORM_ADMIN: 200 },
    otherwise: 404,
  },
  {
    name: 'make a user of orgA a platform administrator',
    method: 'PATCH',
    route: '/api/users/:id',
    path: (f) => `/api/users/${f.target.id}`,
    body: () => ({ role: 'PLATFORM_ADMIN' }),
    // Only the platform administrator passes the policy, and the account belongs to an organisation: 422.
    expect: { ORG_ADMIN: 403, PLATFORM_ADMIN: 422 },
    otherwise: 404,
  },
];
