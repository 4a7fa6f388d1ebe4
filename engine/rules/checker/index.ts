export { checkRules, lineColumn } from './checkRules';
export type { CheckResult, CheckedRule } from './checkRules';
export type { NodeInfo } from './typeCheck';
export { PackageIndex, fieldKey, columnName, scalarTypeOf } from './packageIndex';
export type { Resolved } from './packageIndex';
export { readKeys, keysOf } from './refs';
export { RULE_MESSAGES, messageFor } from './catalogue';
export type { RuleDiagnosticCode } from './catalogue';
