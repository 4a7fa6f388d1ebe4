import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AppState } from '../context';
import type { WorkList } from '../db/models/work-lists';
import { ApiError, notFound } from '../http/errors';
import { inputOf, validateBody } from '../http/validate';
import { allow, currentActor, type SubjectLoader } from '../policies';
import { idParam } from '../statements/subject';
import { AddOrganisationsSchema, WorkListNameSchema, type AddOrganisations, type WorkListName } from './schema';
import {
  addOrganisations,
  createWorkList,
  deleteWorkList,
  importSirens,
  presentWorkList,
  removeOrganisation,
  renameWorkList,
  workListSubject,
  workListsOf,
} from './work-lists';

declare module 'koa' {
  interface DefaultState {
    workList?: WorkList;
  }
}

/** Largest SIREN list accepted (10,000 lines of a SIREN and a name fit well below). */
const MAX_CSV_BYTES = 1024 * 1024;

/** Policy subject of the work list named by `:id`: its authority decides who may use it. */
function workListById(state: AppState): SubjectLoader {
  return async (ctx) => {
    const id = idParam(ctx, 'id');
    const list = id === null ? null : await state.models.WorkList.findByPk(id);
    if (!list) return null;
    ctx.state.workList = list;
    return workListSubject(list);
  };
}

const workListOf = (ctx: Context): WorkList => {
  if (!ctx.state.workList) throw new Error('route without work list loader');
  return ctx.state.workList;
};

async function csvBody(ctx: Context): Promise<Buffer> {
  if (ctx.request.is('json', 'multipart', 'urlencoded')) {
    throw new ApiError(415, 'unsupported_media_type', 'Envoyez le fichier CSV tel quel (text/csv), sans l’envelopper.');
  }
  const tooLarge = () => new ApiError(413, 'too_large', 'Le fichier dépasse la taille maximale autorisée (1 Mo).');
  if (Number(ctx.get('Content-Length') || 0) > MAX_CSV_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_CSV_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The authorities' work lists (liste de travail), under /api/consoles/work-lists: named lists of
 * organisations kept by an authority, filled from search results or a CSV of SIRENs, that narrow
 * the search, the follow-up and the receipts archive (`workList` parameter).
 */
export function mountWorkListRoutes(router: Router, state: AppState): void {
  const byId = workListById(state);

  router.get('/work-lists', allow('worklist.use'), async function lists(ctx) {
    ctx.body = await workListsOf(state, currentActor(ctx));
  });

  router.post('/work-lists', allow('worklist.use'), validateBody(WorkListNameSchema), async function create(ctx) {
    const list = await createWorkList(state, currentActor(ctx), inputOf<WorkListName>(ctx).name);
    ctx.status = 201;
    ctx.body = await presentWorkList(state, list);
  });

  router.get('/work-lists/:id', allow('worklist.manage', byId), async function show(ctx) {
    ctx.body = await presentWorkList(state, workListOf(ctx));
  });

  router.patch('/work-lists/:id', allow('worklist.manage', byId), validateBody(WorkListNameSchema), async function rename(ctx) {
    await renameWorkList(workListOf(ctx), inputOf<WorkListName>(ctx).name);
    ctx.body = await presentWorkList(state, workListOf(ctx));
  });

  router.delete('/work-lists/:id', allow('worklist.manage', byId), async function remove(ctx) {
    await deleteWorkList(state, workListOf(ctx));
    ctx.status = 204;
  });

  router.post(
    '/work-lists/:id/organisations',
    allow('worklist.manage', byId),
    validateBody(AddOrganisationsSchema),
    async function add(ctx) {
      const { organisationIds } = inputOf<AddOrganisations>(ctx);
      ctx.body = await addOrganisations(state, currentActor(ctx), workListOf(ctx), organisationIds);
    },
  );

  router.delete('/work-lists/:id/organisations/:organisationId', allow('worklist.manage', byId), async function drop(ctx) {
    const organisationId = idParam(ctx, 'organisationId');
    if (organisationId === null) throw notFound('Cet organisme n’est pas dans la liste.');
    await removeOrganisation(state, workListOf(ctx), organisationId);
    ctx.status = 204;
  });

  router.post('/work-lists/:id/import', allow('worklist.manage', byId), async function importCsv(ctx) {
    ctx.body = await importSirens(state, currentActor(ctx), workListOf(ctx), await csvBody(ctx));
  });
}
