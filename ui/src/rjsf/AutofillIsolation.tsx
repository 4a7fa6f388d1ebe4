/**
 * Keeps Chromium's autofill from reading the whole fiche on every keystroke.
 *
 * After each change to a text field, Chromium's autofill extracts every control of the field's
 * form (or, for a field outside any form, every such field of the page), inferring labels and
 * forcing style per control: 4–6 ms a keystroke on a fiche with 180 mounted fields, more than
 * our own work (docs/ui.md, decision 0602). While a field has the focus it is owned through its
 * `form` attribute by an empty form of its own, so autofill reads that one field.
 */
import { useId, type FocusEvent, type FormEvent, type ReactNode } from 'react';

function isTextControl(target: EventTarget): target is HTMLInputElement | HTMLTextAreaElement {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

const preventSubmit = (event: FormEvent) => event.preventDefault();

export function AutofillIsolation({ children }: { children: ReactNode }) {
  const formId = `hm-saisie-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const onFocus = (event: FocusEvent) => {
    if (isTextControl(event.target) && !event.target.hasAttribute('form')) event.target.setAttribute('form', formId);
  };
  const onBlur = (event: FocusEvent) => {
    if (isTextControl(event.target) && event.target.getAttribute('form') === formId) event.target.removeAttribute('form');
  };
  return (
    <div onFocus={onFocus} onBlur={onBlur}>
      {/* Enter in the lone field would submit this form: nothing is sent, values are saved as typed. */}
      <form id={formId} hidden onSubmit={preventSubmit} />
      {children}
    </div>
  );
}
