/** Links between the consoles a role may use (the server decides what each page shows). */
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { WORK_LIST_ROLES } from './workLists';

/**
 * `listedAlone`: shown even when it is the role's only console. A role's single console is usually
 * its home page, where a one-link menu says nothing; the platform administration is listed anyway,
 * so the administrator always sees which administration page is open.
 */
const LINKS: Array<{ to: string; label: string; roles: string[]; listedAlone?: boolean }> = [
  { to: '/editeur', label: 'Formulaires', roles: ['ER_EDITOR', 'FED_EDITOR'] },
  { to: '/suivi', label: 'Suivi des campagnes', roles: ['DHUP', 'PARTNER', 'FED_AGENT', 'PREFECTURE'] },
  { to: '/prefecture', label: 'Déclarations reçues', roles: ['PREFECTURE', 'DHUP', 'PARTNER'] },
  { to: '/listes', label: 'Listes de travail', roles: WORK_LIST_ROLES },
  { to: '/comptes', label: 'Comptes', roles: ['PLATFORM_ADMIN'], listedAlone: true },
];

export function ConsoleNav({ current }: { current: string }) {
  const { me } = useSession();
  const links = LINKS.filter((l) => me && l.roles.includes(me.user.role));
  if (links.length < 2 && !links.some((l) => l.listedAlone)) return null;
  return (
    <nav className="fr-mb-2w" aria-label="Consoles">
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        {links.map((l) => (
          <li key={l.to}>
            <Link
              className={`fr-btn fr-btn--sm ${l.to === current ? '' : 'fr-btn--tertiary'}`}
              to={l.to}
              aria-current={l.to === current ? 'page' : undefined}
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
