export { FUNCTIONS, FunctionRegistry, defaultRegistry, arithmetic } from './registry';
export type { FunctionDef, ParamSpec, ParamType, FunctionEnv } from './registry';
export { canonicalFunctionName, FUNCTION_NAMES } from './names';
export { additiveOperands, defaultTolerance } from './tolerance';
export * from './values';
