export { createMessageEnvironment } from './render';
export type { MessageEnvironment, MessageTemplate } from './render';
export { lintTemplate, MAX_TEMPLATE_LENGTH } from './lint';
export type { TemplateProblem } from './lint';
export { MESSAGE_HELPERS, euros, nombre, pourcent, date } from './helpers';
