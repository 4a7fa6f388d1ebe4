import type { AccessRow } from './matrix';

/** The platform administrator's account search (server/users): nobody else may list accounts. */
export const userRows: AccessRow[] = [
  {
    name: 'search the accounts',
    method: 'GET',
    route: '/api/users',
    path: () => '/api/users?q=CIBLE',
    expect: { PLATFORM_ADMIN: 200 },
    otherwise: 403,
    sees: {
      read: (body) => (body as { items: Array<{ email: string }> }).items.map((u) => u.email),
      expect: (f) => ({ PLATFORM_ADMIN: [f.target.email] }),
      otherwise: undefined,
    },
  },
  {
    name: 'search the accounts, second page',
    method: 'GET',
    route: '/api/users',
    path: () => '/api/users?page=2',
    expect: { PLATFORM_ADMIN: 200 },
    otherwise: 403,
  },
];
