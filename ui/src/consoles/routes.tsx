/** The consoles' pages and which one a role lands on: mounted by the app with two lines (ui/src/App.tsx). */
import type { ReactElement } from 'react';
import { AccountsPage } from './AccountsPage';
import { DashboardPage } from './DashboardPage';
import { FormsPage } from './FormsPage';
import { InboxPage } from './InboxPage';
import { VersionPage } from './VersionPage';
import { WorkListsPage } from './WorkListsPage';

/** The console page at `path`, or null when the path is not a console's. */
export function consolePage(path: string): ReactElement | null {
  if (path === '/editeur' || path === '/editeur/') return <FormsPage />;
  const version = /^\/editeur\/versions\/(\d+)\/?$/.exec(path);
  if (version) return <VersionPage key={`v${version[1]}`} versionId={Number(version[1])} />;
  const next = /^\/editeur\/nouvelle\/(\d+)\/?$/.exec(path);
  if (next) return <VersionPage key={`n${next[1]}`} fromId={Number(next[1])} />;
  if (path === '/suivi' || path === '/suivi/') return <DashboardPage />;
  if (path === '/prefecture' || path === '/prefecture/') return <InboxPage />;
  if (path === '/listes' || path === '/listes/') return <WorkListsPage />;
  if (path === '/comptes' || path === '/comptes/') return <AccountsPage />;
  return null;
}

/** The home page of roles that have no statement of their own: their console. */
export function consoleHome(role: string | undefined): ReactElement | null {
  switch (role) {
    case 'ER_EDITOR':
    case 'FED_EDITOR':
      return <FormsPage />;
    case 'PREFECTURE':
      return <InboxPage />;
    case 'DHUP':
    case 'PARTNER':
    case 'FED_AGENT':
      return <DashboardPage />;
    case 'PLATFORM_ADMIN':
      return <AccountsPage />;
    default:
      return null;
  }
}
