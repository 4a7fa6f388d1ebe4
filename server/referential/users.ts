import { UniqueConstraintError } from 'sequelize';
import { audit, writeTransactionOptions } from '../audit/log';
import { hashPassword } from '../auth/passwords';
import { closeUserSessions } from '../auth/sessions';
import type { AppState } from '../context';
import type { Role, User } from '../db/models';
import { conflict, unprocessable } from '../http/errors';
import type { Actor } from '../policies';
import type { UserRequest, UserUpdateRequest } from './schema';

/** Which body each role belongs to, and which authority kinds may hold it. */
const AUTHORITY_KINDS_OF: Partial<Record<Role, string[]>> = {
  DHUP: ['DHUP'],
  PREFECTURE: ['PREFECTURE'],
  PARTNER: ['CDC', 'CGLLS', 'ANCOLS'],
  ER_EDITOR: ['CGLLS', 'DHUP'],
};

async function checkAttachment(state: AppState, input: Pick<UserRequest, 'role' | 'organisationId' | 'federationId' | 'authorityId'>) {
  const problem = (path: string, message: string) => unprocessable('Rattachement du compte invalide.', [{ path, message }]);
  const { role, organisationId, federationId, authorityId } = input;
  const set = [organisationId, federationId, authorityId].filter((v) => v !== null).length;
  if (role.startsWith('ORG_')) {
    if (!organisationId || set !== 1 || !(await state.models.Organisation.findByPk(organisationId)))
      throw problem('organisationId', 'Un compte d’organisme est rattaché à un organisme existant, et à lui seul.');
  } else if (role.startsWith('FED_')) {
    if (!federationId || set !== 1 || !(await state.models.Federation.findByPk(federationId)))
      throw problem('federationId', 'Un compte de fédération est rattaché à une fédération existante, et à elle seule.');
  } else if (role === 'PLATFORM_ADMIN') {
    if (organisationId !== null || federationId !== null)
      throw problem('role', 'Un administrateur de la plateforme n’est rattaché à aucun organisme ni fédération.');
  } else if (AUTHORITY_KINDS_OF[role as Role]) {
    const authority = authorityId && set === 1 ? await state.models.Authority.findByPk(authorityId) : null;
    if (!authority || !AUTHORITY_KINDS_OF[role as Role]!.includes(authority.kind)) {
      throw problem('authorityId', `Ce rôle est rattaché à une autorité de type ${AUTHORITY_KINDS_OF[role as Role]!.join(' ou ')}.`);
    }
  }
}

export async function createUser(state: AppState, actor: Actor | null, input: UserRequest): Promise<User> {
  await checkAttachment(state, input);
  const passwordHash = await hashPassword(input.password);
  try {
    return await state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
      const user = await state.models.User.create(
        {
          email: input.email,
          name: input.name,
          role: input.role as Role,
          passwordHash,
          organisationId: input.organisationId,
          federationId: input.federationId,
          authorityId: input.authorityId,
          lockedUntil: null,
          mfaSecret: null,
          lastLoginAt: null,
        },
        { transaction },
      );
      await audit(
        state,
        { actor, action: 'user.create', objectType: 'user', objectId: user.id, details: { role: user.role } },
        transaction,
      );
      return user;
    });
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw conflict('Un compte existe déjà avec cette adresse e-mail.');
    throw err;
  }
}

/** Name, role, password or disabling; disabling or a new password ends the user's sessions at once. */
export async function updateUser(state: AppState, actor: Actor, user: User, input: UserUpdateRequest): Promise<User> {
  if (input.disabled === true && user.id === actor.id) throw conflict('Vous ne pouvez pas désactiver votre propre compte.');
  if (input.role)
    await checkAttachment(state, {
      role: input.role,
      organisationId: user.organisationId,
      federationId: user.federationId,
      authorityId: user.authorityId,
    });
  const changes: Partial<Pick<User, 'name' | 'role' | 'disabled' | 'passwordHash' | 'failedLogins' | 'lockedUntil'>> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.role !== undefined) changes.role = input.role as Role;
  if (input.disabled !== undefined) changes.disabled = input.disabled;
  if (input.password !== undefined)
    Object.assign(changes, { passwordHash: await hashPassword(input.password), failedLogins: 0, lockedUntil: null });
  return state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    await user.update(changes, { fields: Object.keys(changes) as Array<keyof typeof changes>, transaction });
    if (input.disabled === true || input.password !== undefined || input.role !== undefined)
      await closeUserSessions(state, user.id, transaction);
    const fields = Object.keys(input).filter((k) => k !== 'password');
    await audit(
      state,
      {
        actor,
        action: 'user.update',
        objectType: 'user',
        objectId: user.id,
        details: { fields, passwordChanged: input.password !== undefined },
      },
      transaction,
    );
    return user;
  });
}
