/**
 * The engine's public API. Browser-safe: nothing here uses ajv code generation, the file system
 * or json-schema-to-typescript. Server and CLI import the Node-only parts by path:
 * engine/package/schemaDialect (draft 2020-12 meta-validation with ajv) and engine/types.
 */
export * from './api';
export * from './package';
export { loadForm, checkComputedFields, computedTarget, type CompiledForm, type LoadFormOptions } from './package/loadForm';
export * from './diff';
export * from './rules';
