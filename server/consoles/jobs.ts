import type { AppState } from '../context';
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

/** A task without a job: progress is not recorded, the event loop is still given a turn. */
export const NO_PROGRESS: JobProgress = { advance: () => new Promise((resolve) => setImmediate(resolve)) };

export interface JobOutput {
  result?: unknown;
  file?: Buffer;
}

const PERSIST_MS = 250;
/** A running job not heard of for this long died with its process (restart, crash). */
export const STALE_MS = 2 * 60_000;
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
): Promise<ConsoleJob> {
  const job = await state.models.ConsoleJob.create({ kind, status: 'running', userId: actor.id, subjectId, params });
  setImmediate(() => void runJob(state, job, work));
  return job;
}

async function runJob(state: AppState, job: ConsoleJob, work: (progress: JobProgress) => Promise<JobOutput>): Promise<void> {
  try {
    const output = await work(progressOf(state, job));
    await job.update({
      status: 'done',
      done: job.total,
      result: (output.result as object | undefined) ?? null,
      file: output.file ?? null,
      finishedAt: new Date(),
    });
  } catch (error) {
    try {
      if (error instanceof JobCancelled) await job.update({ status: 'cancelled', finishedAt: new Date() });
      else {
        if (!(error instanceof ApiError)) state.logger.error({ err: error, job: job.id }, 'console job failed');
        const message =
          error instanceof ApiError
            ? error.message
            : 'Une erreur interne est survenue pendant le calcul. Réessayez ; si elle persiste, contactez le support.';
        await job.update({ status: 'failed', error: message.slice(0, 1000), finishedAt: new Date() });
      }
    } catch (recording) {
      // The database is gone (shutdown): the job will read as interrupted.
      state.logger.warn({ err: recording, job: job.id }, 'console job state not recorded');
    }
  }
}

/** A running job whose process is gone is recorded as failed when next read. */
export async function settled(job: ConsoleJob, now = Date.now()): Promise<ConsoleJob> {
  if (job.status === 'running' && now - job.updatedAt.getTime() > STALE_MS) {
    await job.update({ status: 'failed', error: INTERRUPTED, finishedAt: new Date(now) });
  }
  return job;
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
