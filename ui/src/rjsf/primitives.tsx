/**
 * The design system's form pieces (DSFR classes), shared by the RJSF templates and widgets of
 * this theme and by the statement's fast sheet renderer, so both look and behave the same.
 * Every string that comes from a form package (titles, help texts, labels, messages) is rendered
 * as React text, never as HTML or markdown.
 */
import { memo, useState, type ReactNode } from 'react';
import { formatNumber, parseNumber, unitSuffix } from '../format/number';

export type MessageSeverity = 'blocking' | 'warning' | 'info' | 'input';

/** A message attached to a field: a failing control, or an input the field could not read. */
export interface FieldMessage {
  key: string;
  severity: MessageSeverity;
  text: string;
}

const SEVERITY_CLASS: Record<MessageSeverity, string> = {
  blocking: 'fr-message--error',
  input: 'fr-message--error',
  warning: 'fr-message--warning',
  info: 'fr-message--info',
};

const SEVERITY_PREFIX: Record<MessageSeverity, string> = {
  blocking: 'Erreur bloquante : ',
  input: 'Saisie invalide : ',
  warning: 'Alerte : ',
  info: 'Information : ',
};

export function messagesId(fieldId: string): string {
  return `${fieldId}-messages`;
}

export function hintId(fieldId: string): string {
  return `${fieldId}-hint`;
}

