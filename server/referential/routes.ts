import Router from '@koa/router';
import type { Context } from 'koa';
import { Op, UniqueConstraintError, type WhereOptions } from 'sequelize';
import { audit } from '../audit/log';
import type { AppState } from '../context';
import type { Organisation, Role, User } from '../db/models';
import { conflict, forbidden, notFound } from '../http/errors';
import { inputOf, validateBody, validateQuery } from '../http/validate';
import { allow, can, currentActor, organisationScope, type Subject } from '../policies';
import { presentAuthority, presentFederation, presentOrganisation, presentUser } from './presenters';
import {
  OrganisationQuerySchema,
  OrganisationSchema,
  OrganisationUpdateSchema,
  OrganisationUserSchema,
  UserSchema,
  UserUpdateSchema,
  type OrganisationRequest,
  type OrganisationUpdateRequest,
  type OrganisationUserRequest,
  type UserRequest,
  type UserUpdateRequest,
} from './schema';
import { createUser, updateUser } from './users';

const organisationSubject = (o: Organisation): Subject => ({
  type: 'organisation',
  id: o.id,
  federationId: o.federationId,
  departement: o.departement,
  departements: o.departements,
});
const userSubject = (u: Pick<User, 'id' | 'organisationId' | 'role'>): Subject => ({
  type: 'user',
  id: u.id,
  organisationId: u.organisationId,
  role: u.role,
});
const positiveId = (raw: string | undefined) => {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

/** Federations, authorities, organisations (scoped by policy) and their users. */
export function referentialRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api' });
  const { Federation, Authority, Organisation: Organisations, User: Users } = state.models;

  async function loadOrganisation(ctx: Context): Promise<Subject | null> {
    const id = positiveId(ctx.params.id);
    const organisation = id ? await Organisations.findByPk(id) : null;
    if (!organisation) return null;
    ctx.state.organisation = organisation;
    return organisationSubject(organisation);
  }

  /** For creation: the user as it would be, in the organisation of the path. */
  async function loadNewOrganisationUser(ctx: Context): Promise<Subject | null> {
    const id = positiveId(ctx.params.id);
    const organisation = id ? await Organisations.findByPk(id) : null;
    if (!organisation) return null;
    if (!can(currentActor(ctx), 'organisation.read', organisationSubject(organisation))) return null;
    ctx.state.organisation = organisation;
    const role = (ctx.request.body as { role?: unknown } | undefined)?.role;
    return { type: 'user', organisationId: organisation.id, role: (typeof role === 'string' ? role : 'ORG_SAISIE') as Role };
  }

  async function loadUser(ctx: Context): Promise<Subject | null> {
    const id = positiveId(ctx.params.id);
    const user = id ? await Users.findByPk(id) : null;
    if (!user) return null;
    ctx.state.user = user;
    return userSubject(user);
  }

  router.get('/federations', allow('referential.read'), async function listFederations(ctx) {
    ctx.body = { federations: (await Federation.findAll({ order: [['code', 'ASC']] })).map(presentFederation) };
  });

  router.get('/authorities', allow('referential.read'), async function listAuthorities(ctx) {
    ctx.body = {
      authorities: (
        await Authority.findAll({
          order: [
            ['kind', 'ASC'],
            ['code', 'ASC'],
          ],
        })
      ).map(presentAuthority),
    };
  });

  router.get('/organisations', allow('organisation.list'), validateQuery(OrganisationQuerySchema), async function listOrganisations(ctx) {
    const query = inputOf<{ kind?: string; federationId?: number; q?: string }>(ctx);
    const filters: WhereOptions<Organisation>[] = [organisationScope(currentActor(ctx))];
    if (query.kind) filters.push({ kind: query.kind });
    if (query.federationId) filters.push({ federationId: query.federationId });
    if (query.q) filters.push({ [Op.or]: [{ name: { [Op.like]: `%${query.q.replace(/[%_\\]/g, '')}%` } }, { siren: query.q }] });
    const rows = await Organisations.findAll({ where: { [Op.and]: filters }, order: [['name', 'ASC']], limit: 2000 });
    ctx.body = { organisations: rows.map(presentOrganisation) };
  });

  router.get('/organisations/:id', allow('organisation.read', loadOrganisation), async function readOrganisation(ctx) {
    ctx.body = presentOrganisation(ctx.state.organisation as Organisation);
  });

  router.post('/organisations', allow('organisation.create'), validateBody(OrganisationSchema), async function addOrganisation(ctx) {
    const input = inputOf<OrganisationRequest>(ctx);
    try {
      const organisation = await Organisations.create({ ...input, kind: input.kind as Organisation['kind'] });
      await audit(state, {
        actor: currentActor(ctx),
        action: 'organisation.create',
        objectType: 'organisation',
        objectId: organisation.id,
        details: { siren: organisation.siren },
      });
      ctx.status = 201;
      ctx.body = presentOrganisation(organisation);
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw conflict('Un organisme avec ce SIREN existe déjà.');
      throw err;
    }
  });

  router.patch(
    '/organisations/:id',
    allow('organisation.update', loadOrganisation),
    validateBody(OrganisationUpdateSchema),
    async function changeOrganisation(ctx) {
      const organisation = ctx.state.organisation as Organisation;
      const input = inputOf<OrganisationUpdateRequest>(ctx);
      const fields = Object.keys(input) as Array<keyof OrganisationUpdateRequest>;
      await organisation.update(input as Partial<Organisation>, { fields });
      await audit(state, {
        actor: currentActor(ctx),
        action: 'organisation.update',
        objectType: 'organisation',
        objectId: organisation.id,
        details: { fields },
      });
      ctx.body = presentOrganisation(organisation);
    },
  );

  router.get('/organisations/:id/users', allow('user.list', loadOrganisation), async function listOrganisationUsers(ctx) {
    const organisation = ctx.state.organisation as Organisation;
    ctx.body = { users: (await Users.findAll({ where: { organisationId: organisation.id }, order: [['email', 'ASC']] })).map(presentUser) };
  });

  router.post(
    '/organisations/:id/users',
    allow('user.create', loadNewOrganisationUser),
    validateBody(OrganisationUserSchema),
    async function addOrganisationUser(ctx) {
      const organisation = ctx.state.organisation as Organisation;
      const input = inputOf<OrganisationUserRequest>(ctx);
      const user = await createUser(state, currentActor(ctx), {
        ...input,
        organisationId: organisation.id,
        federationId: null,
        authorityId: null,
      });
      ctx.status = 201;
      ctx.body = presentUser(user);
    },
  );

  router.post(
    '/users',
    allow('user.create', async (ctx) => {
      const body = (ctx.request.body ?? {}) as { role?: unknown; organisationId?: unknown };
      return {
        type: 'user',
        organisationId: typeof body.organisationId === 'number' ? body.organisationId : null,
        role: (typeof body.role === 'string' ? body.role : '') as Role,
      };
    }),
    validateBody(UserSchema),
    async function addUser(ctx) {
      const user = await createUser(state, currentActor(ctx), inputOf<UserRequest>(ctx));
      ctx.status = 201;
      ctx.body = presentUser(user);
    },
  );

  router.patch('/users/:id', allow('user.update', loadUser), validateBody(UserUpdateSchema), async function changeUser(ctx) {
    const actor = currentActor(ctx);
    const user = ctx.state.user as User;
    const input = inputOf<UserUpdateRequest>(ctx);
    if (input.role && !can(actor, 'user.update', userSubject({ ...user.get(), role: input.role as Role })))
      throw forbidden('Vous ne pouvez pas attribuer ce rôle.');
    ctx.body = presentUser(await updateUser(state, actor, user, input));
  });

  router.get('/users/:id', allow('user.read', loadUser), async function readUser(ctx) {
    const user = ctx.state.user as User | undefined;
    if (!user) throw notFound();
    ctx.body = presentUser(user);
  });

  return router;
}
