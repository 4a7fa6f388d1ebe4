/** One field of a sheet, subscribed to its own value and messages: typing elsewhere never re-renders it. */
import { memo, useCallback } from 'react';
import { formatWithUnit } from '../format/number';
import {
  CheckboxInput,
  ComputedValue,
  DateInput,
  FieldShell,
  NumberInput,
  SelectInput,
  TextInput,
  describedBy,
  type FieldMessage,
} from '../rjsf/primitives';
import { useFieldState } from './hooks';
import { fieldDomId } from './keys';
import type { LeafPlan } from './layout';
import type { StatementStore } from './store';

export interface FieldProps {
  store: StatementStore;
  sheet: string;
  leaf: LeafPlan;
  previous?: unknown;
  readOnly: boolean;
}

function isInvalid(messages: readonly FieldMessage[]) {
  return messages.some((m) => m.severity === 'blocking' || m.severity === 'input');
}

export const LeafField = memo(function LeafField({ store, sheet, leaf, previous, readOnly }: FieldProps) {
  const { value, messages } = useFieldState(store, sheet, leaf.path);
  const id = fieldDomId(sheet, leaf.path);
  const onValue = useCallback((v: unknown) => store.setValue(sheet, leaf.path, undefined, v), [store, sheet, leaf.path]);
  const onInputError = useCallback((m: string | null) => store.setInputError(sheet, leaf.path, undefined, m), [store, sheet, leaf.path]);
  const aside = previous !== undefined && previous !== null ? `Exercice précédent : ${formatWithUnit(previous, leaf.unit)}` : undefined;
  if (leaf.type === 'boolean' && !leaf.readOnly) {
    return (
      <CheckboxInput id={id} label={leaf.title} hint={leaf.hint} value={value} readOnly={readOnly} messages={messages} onValue={onValue} />
    );
  }
  const aria = describedBy(id, Boolean(leaf.hint || aside), messages.length > 0);
  return (
    <FieldShell
      id={id}
      label={leaf.title}
      hint={leaf.hint}
      aside={aside}
      messages={messages}
      className={leaf.readOnly ? 'hm-field--computed' : undefined}
    >
      {renderInput(leaf, id, value, readOnly, isInvalid(messages), aria, onValue, onInputError)}
    </FieldShell>
  );
});

export function renderInput(
  leaf: LeafPlan,
  id: string,
  value: unknown,
  readOnly: boolean,
  invalid: boolean,
  aria: string | undefined,
  onValue: (v: unknown) => void,
  onInputError: (m: string | null) => void,
  ariaLabel?: string,
) {
  if (leaf.readOnly) return <ComputedValue id={id} value={value} unit={leaf.unit} />;
  if (leaf.choices) {
    return (
      <SelectInput
        id={id}
        value={value}
        options={leaf.choices}
        readOnly={readOnly}
        invalid={invalid}
        ariaDescribedBy={aria}
        onValue={onValue}
      />
    );
  }
  switch (leaf.type) {
    case 'number':
    case 'integer':
      return (
        <NumberInput
          id={id}
          value={typeof value === 'number' ? value : null}
          unit={leaf.unit}
          integer={leaf.type === 'integer'}
          readOnly={readOnly}
          invalid={invalid}
          ariaDescribedBy={aria}
          ariaLabel={ariaLabel}
          onValue={onValue}
          onInputError={onInputError}
        />
      );
    case 'date':
      return <DateInput id={id} value={value} readOnly={readOnly} invalid={invalid} ariaDescribedBy={aria} onValue={onValue} />;
    case 'boolean':
      return (
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          disabled={readOnly}
          aria-label={ariaLabel}
          aria-describedby={aria}
          onChange={(e) => onValue(e.target.checked)}
        />
      );
    default:
      return (
        <TextInput
          id={id}
          value={value}
          readOnly={readOnly}
          invalid={invalid}
          multiline={leaf.multiline}
          maxLength={leaf.maxLength}
          ariaDescribedBy={aria}
          onValue={onValue}
        />
      );
  }
}
