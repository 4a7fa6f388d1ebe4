/**
 * The one field of a second-factor form, as the DSFR draws it: the application's 6-digit code, or
 * a recovery code (letters and digits, typed freely). Marked invalid while an error is shown.
 */
import type { Ref } from 'react';

const KINDS = {
  totp: {
    name: 'code',
    hint: '6 chiffres, renouvelés toutes les 30 secondes',
    attributes: { inputMode: 'numeric', autoComplete: 'one-time-code', pattern: '[0-9]{6}', maxLength: 7 },
  },
  recovery: {
    name: 'recoveryCode',
    hint: '10 lettres et chiffres, par exemple ABCDE-23456',
    attributes: { autoComplete: 'off', autoCapitalize: 'characters', spellCheck: false, maxLength: 16 },
  },
} as const;

export function CodeField(props: {
  id: string;
  kind: keyof typeof KINDS;
  label: string;
  invalid: boolean;
  value: string;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const kind = KINDS[props.kind];
  return (
    <div className={`fr-input-group${props.invalid ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={props.id}>
        {props.label}
        <span className="fr-hint-text">{kind.hint}</span>
      </label>
      <input
        className={`fr-input${props.invalid ? ' fr-input--error' : ''}`}
        id={props.id}
        name={kind.name}
        type="text"
        {...kind.attributes}
        required
        ref={props.inputRef}
        aria-invalid={props.invalid ? true : undefined}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
