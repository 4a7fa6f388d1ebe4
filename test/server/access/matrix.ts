import type { AccessFixtures } from './fixtures';

/** Who calls: one of the world's users (by key), or nobody. */
export type Principal =
  | 'ANONYMOUS'
  | 'ORG_ADMIN'
  | 'ORG_SAISIE'
  | 'ORG_SIGNATAIRE'
  | 'ORG_ADMIN_B'
  | 'ORG_SAISIE_B'
  | 'ORG_SIGNATAIRE_B'
  | 'FED_AGENT'
  | 'FED_EDITOR'
  | 'FED_AGENT_B'
  | 'FED_EDITOR_B'
  | 'DHUP'
  | 'PREFECTURE'
  | 'PREFECTURE_B'
  | 'PARTNER'
  | 'ANCOLS'
  | 'ER_EDITOR'
  | 'PLATFORM_ADMIN';

export const PRINCIPALS: Principal[] = [
  'ANONYMOUS',
  'ORG_ADMIN',
  'ORG_SAISIE',
  'ORG_SIGNATAIRE',
  'ORG_ADMIN_B',
  'ORG_SAISIE_B',
  'ORG_SIGNATAIRE_B',
  'FED_AGENT',
  'FED_EDITOR',
  'FED_AGENT_B',
  'FED_EDITOR_B',
  'DHUP',
  'PREFECTURE',
  'PREFECTURE_B',
  'PARTNER',
  'ANCOLS',
  'ER_EDITOR',
  'PLATFORM_ADMIN',
];

/**
 * One line of the access matrix: a route called on one object, the status every principal must
 * get. `expect` lists the exceptions to `otherwise`; anonymous callers get 401 unless listed.
 * The world (test/server/support/world.ts): orgA (FOPH, siège 69) is "own" for ORG_*, FED_* and
 * PREFECTURE; the *_B principals belong to orgB (FESH, 75), FESH and the 75 préfecture.
 */
export interface AccessRow {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as the router declares it, for the coverage check. */
  route: string;
  path: (f: AccessFixtures) => string;
  body?: (f: AccessFixtures, who: Principal) => unknown;
  expect: Partial<Record<Principal, number>>;
  otherwise: number;
  /** Principals not run on this row (a success would change the object for the next ones): say why in `name`. */
  skip?: Principal[];
  /**
   * For routes whose scope matters more than their status (lists, counts): what each principal
   * answered with a success must see, read from the body (parsed when JSON, else its text);
   * `otherwise` for the unlisted.
   */
  sees?: {
    read: (body: unknown) => unknown;
    expect: (f: AccessFixtures) => Partial<Record<Principal, unknown>>;
    otherwise: unknown;
  };
}

/** Sets the same status (or, for `sees`, the same visible value) for several principals. */
export const each = <T = number>(principals: Principal[], value: T): Partial<Record<Principal, T>> =>
  Object.fromEntries(principals.map((p) => [p, value]));

export const EVERYONE: Principal[] = PRINCIPALS.filter((p) => p !== 'ANONYMOUS');
export const ORG_A: Principal[] = ['ORG_ADMIN', 'ORG_SAISIE', 'ORG_SIGNATAIRE'];
export const ORG_B: Principal[] = ['ORG_ADMIN_B', 'ORG_SAISIE_B', 'ORG_SIGNATAIRE_B'];
