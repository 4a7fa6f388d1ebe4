import { useEffect, useState } from 'react';

type Health = { status: string; version: string; database: boolean };

export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    fetch('/api/health')
      .then((r) => r.json())
      .then(setHealth, () => setHealth(null));
  }, []);
  return (
    <main className="fr-container fr-py-6w" id="contenu">
      <h1>Harmonia</h1>
      <p>Collecte des états réglementaires et des dossiers individuels de situation.</p>
      <p role="status">
        {health ? `Service ${health.status === 'ok' ? 'disponible' : 'dégradé'} (version ${health.version})` : 'Connexion au service…'}
      </p>
    </main>
  );
}
