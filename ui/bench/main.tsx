/**
 * Benchmark page: one fiche rendered either by Harmonia's sheet renderer with the live engine
 * session, or by plain RJSF with liveValidate (ajv8 compiled at runtime, our theme), from the same
 * schema and data. bench/ui.ts serves /bench-data.json and drives this page with Chromium.
 */
import '@codegouvfr/react-dsfr/dsfr/dsfr.min.css';
import '../src/styles/app.css';
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { createRoot } from 'react-dom/client';
import { compileForm, BrowserEngine } from '../src/statement/engineSession';
import { planSheet } from '../src/statement/layout';
import { SheetForm } from '../src/rjsf/SheetForm';
import { StatementStore } from '../src/statement/store';
import { templates, widgets } from '../src/rjsf/registry';
import type { Answers, EvaluationContext, PackageFiles } from '../../engine';
import { KEY_MARK } from '../../bench/keystroke-trace';

interface BenchData {
  files: PackageFiles;
  sheet: string;
  answers: Answers;
  context: EvaluationContext;
}

declare global {
  interface Window {
    __bench: {
      renderMs?: number;
      error?: string;
      ready?: boolean;
      phases?: Record<string, number>;
    };
  }
}

window.__bench = {};

/** Time until the frame is ready: forced style and layout, measured after the task that did the work. */
function afterWork(t0: number, done: (ms: number) => void) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    void document.body.offsetHeight;
    done(performance.now() - t0);
  };
  channel.port2.postMessage(null);
}

/** The floor: one labelled input and nothing else, typed into like the fiches. */
function BareInput() {
  return (
    <div className="fr-input-group">
      <label className="fr-label" htmlFor="bare">
        Saisie nue
      </label>
      <input className="fr-input" id="bare" inputMode="decimal" />
    </div>
  );
}

async function main() {
  const params = new URLSearchParams(location.search);
  const mode = params.get('mode') ?? 'harmonia';
  // bench/ui.ts reads each keystroke's work from a Chromium trace between these marks (bench/keystroke-trace.ts).
  document.addEventListener('keydown', () => performance.mark(KEY_MARK), true);
  const root = createRoot(document.getElementById('root')!);
  if (mode === 'bare') {
    root.render(<BareInput />);
    requestAnimationFrame(() => afterWork(performance.now(), () => (window.__bench.ready = true)));
    return;
  }
  const data = (await (await fetch(`/bench-data.json?case=${params.get('case') ?? 'real'}`)).json()) as BenchData;
  // Loading and compiling the package is done before timing, for both: only rendering is compared.
  const form = compileForm(data.files);
  const sheet = form.package.sheets.find((s) => s.id === data.sheet)!;
  const t0 = performance.now();
  if (mode === 'rjsf') {
    root.render(
      <Form
        schema={sheet.schema}
        uiSchema={sheet.ui}
        formData={data.answers[data.sheet]}
        validator={validator}
        liveValidate="onChange"
        templates={templates}
        widgets={widgets}
        idPrefix="rjsf"
      />,
    );
  } else {
    // The engine's first full evaluation is part of Harmonia's render time.
    const engine = new BrowserEngine(form, data.answers, data.context);
    const t1 = performance.now();
    const store = new StatementStore(data.answers, {}, engine);
    engine.sheetSource = (s) => store.sheetData(s);
    const plan = planSheet(sheet.id, sheet.title, sheet.schema, sheet.ui);
    const t2 = performance.now();
    window.__bench.phases = { engineMs: t1 - t0, storeMs: t2 - t1 };
    root.render(<SheetForm pkg={form.package} store={store} plan={plan} readOnly={false} />);
  }
  requestAnimationFrame(() =>
    afterWork(t0, (ms) => {
      window.__bench.renderMs = ms;
      window.__bench.ready = true;
    }),
  );
}

main().catch((e: Error) => {
  window.__bench.error = e.message;
});
