/**
 * A JSON code editor (CodeMirror 6): the engine's diagnostics underlined at their place and listed
 * on hover, and in rule files completion of field references (`SHEET.field`, `SHEET.group.col`)
 * and of the rule language's functions.
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { FUNCTIONS, type Diagnostic } from '../../../engine';
import type { FieldReference } from './api';
import { diagnosticRange } from './diagnostics';

const FUNCTION_OPTIONS = FUNCTIONS.map((f) => ({
  label: f.name,
  type: 'function',
  detail: `(${f.params.map((p) => p.name).join('; ')})`,
  apply: `${f.name}(`,
}));
const CONTEXT_OPTIONS = [
  'organisme.famille',
  'organisme.siren',
  'organisme.departement',
  'organisme.departements',
  'campagne.exercice',
  'campagne.cloture',
].map((label) => ({
  label,
  type: 'variable',
}));

/** Completion inside a rule file: field references once a sheet id is typed, functions otherwise. */
export function referenceCompletion(fields: () => FieldReference[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_*]*)*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const options = [
      ...fields().map((f) => ({ label: f.ref, type: f.table ? 'property' : 'variable', detail: f.title, info: `${f.code} — ${f.type}` })),
      ...(word.text.includes('.') ? CONTEXT_OPTIONS : [...CONTEXT_OPTIONS, ...FUNCTION_OPTIONS]),
    ];
    return { from: word.from, options, validFor: /^[A-Za-z0-9_.*]*$/ };
  };
}

export interface CodeEditorProps {
  /** Accessible name of the editor. */
  label: string;
  value: string;
  onChange: (text: string) => void;
  diagnostics: Diagnostic[];
  /** Field references offered for completion (rule files only). */
  fields?: () => FieldReference[];
  readOnly?: boolean;
}

export function CodeEditor({ label, value, onChange, diagnostics, fields, readOnly = false }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;

  useEffect(() => {
    const extensions = [
      basicSetup,
      json(),
      lintGutter(),
      EditorView.lineWrapping,
      EditorState.readOnly.of(readOnly),
      // tabindex: axe counts a contenteditable as focusable only with it (the scroller must hold something focusable).
      EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) changeRef.current(u.state.doc.toString());
      }),
      ...(fields ? [autocompletion({ override: [referenceCompletion(fields)], activateOnTyping: true })] : []),
    ];
    view.current = new EditorView({ parent: host.current!, state: EditorState.create({ doc: value, extensions }) });
    return () => view.current?.destroy();
    // The editor is created once per file; later value changes come from typing or the effect below.
  }, [label, readOnly]);

  // A value replaced from outside (file switched back, draft reloaded).
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const text = v.state.doc.toString();
    const mapped: CmDiagnostic[] = diagnostics.map((d) => {
      const range = diagnosticRange(text, d);
      return {
        from: range.from,
        to: range.to,
        severity: 'error',
        message: d.ruleId ? `${d.ruleId} : ${d.message}` : d.message,
        source: d.code,
      };
    });
    v.dispatch(setDiagnostics(v.state, mapped));
  }, [diagnostics]);

  return <div className="hm-code-editor" ref={host} data-testid="code-editor" />;
}
