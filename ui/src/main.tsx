// The design system without its 200 KB icon utility classes (we use none): see docs/ui.md.
import '@codegouvfr/react-dsfr/dsfr/dsfr.min.css';
import './styles/app.css';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<App />);
