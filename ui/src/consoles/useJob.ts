/**
 * A background job of the server (impact report, receipts archive) followed from the page: the
 * latest one is found again on load (a reload loses nothing), a running one is polled until it
 * ends, and it can be started or cancelled.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { consoleApi, type ConsoleJob } from './api';
import { errorText } from './labels';

const POLL_MS = 500;

export function useJob<R = unknown>(base: string) {
  const [job, setJob] = useState<ConsoleJob<R> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);

  const follow = useCallback(
    (current: ConsoleJob<R>) => {
      setJob(current);
      if (current.status !== 'running' || !alive.current) return;
      timer.current = setTimeout(() => {
        consoleApi.job<R>(`${base}/${current.id}`).then(follow, (e) => setError(errorText(e)));
      }, POLL_MS);
    },
    [base],
  );

  useEffect(() => {
    alive.current = true;
    setJob(null);
    consoleApi.latestJob<R>(base).then(
      (latest) => latest && follow(latest),
      () => undefined,
    );
    return () => {
      alive.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [base, follow]);

  const start = async (query = '') => {
    setError(null);
    try {
      follow(await consoleApi.startJob<R>(`${base}${query}`));
    } catch (e) {
      setError(errorText(e));
    }
  };
  const cancel = async () => {
    if (!job) return;
    try {
      setJob(await consoleApi.cancelJob<R>(`${base}/${job.id}`));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return { job, error, start, cancel };
}
