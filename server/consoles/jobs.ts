import { Op, type InferAttributes } from 'sequelize';
import path from 'node:path';
import type { AppState } from '../context';
import { boundDate } from '../db/raw-date';
import { FileStore } from '../documents/storage';
import type { ConsoleJob, ConsoleJobKind } from '../db/models/work-lists';
import { ApiError } from '../http/errors';
import type { Actor } from '../policies/actor';

/** Thrown by `advance` once the job's owner asked to stop: the runner records the job as cancelled. */
export class JobCancelled extends Error {}

/** What a long task reports between two units of work (statements, receipts). */
export interface JobProgress {
  /**
   * Records `done` of `total`, lets the event loop serve other requests, and throws JobCancelled
   * when a cancellation was asked. Writes to the database at most every PERSIST_MS.
   */
  advance(done: number, total: number): Promise<void>;
}

/** Finished jobs' files (receipts archives), on disk: tens of megabytes do not belong in a row. */
export const jobFiles = (state: AppState) => new FileStore(path.join(state.config.dataDir, 'jobs'));

/** A task without a job: progress is not recorded, the event loop is still given a turn. */
export const NO_PROGRESS: JobProgress = { advance: () => new Promise((resolve) => setImmediate(resolve)) };

export interface JobOutput {
  result?: unknown;
  /** Kept on disk (`jobFiles`) and served by the job's file route. */
  file?: Buffer;
}

const PERSIST_MS = 250;
/** A running job not heard of for this long died with its process (restart, crash). */
export const STALE_MS = 2 * 60_000;
/** How often a running job says it is alive, whatever its progress: a long step is not a dead process. */
export const HEARTBEAT_MS = STALE_MS / 4;
const INTERRUPTED = 'Le calcul a été interrompu (redémarrage du serveur). Relancez-le.';

function progressOf(state: AppState, job: ConsoleJob): JobProgress {
  let last = 0;
  return {
    async advance(done, total) {
      await new Promise((resolve) => setImmediate(resolve));
      const now = Date.now();
      if (now - last < PERSIST_MS && done < total) return;
      last = now;
      await job.update({ done, total });
      const current = await state.models.ConsoleJob.findByPk(job.id, { attributes: ['cancelRequested'] });
      if (current?.cancelRequested) throw new JobCancelled();
    },
  };
}

/**
 * Starts a long task in the background and answers its job at once. The job's state (status,
 * progress, result or error) lives in `console_jobs`, so the ui polls it, a reload finds it again,
 * and any server process can answer for it.
 */
export async function startJob(
  state: AppState,
  actor: Actor,
  kind: ConsoleJobKind,
  subjectId: number,
  params: Record<string, unknown>,
  work: (progress: JobProgress) => Promise<JobOutput>,
  /** Tests shorten the heartbeat. */
  { heartbeatMs = HEARTBEAT_MS }: { heartbeatMs?: number } = {},
): Promise<ConsoleJob> {
  const job = await state.models.ConsoleJob.create({ kind, status: 'running', userId: actor.id, subjectId, params });
  setImmediate(() => void runJob(state, job, work, heartbeatMs));
  return job;
}

/**
 * Writes a job's new state only while it is still running: a job another process read as
 * interrupted (or that ended otherwise) is never brought back to life, so the user who started
 * it again sees one outcome per job.
 */
async function whileRunning(state: AppState, job: ConsoleJob, values: Partial<InferAttributes<ConsoleJob>>): Promise<boolean> {
  const [affected] = await state.models.ConsoleJob.update(values, { where: { id: job.id, status: 'running' } });
  return affected === 1;
}

async function runJob(
  state: AppState,
  job: ConsoleJob,
  work: (progress: JobProgress) => Promise<JobOutput>,
  heartbeatMs: number,
): Promise<void> {
  const heartbeat = setInterval(() => {
    // Raw: Sequelize's update drops a change of the timestamp alone.
    state.sequelize
      .query(`UPDATE console_jobs SET updated_at = $now WHERE id = $id AND status = 'running'`, {
        bind: { now: boundDate(state.sequelize.getDialect(), new Date()), id: job.id },
      })
      .catch((err: unknown) => state.logger.warn({ err, job: job.id }, 'console job heartbeat'));
  }, heartbeatMs);
  heartbeat.unref();
  try {
    const output = await work(progressOf(state, job));
    const fileKey = output.file ? (await jobFiles(state).put(output.file)).storageKey : null;
    const recorded = await whileRunning(state, job, {
      status: 'done',
      done: job.total,
      result: (output.result as object | undefined) ?? null,
      fileKey,
      finishedAt: new Date(),
    });
    if (fileKey && !recorded) await jobFiles(state).remove(fileKey);
    if (fileKey && recorded) await dropOlderFiles(state, job);
  } catch (error) {
    try {
      if (error instanceof JobCancelled) await whileRunning(state, job, { status: 'cancelled', finishedAt: new Date() });
      else {
        if (!(error instanceof ApiError)) state.logger.error({ err: error, job: job.id }, 'console job failed');
        const message =
          error instanceof ApiError
            ? error.message
            : 'Une erreur interne est survenue pendant le calcul. Réessayez ; si elle persiste, contactez le support.';
        await whileRunning(state, job, { status: 'failed', error: message.slice(0, 1000), finishedAt: new Date() });
      }
    } catch (recording) {
      // The database is gone (shutdown): the job will read as interrupted.
      state.logger.warn({ err: recording, job: job.id }, 'console job state not recorded');
    }
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Only the latest file of a user for one kind and subject is kept (the one `…/latest` leads to):
 * one archive per user and campaign on disk, not one per click.
 */
async function dropOlderFiles(state: AppState, job: ConsoleJob): Promise<void> {
  const older = await state.models.ConsoleJob.findAll({
    where: { userId: job.userId, kind: job.kind, subjectId: job.subjectId, id: { [Op.lt]: job.id }, fileKey: { [Op.ne]: null } },
    attributes: ['id', 'fileKey'],
  });
  for (const previous of older) {
    await state.models.ConsoleJob.update({ fileKey: null }, { where: { id: previous.id } });
    await jobFiles(state).remove(previous.fileKey!);
  }
}

/**
 * A running job not heard of for STALE_MS (its process is gone: its heartbeat stopped) is recorded
 * as failed when next read, by a conditional write: of a reader and a job that comes back to life,
 * one wins, never both.
 */
export async function settled(state: AppState, job: ConsoleJob, now = Date.now()): Promise<ConsoleJob> {
  if (job.status !== 'running' || now - job.updatedAt.getTime() <= STALE_MS) return job;
  await state.models.ConsoleJob.update(
    { status: 'failed', error: INTERRUPTED, finishedAt: new Date(now) },
    { where: { id: job.id, status: 'running', updatedAt: { [Op.lt]: new Date(now - STALE_MS) } } },
  );
  return job.reload();
}

/** A job as the ui polls it; `download` is where a finished job's file is fetched (null for jobs without a file). */
export function presentJob(job: ConsoleJob, download: string | null) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    cancelling: job.status === 'running' && job.cancelRequested,
    done: job.done,
    total: job.total,
    error: job.error ?? null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
    result: job.status === 'done' ? (job.result ?? null) : null,
    download: job.status === 'done' ? download : null,
  };
}
