/**
 * The theme's one registry: every RJSF widget and template of the design system's look.
 * Pass `{ widgets, templates }` to an RJSF <Form>; the statement renderer uses the same pieces.
 */
import type { RegistryWidgetsType, TemplatesType } from '@rjsf/utils';
import {
  ArrayFieldItemTemplate,
  ArrayFieldTemplate,
  ButtonTemplates,
  DescriptionFieldTemplate,
  ErrorListTemplate,
  FieldErrorTemplate,
  FieldHelpTemplate,
  FieldTemplate,
  ObjectFieldTemplate,
  TitleFieldTemplate,
} from './templates';
import { CheckboxWidget, DateWidget, NumberWidget, SelectWidget, TextWidget, TextareaWidget } from './widgets';

export const widgets: RegistryWidgetsType = {
  TextWidget,
  text: TextWidget,
  NumberWidget,
  number: NumberWidget,
  UpDownWidget: NumberWidget,
  updown: NumberWidget,
  TextareaWidget,
  textarea: TextareaWidget,
  DateWidget,
  date: DateWidget,
  SelectWidget,
  select: SelectWidget,
  CheckboxWidget,
  checkbox: CheckboxWidget,
};

export const templates: Partial<TemplatesType> = {
  FieldTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  ErrorListTemplate,
  FieldErrorTemplate,
  FieldHelpTemplate,
  DescriptionFieldTemplate,
  TitleFieldTemplate,
  ButtonTemplates,
};

/** RJSF options that keep editor strings as text: no markdown anywhere. */
export const safeUiOptions = { 'ui:globalOptions': { enableMarkdownInDescription: false, enableMarkdownInHelp: false } };
