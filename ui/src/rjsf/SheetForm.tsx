/**
 * A fiche through RJSF: the theme's templates and widgets, the engine-based validator, and a root
 * field (`ui:field: harmoniaSheet`) that draws the sheet from the statement store. RJSF's own
 * form state is never changed while typing — values live in the store, where each field
 * subscribes to its own key — so RJSF does not re-render or re-validate the whole sheet per key.
 */
import Form from '@rjsf/core';
import type { FieldProps, RegistryFieldsType, RJSFSchema, UiSchema } from '@rjsf/utils';
import { useMemo } from 'react';
import type { FormPackage } from '../../../engine/package/model';
import type { SheetPlan } from '../statement/layout';
import { SheetView } from '../statement/SheetView';
import type { StatementStore } from '../statement/store';
import { AutofillIsolation } from './AutofillIsolation';
import { safeUiOptions, templates, widgets } from './registry';
import { engineValidator } from './validator';

interface SheetContext {
  store: StatementStore;
  plan: SheetPlan;
  previous?: Record<string, unknown>;
  readOnly: boolean;
}

function HarmoniaSheetField(props: FieldProps) {
  const { store, plan, previous, readOnly } = props.registry.formContext as SheetContext;
  return <SheetView store={store} plan={plan} previous={previous} readOnly={readOnly} />;
}

const fields: RegistryFieldsType = { harmoniaSheet: HarmoniaSheetField };
const uiSchema: UiSchema = { ...safeUiOptions, 'ui:field': 'harmoniaSheet', 'ui:submitButtonOptions': { norender: true } };
const NO_DATA = {};

export function SheetForm({
  pkg,
  plan,
  store,
  previous,
  readOnly,
}: {
  pkg: FormPackage;
  plan: SheetPlan;
  store: StatementStore;
  previous?: Record<string, unknown>;
  readOnly: boolean;
}) {
  const validator = useMemo(() => engineValidator(pkg, plan.id), [pkg, plan.id]);
  // RJSF sees the sheet as one object drawn by the root field: handing it the whole schema would
  // only make it resolve and default a thousand properties it never draws (validation still
  // covers the whole sheet through the engine-based validator).
  const shell = useMemo<RJSFSchema>(() => ({ type: 'object', title: plan.title }), [plan.title]);
  const formContext = useMemo<SheetContext>(() => ({ store, plan, previous, readOnly }), [store, plan, previous, readOnly]);
  return (
    <AutofillIsolation>
      <Form
        tagName="div"
        schema={shell}
        uiSchema={uiSchema}
        formData={NO_DATA}
        fields={fields}
        templates={templates}
        widgets={widgets}
        validator={validator}
        formContext={formContext}
        showErrorList={false}
        noHtml5Validate
        idPrefix={`rjsf-${plan.id}`}
      >
        {/* No submit button: values are saved as they are typed. */}
        <></>
      </Form>
    </AutofillIsolation>
  );
}
