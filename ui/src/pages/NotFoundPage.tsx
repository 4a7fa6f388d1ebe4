import { useEffect } from 'react';
import { Link, setTitle } from '../app/router';

export function NotFoundPage() {
  useEffect(() => setTitle('Page introuvable'), []);
  return (
    <div className="fr-container fr-py-6w">
      <h1>Page introuvable</h1>
      <p>L’adresse demandée n’existe pas ou n’est plus disponible.</p>
      <Link className="fr-link" to="/">
        Revenir à l’accueil
      </Link>
    </div>
  );
}
