export { buildPlan, NodeKind } from './plan';
export type { Plan, CompiledRule, Target } from './plan';
export type { State, Compiled } from './state';
export { Layout } from './layout';
export type { TableLayout } from './layout';
export { countedSum } from './aggregates';
export type { SharedAggregate } from './aggregates';
