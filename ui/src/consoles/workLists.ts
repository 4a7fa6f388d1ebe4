/** Which roles keep work lists (the server's `worklist.use`), and the lists of the session's authority. */
import { useEffect, useState } from 'react';
import { useSession } from '../app/session';
import { consoleApi, type WorkListSummary } from './api';

export const WORK_LIST_ROLES = ['DHUP', 'PARTNER', 'PREFECTURE'];

/** The authority's work lists, or null for roles that keep none (federations). */
export function useWorkLists(): WorkListSummary[] | null {
  const { me } = useSession();
  const keeps = Boolean(me && WORK_LIST_ROLES.includes(me.user.role));
  const [lists, setLists] = useState<WorkListSummary[] | null>(null);
  useEffect(() => {
    if (keeps) consoleApi.workLists().then(setLists, () => setLists([]));
  }, [keeps]);
  return keeps ? (lists ?? []) : null;
}
