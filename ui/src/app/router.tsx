/** A small history-API router: the app has four routes, a dependency would be heavier than this. */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((l) => l());
}

export function useLocation(): { path: string; search: URLSearchParams } {
  const href = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => location.pathname + location.search,
  );
  const url = new URL(href, location.origin);
  return { path: url.pathname, search: url.searchParams };
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return (
    <a
      href={to}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
      {...rest}
    />
  );
}

/** « Mon compte »: the header's link and the recovery-codes notice lead there. */
export const ACCOUNT_PATH = '/compte';

export type Route =
  | { name: 'login'; next?: string }
  | { name: 'home' }
  | { name: 'account' }
  | { name: 'statement'; id: string; sheet?: string }
  | { name: 'notFound' };

export function matchRoute(path: string, search: URLSearchParams): Route {
  if (path === '/connexion') return { name: 'login', next: search.get('suite') ?? undefined };
  if (path === '/' || path === '') return { name: 'home' };
  if (path === ACCOUNT_PATH) return { name: 'account' };
  const m = /^\/declarations\/([^/]+)(?:\/fiches\/([^/]+))?\/?$/.exec(path);
  if (m) return { name: 'statement', id: decodeURIComponent(m[1]), sheet: m[2] ? decodeURIComponent(m[2]) : undefined };
  return { name: 'notFound' };
}

/** Sets the document title per page, as RGAA asks: « Page — Harmonia ». */
export function setTitle(title: string) {
  document.title = title ? `${title} — Harmonia` : 'Harmonia';
}
