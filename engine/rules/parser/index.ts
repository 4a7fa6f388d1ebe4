export { parse, PARSER_LIMITS } from './parser';
export type { ParseResult } from './parser';
export * from './ast';
export { collectDependencies } from './collectDependencies';
export type { Dependency } from './collectDependencies';
