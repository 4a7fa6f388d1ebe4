import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AppState } from '../context';
import type { ConsoleJob, ConsoleJobKind } from '../db/models/work-lists';
import { conflict, notFound } from '../http/errors';
import { allow, currentActor, type Action, type SubjectLoader } from '../policies';
import { idParam } from '../statements/subject';
import { jobFiles, presentJob, settled, startJob, type JobOutput, type JobProgress } from './jobs';

export interface JobRoutes {
  /** The subject's path, e.g. `/versions/:id/impact`: jobs live under `<path>/jobs`. */
  path: string;
  kind: ConsoleJobKind;
  /** The policy that starting, following and cancelling the job requires, on the subject the loader names. */
  action: Action;
  load: SubjectLoader;
  /** Validates the request and answers the work to run (after the policy passed). */
  prepare: (ctx: Context) => Promise<{ subjectId: number; params: Record<string, unknown>; work: (p: JobProgress) => Promise<JobOutput> }>;
  /** The id of the subject named by the path (after the loader ran). */
  subjectId: (ctx: Context) => number;
  /** Sends a finished job's file; absent for jobs that answer a result. */
  sendFile?: (ctx: Context, file: Buffer) => void;
}

/**
 * The routes of a background job under a subject the policy guards: start (202), the latest job
 * (so a reloaded page finds its job again), one job's state, cancellation, and its file. A job is its
 * starter's alone: another user's job is unknown (404), even on a subject both may use.
 */
export function mountJobRoutes(router: Router, state: AppState, spec: JobRoutes): void {
  const guard = allow(spec.action, spec.load);
  const base = `${spec.path}/jobs`;
  const urlOf = (ctx: Context, job: ConsoleJob) =>
    spec.sendFile ? `/api/consoles${base.replace(':id', String(spec.subjectId(ctx)))}/${job.id}/file` : null;

  async function ownJob(ctx: Context): Promise<ConsoleJob> {
    const jobId = idParam(ctx, 'jobId');
    const job =
      jobId === null
        ? null
        : await state.models.ConsoleJob.findOne({
            where: { id: jobId, userId: currentActor(ctx).id, kind: spec.kind, subjectId: spec.subjectId(ctx) },
          });
    if (!job) throw notFound('Ce calcul est introuvable.');
    return settled(state, job);
  }

  router.post(base, guard, async function startBackgroundJob(ctx) {
    const { subjectId, params, work } = await spec.prepare(ctx);
    const job = await startJob(state, currentActor(ctx), spec.kind, subjectId, params, work);
    ctx.status = 202;
    ctx.body = presentJob(job, urlOf(ctx, job));
  });

  router.get(`${base}/latest`, guard, async function latestJob(ctx) {
    const job = await state.models.ConsoleJob.findOne({
      where: { userId: currentActor(ctx).id, kind: spec.kind, subjectId: spec.subjectId(ctx) },
      order: [['id', 'DESC']],
    });
    ctx.body = { job: job ? presentJob(await settled(state, job), urlOf(ctx, job)) : null };
  });

  router.get(`${base}/:jobId`, guard, async function followJob(ctx) {
    const job = await ownJob(ctx);
    ctx.body = presentJob(job, urlOf(ctx, job));
  });

  router.post(`${base}/:jobId/cancel`, guard, async function cancelJob(ctx) {
    const job = await ownJob(ctx);
    if (job.status !== 'running') throw conflict('Ce calcul est déjà terminé.');
    await job.update({ cancelRequested: true });
    ctx.body = presentJob(job, urlOf(ctx, job));
  });

  if (spec.sendFile) {
    const send = spec.sendFile;
    router.get(`${base}/:jobId/file`, guard, async function jobFile(ctx) {
      const job = await ownJob(ctx);
      if (job.status !== 'done') throw conflict('Le fichier n’est pas encore prêt.');
      const file = job.fileKey
        ? await jobFiles(state)
            .read(job.fileKey)
            .catch(() => null)
        : null;
      if (!file) throw notFound('Le fichier de ce calcul n’est plus disponible : relancez le calcul.');
      send(ctx, file);
    });
  }
}
