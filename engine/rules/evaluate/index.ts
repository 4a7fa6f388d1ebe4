export { Session } from './session';
export { normalise, readPath } from './load';
export { escapeHtml } from './render';
