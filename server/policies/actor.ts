import type { AppState } from '../context';
import type { AuthorityKind, Role, User } from '../db/models';

/**
 * The authenticated user as the policies see it: role plus everything that scopes it (its
 * organisation, federation code, authority kind and département), loaded once per request so
 * that every decision is a pure function.
 */
export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisationId: number | null;
  federationId: number | null;
  federationCode: string | null;
  /** Federations whose member organisations this federation covers: its own and those of which it is the union. */
  memberFederationIds: number[];
  /** Owners of the questionnaires its agents receive: its own code and its union's (the USH's DIS). */
  questionnaireOwners: string[];
  authorityId: number | null;
  authorityKind: AuthorityKind | null;
  /** Département covered by a préfecture. */
  authorityDepartement: string | null;
}

/** The user columns an actor is built from. */
export type ActorUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'organisationId' | 'federationId' | 'authorityId' | 'disabled'>;

/** Loads the actor of an enabled user, or null (unknown or disabled user). */
export async function loadActor(state: AppState, userId: number): Promise<Actor | null> {
  return actorOfUser(state, await state.models.User.findByPk(userId));
}

/** The actor of a user row already read (the session lookup joins it), or null when absent or disabled. */
export async function actorOfUser(state: AppState, user: ActorUser | null): Promise<Actor | null> {
  const { Federation, Authority } = state.models;
  if (!user || user.disabled) return null;
  const federation = user.federationId ? await Federation.findByPk(user.federationId) : null;
  const children = federation ? await Federation.findAll({ where: { parentId: federation.id }, attributes: ['id'] }) : [];
  const parent = federation?.parentId ? await Federation.findByPk(federation.parentId) : null;
  const authority = user.authorityId ? await Authority.findByPk(user.authorityId) : null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    federationId: user.federationId,
    federationCode: federation?.code ?? null,
    memberFederationIds: federation ? [federation.id, ...children.map((c) => c.id)] : [],
    questionnaireOwners: federation ? [federation.code, ...(parent ? [parent.code] : [])] : [],
    authorityId: user.authorityId,
    authorityKind: authority?.kind ?? null,
    authorityDepartement: authority?.departement ?? null,
  };
}
