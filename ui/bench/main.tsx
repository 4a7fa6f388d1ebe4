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
      keyLatencies: number[];
      fromKeydown: number[];
      error?: string;
      ready?: boolean;
      phases?: Record<string, number>;
    };
  }
}

window.__bench = { keyLatencies: [], fromKeydown: [] };

/** Time until the frame is ready: forced style and layout, measured after the task that did the work. */
function afterWork(t0: number, done: (ms: number) => void) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    void document.body.offsetHeight;
    done(performance.now() - t0);
  };
  channel.port2.postMessage(null);
}

async function main() {
  const params = new URLSearchParams(location.search);
  const mode = params.get('mode') ?? 'harmonia';
  const data = (await (await fetch(`/bench-data.json?case=${params.get('case') ?? 'real'}`)).json()) as BenchData;
  const root = createRoot(document.getElementById('root')!);
  // Keystroke latency: from keydown to the frame being ready after the input event was handled
  // (React renders discrete events synchronously; keydown and input may be separate tasks).
  // Measured from the start of the input event (the page's own work, identical start for both
  // renderers) and, for reference, from keydown (adds the browser's and the driver's gap between the two).
  let keyAt = 0;
  document.addEventListener('keydown', () => (keyAt = performance.now()), true);
  document.addEventListener(
    'input',
    () => {
      const inputAt = performance.now();
      const downAt = keyAt;
      keyAt = 0;
      afterWork(inputAt, (ms) => {
        window.__bench.keyLatencies.push(ms);
        if (downAt) window.__bench.fromKeydown.push(ms + inputAt - downAt);
      });
    },
    true,
  );
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
