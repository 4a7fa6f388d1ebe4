export { checkRegexSafety, regexSyntaxError, type RegexVerdict } from './safety';
