/** engine/package: the form package loader and everything that reads sheets. Browser-safe (no ajv). */
export { loadPackage, type LoadOptions } from './load';
export { bundleFromFiles, filesFromBundle, parseBundle, isPackageBundle, BUNDLE_FORMAT } from './bundle';
export { validateAnswers, isIsoDate, type ValidateAnswersOptions } from './validateAnswers';
export { checkRegexSafety, regexSyntaxError, type RegexVerdict } from '../regex/safety';
export { parseJson, locatePointer, positionAt, type JsonPosition } from './json/parse';
export { parsePrefill, applyPrefill, type PrefillInstruction } from './prefill';
export { shapeOf } from './shapeCache';
export type { SheetShape, MemberShape, LeafShape, GroupShape, TableShape, LeafConstraints } from './sheetShape';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './messages';
export { LIMITS } from './limits';
export { manifestSchema } from './manifestSchema';
export { rulesFileSchema } from './rulesFileSchema';
export * from './model';
