/**
 * RJSF templates of the theme in the design system's look. Descriptions, titles and errors are
 * rendered as plain text (rawDescription / rawErrors), never through RJSF's markdown.
 */
import type {
  ArrayFieldItemTemplateProps,
  ArrayFieldTemplateProps,
  DescriptionFieldProps,
  ErrorListProps,
  FieldErrorProps,
  FieldHelpProps,
  FieldTemplateProps,
  IconButtonProps,
  ObjectFieldTemplateProps,
  SubmitButtonProps,
  TitleFieldProps,
} from '@rjsf/utils';
import { FieldShell, type FieldMessage } from './primitives';

function toMessages(raw: string[] | undefined): FieldMessage[] {
  return (raw ?? []).map((text, i) => ({ key: `e${i}`, severity: 'blocking' as const, text }));
}

export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, rawDescription, rawErrors, children, hidden, required, schema, displayLabel } = props;
  if (hidden) return <div hidden>{children}</div>;
  // Containers and checkboxes carry their own legend or label.
  if (schema.type === 'object' || schema.type === 'array' || schema.type === 'boolean' || displayLabel === false) {
    return <div className="hm-field">{children}</div>;
  }
  return (
    <FieldShell id={id} label={label} hint={rawDescription || undefined} required={required} messages={toMessages(rawErrors)}>
      {children}
    </FieldShell>
  );
}

export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { title, description, properties, fieldPathId } = props;
  const legendId = `${fieldPathId.$id}-legend`;
  return (
    <fieldset className="fr-fieldset" aria-labelledby={title ? legendId : undefined}>
      {title ? (
        <legend className="fr-fieldset__legend" id={legendId}>
          {title}
          {typeof description === 'string' && description ? <span className="fr-hint-text">{description}</span> : null}
        </legend>
      ) : null}
      {properties
        .filter((p) => !p.hidden)
        .map((p) => (
          <div className="fr-fieldset__element" key={p.name}>
            {p.content}
          </div>
        ))}
    </fieldset>
  );
}

export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { title, items, canAdd, onAddClick, fieldPathId, readonly, disabled } = props;
  return (
    <fieldset className="fr-fieldset hm-array" aria-labelledby={`${fieldPathId.$id}-legend`}>
      <legend className="fr-fieldset__legend" id={`${fieldPathId.$id}-legend`}>
        {title}
      </legend>
      <div className="fr-fieldset__element">{items}</div>
      {canAdd && !readonly && !disabled ? (
        <div className="fr-fieldset__element">
          <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={onAddClick}>
            Ajouter une ligne
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}

export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, index, buttonsProps, hasToolbar } = props;
  return (
    <div className="hm-array__item fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
      <div className="fr-col">{children}</div>
      {hasToolbar && buttonsProps.hasRemove ? (
        <div className="fr-col-auto">
          <button
            type="button"
            className="fr-btn fr-btn--tertiary fr-btn--sm"
            onClick={buttonsProps.onRemoveItem}
            disabled={buttonsProps.disabled || buttonsProps.readonly}
          >
            Supprimer la ligne {index + 1}
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function ErrorListTemplate(props: ErrorListProps) {
  const { errors } = props;
  if (!errors.length) return null;
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h2 className="fr-alert__title">
        {errors.length === 1 ? 'Une erreur empêche l’enregistrement' : `${errors.length} erreurs empêchent l’enregistrement`}
      </h2>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e.stack}</li>
        ))}
      </ul>
    </div>
  );
}

/** Field errors are drawn by FieldShell (fr-messages-group), so this one renders nothing. */
export function FieldErrorTemplate(_props: FieldErrorProps) {
  return null;
}

/** Help is shown as the hint text of the label by FieldShell. */
export function FieldHelpTemplate(_props: FieldHelpProps) {
  return null;
}

export function DescriptionFieldTemplate({ id, description }: DescriptionFieldProps) {
  if (!description) return null;
  return (
    <p id={id} className="fr-hint-text">
      {typeof description === 'string' ? description : null}
    </p>
  );
}

export function TitleFieldTemplate({ id, title, required }: TitleFieldProps) {
  return (
    <p id={id} className="fr-h6 fr-mb-1w">
      {title}
      {required ? <span aria-hidden="true"> *</span> : null}
    </p>
  );
}

export function SubmitButton(_props: SubmitButtonProps) {
  return (
    <button type="submit" className="fr-btn">
      Valider
    </button>
  );
}

function IconButton(label: string) {
  return function Button(props: IconButtonProps) {
    const { iconType: _iconType, icon: _icon, registry: _registry, uiSchema: _uiSchema, className, ...rest } = props;
    return (
      <button type="button" className={`fr-btn fr-btn--tertiary fr-btn--sm ${className ?? ''}`} {...rest}>
        {label}
      </button>
    );
  };
}

export const ButtonTemplates = {
  SubmitButton,
  AddButton: IconButton('Ajouter'),
  CopyButton: IconButton('Copier'),
  MoveDownButton: IconButton('Descendre'),
  MoveUpButton: IconButton('Monter'),
  RemoveButton: IconButton('Supprimer'),
  ClearButton: IconButton('Effacer'),
};
