/** Which roles keep work lists (the server's `worklist.use`), and the lists of the session's authority. */
import { useEffect, useState } from 'react';
import { navigate, useLocation } from '../app/router';
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

/** The chosen work list lives in the address (`?liste=<id>`), so a reload or a shared link keeps it. */
const LIST_PARAM = 'liste';

/** The work list chosen on this page (from the address) and how to choose another (replacing the address). */
export function useWorkListInAddress(): [number | undefined, (id: number | undefined) => void] {
  const { path, search } = useLocation();
  const id = Number(search.get(LIST_PARAM));
  const chosen = Number.isInteger(id) && id > 0 ? id : undefined;
  const choose = (next: number | undefined) => {
    const params = new URLSearchParams(search);
    if (next === undefined) params.delete(LIST_PARAM);
    else params.set(LIST_PARAM, String(next));
    const query = params.toString();
    navigate(query ? `${path}?${query}` : path, { replace: true });
  };
  return [chosen, choose];
}