/** Ids the input must list in aria-describedby: its hint, then its messages when it has some. */
export function describedBy(fieldId: string, hasHint: boolean, hasMessages: boolean): string | undefined {
  const ids = [hasHint ? hintId(fieldId) : '', hasMessages ? messagesId(fieldId) : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export const Messages = memo(function Messages({ id, messages }: { id: string; messages: readonly FieldMessage[] }) {
  // The container always exists so that aria-live announces messages that appear.
  return (
    <div className="fr-messages-group" id={messagesId(id)} aria-live="polite">
      {messages.map((m) => (
        <p key={m.key} className={`fr-message ${SEVERITY_CLASS[m.severity]}`} data-severity={m.severity}>
          <span className="fr-sr-only">{SEVERITY_PREFIX[m.severity]}</span>
          {m.text}
        </p>
      ))}
    </div>
  );
});

export function groupStateClass(messages: readonly FieldMessage[]): string {
  if (messages.some((m) => m.severity === 'blocking' || m.severity === 'input')) return ' fr-input-group--error';
  if (messages.some((m) => m.severity === 'warning')) return ' fr-input-group--warning';
  return '';
}

export interface FieldShellProps {
  id: string;
  label: string;
  hint?: string;
  required?: boolean;
  messages: readonly FieldMessage[];
  /** Extra line under the hint, e.g. the previous exercice's value. */
  aside?: ReactNode;
  children: ReactNode;
  /** Label hidden (tables: the column header names the cell), still read by screen readers. */
  srOnlyLabel?: boolean;
  className?: string;
}

/** fr-input-group with its label, hint text and messages. */
export function FieldShell({ id, label, hint, required, messages, aside, children, srOnlyLabel, className }: FieldShellProps) {
  return (
    <div className={`fr-input-group${groupStateClass(messages)}${className ? ' ' + className : ''}`} data-field-id={id}>
      <label className={srOnlyLabel ? 'fr-label fr-sr-only' : 'fr-label'} htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
        {hint || aside ? (
          <span className="fr-hint-text" id={hintId(id)}>
            {hint}
            {hint && aside ? ' — ' : null}
            {aside}
          </span>
        ) : null}
      </label>
      {children}
      <Messages id={id} messages={messages} />
    </div>
  );
}

export interface NumberInputProps {
  id: string;
  value: number | null | undefined;
  unit?: string;
  integer?: boolean;
  readOnly?: boolean;
  required?: boolean;
  invalid?: boolean;
  ariaDescribedBy?: string;
  /** Called on every keystroke that reads as a number (null when emptied). */
  onValue: (value: number | null) => void;
  /** Called when the text cannot be read as a number (null once it can again). */
  onInputError?: (message: string | null) => void;
  className?: string;
  ariaLabel?: string;
}

/**
 * A number typed the French way. While the field has focus the typed text is kept exactly as
 * typed (no reformatting under the caret, no rounding); on blur it is shown formatted.
 */
export const NumberInput = memo(function NumberInput(props: NumberInputProps) {
  const { id, value, unit, integer, readOnly, required, invalid, ariaDescribedBy, onValue, onInputError, className, ariaLabel } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const suffix = unitSuffix(unit);
  const shown = draft ?? formatNumber(value, { unit, integer });
  return (
    <div className="hm-number">
      <input
        id={id}
        className={`fr-input hm-number__input${invalid ? ' fr-input--error' : ''}${className ? ' ' + className : ''}`}
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        autoComplete="off"
        spellCheck={false}
        value={shown}
        readOnly={readOnly}
        aria-readonly={readOnly || undefined}
        aria-required={required || undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={ariaDescribedBy}
        aria-label={ariaLabel}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const parsed = parseNumber(text, { integer });
          if (parsed.ok) {
            onInputError?.(null);
            onValue(parsed.value);
          } else onInputError?.(parsed.message);
        }}
        onBlur={() => {
          if (draft !== null && parseNumber(draft, { integer }).ok) setDraft(null);
        }}
      />
      {suffix ? (
        <span className="hm-number__unit" aria-hidden="true">
          {suffix}
        </span>
      ) : null}
    </div>
  );
});

/** A read-only computed value: shown as text in an output element, announced when it changes. */
export const ComputedValue = memo(function ComputedValue({ id, value, unit }: { id: string; value: unknown; unit?: string }) {
  const text = formatNumber(value, { unit });
  const suffix = unitSuffix(unit);
  return (
    <output id={id} className="hm-computed" aria-live="off" data-computed="true">
      {text ? `${text}${suffix ? '\u00a0' + suffix : ''}` : '—'}
    </output>
  );
});

export interface ChoiceOption {
  value: string | number | boolean;
  label: string;
}

/** Choices from `enum` or `oneOf` of `const` + `title`. */
export function choicesOf(schema: Record<string, unknown>): ChoiceOption[] | undefined {
  if (Array.isArray(schema.oneOf)) {
    const opts = (schema.oneOf as Array<Record<string, unknown>>)
      .filter((o) => o && 'const' in o)
      .map((o) => ({ value: o.const as string | number | boolean, label: String(o.title ?? o.const) }));
    if (opts.length) return opts;
  }
  if (Array.isArray(schema.enum)) {
    return (schema.enum as Array<string | number | boolean>).map((v) => ({ value: v, label: String(v) }));
  }
  return undefined;
}

export function SelectInput(props: {
  id: string;
  value: unknown;
  options: ChoiceOption[];
  readOnly?: boolean;
  invalid?: boolean;
  ariaDescribedBy?: string;
  onValue: (value: string | number | boolean | null) => void;
}) {
  const { id, value, options, readOnly, invalid, ariaDescribedBy, onValue } = props;
  const index = options.findIndex((o) => o.value === value);
  return (
    <select
      id={id}
      className={`fr-select${invalid ? ' fr-select--error' : ''}`}
      value={index >= 0 ? String(index) : ''}
      disabled={readOnly}
      aria-invalid={invalid || undefined}
      aria-describedby={ariaDescribedBy}
      onChange={(e) => onValue(e.target.value === '' ? null : options[Number(e.target.value)].value)}
    >
      <option value="">— Sélectionnez —</option>
      {options.map((o, i) => (
        <option key={i} value={String(i)}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function DateInput(props: {
  id: string;
  value: unknown;
  readOnly?: boolean;
  invalid?: boolean;
  ariaDescribedBy?: string;
  onValue: (value: string | null) => void;
}) {
  const { id, value, readOnly, invalid, ariaDescribedBy, onValue } = props;
  return (
    <input
      id={id}
      className={`fr-input${invalid ? ' fr-input--error' : ''}`}
      type="date"
      value={typeof value === 'string' ? value : ''}
      readOnly={readOnly}
      aria-invalid={invalid || undefined}
      aria-describedby={ariaDescribedBy}
      onChange={(e) => onValue(e.target.value || null)}
    />
  );
}

export function TextInput(props: {
  id: string;
  value: unknown;
  readOnly?: boolean;
  invalid?: boolean;
  multiline?: boolean;
  maxLength?: number;
  ariaDescribedBy?: string;
  onValue: (value: string | null) => void;
}) {
  const { id, value, readOnly, invalid, multiline, maxLength, ariaDescribedBy, onValue } = props;
  const common = {
    id,
    className: `fr-input${invalid ? ' fr-input--error' : ''}`,
    value: typeof value === 'string' ? value : value == null ? '' : String(value),
    readOnly,
    maxLength,
    'aria-invalid': invalid || undefined,
    'aria-describedby': ariaDescribedBy,
  };
  return multiline ? (
    <textarea {...common} rows={3} onChange={(e) => onValue(e.target.value === '' ? null : e.target.value)} />
  ) : (
    <input {...common} type="text" onChange={(e) => onValue(e.target.value === '' ? null : e.target.value)} />
  );
}

/** fr-checkbox-group: the label follows the box, as the design system wants. */
export function CheckboxInput(props: {
  id: string;
  label: string;
  hint?: string;
  value: unknown;
  readOnly?: boolean;
  messages: readonly FieldMessage[];
  onValue: (value: boolean) => void;
}) {
  const { id, label, hint, value, readOnly, messages, onValue } = props;
  const invalid = messages.some((m) => m.severity === 'blocking' || m.severity === 'input');
  return (
    <div className={`fr-checkbox-group${invalid ? ' fr-checkbox-group--error' : ''}`} data-field-id={id}>
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        disabled={readOnly}
        aria-describedby={describedBy(id, Boolean(hint), messages.length > 0)}
        onChange={(e) => onValue(e.target.checked)}
      />
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint ? (
          <span className="fr-hint-text" id={hintId(id)}>
            {hint}
          </span>
        ) : null}
      </label>
      <Messages id={id} messages={messages} />
    </div>
  );
}
