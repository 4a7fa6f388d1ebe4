/** RJSF widgets of the theme: thin adapters from RJSF's WidgetProps to the shared DSFR inputs. */
import type { WidgetProps } from '@rjsf/utils';
import { CheckboxInput, DateInput, NumberInput, SelectInput, TextInput, choicesOf, describedBy, type FieldMessage } from './primitives';

function schemaOf(props: WidgetProps): Record<string, unknown> {
  return props.schema as Record<string, unknown>;
}

function hasHint(props: WidgetProps): boolean {
  return Boolean(props.schema.description || props.uiSchema?.['ui:help']);
}

function inputErrors(raw: string[] | undefined): FieldMessage[] {
  return (raw ?? []).map((text, i) => ({ key: `e${i}`, severity: 'blocking' as const, text }));
}

export function NumberWidget(props: WidgetProps) {
  const schema = schemaOf(props);
  const invalid = Boolean(props.rawErrors?.length);
  return (
    <NumberInput
      id={props.id}
      value={typeof props.value === 'number' ? props.value : null}
      unit={schema['x-unit'] as string | undefined}
      integer={schema.type === 'integer'}
      readOnly={props.readonly || props.disabled || schema.readOnly === true}
      required={props.required}
      invalid={invalid}
      ariaDescribedBy={describedBy(props.id, hasHint(props), invalid)}
      onValue={(v) => props.onChange(v ?? undefined)}
    />
  );
}

export function TextWidget(props: WidgetProps) {
  const schema = schemaOf(props);
  if (schema.type === 'number' || schema.type === 'integer') return <NumberWidget {...props} />;
  if (schema.format === 'date') return <DateWidget {...props} />;
  const invalid = Boolean(props.rawErrors?.length);
  return (
    <TextInput
      id={props.id}
      value={props.value}
      readOnly={props.readonly || props.disabled}
      invalid={invalid}
      maxLength={schema.maxLength as number | undefined}
      ariaDescribedBy={describedBy(props.id, hasHint(props), invalid)}
      onValue={(v) => props.onChange(v ?? undefined)}
    />
  );
}

export function TextareaWidget(props: WidgetProps) {
  const invalid = Boolean(props.rawErrors?.length);
  return (
    <TextInput
      id={props.id}
      multiline
      value={props.value}
      readOnly={props.readonly || props.disabled}
      invalid={invalid}
      ariaDescribedBy={describedBy(props.id, hasHint(props), invalid)}
      onValue={(v) => props.onChange(v ?? undefined)}
    />
  );
}

export function DateWidget(props: WidgetProps) {
  const invalid = Boolean(props.rawErrors?.length);
  return (
    <DateInput
      id={props.id}
      value={props.value}
      readOnly={props.readonly || props.disabled}
      invalid={invalid}
      ariaDescribedBy={describedBy(props.id, hasHint(props), invalid)}
      onValue={(v) => props.onChange(v ?? undefined)}
    />
  );
}

export function SelectWidget(props: WidgetProps) {
  const options = choicesOf(schemaOf(props)) ?? (props.options.enumOptions ?? []).map((o) => ({ value: o.value, label: o.label }));
  const invalid = Boolean(props.rawErrors?.length);
  return (
    <SelectInput
      id={props.id}
      value={props.value}
      options={options}
      readOnly={props.readonly || props.disabled}
      invalid={invalid}
      ariaDescribedBy={describedBy(props.id, hasHint(props), invalid)}
      onValue={(v) => props.onChange(v ?? undefined)}
    />
  );
}

/** Checkbox: its own label (after the box), so the field template hides its label for booleans. */
export function CheckboxWidget(props: WidgetProps) {
  return (
    <CheckboxInput
      id={props.id}
      label={props.label}
      hint={props.schema.description}
      value={props.value}
      readOnly={props.readonly || props.disabled}
      messages={inputErrors(props.rawErrors)}
      onValue={(v) => props.onChange(v)}
    />
  );
}
