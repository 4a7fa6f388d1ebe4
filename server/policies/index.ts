export type { Actor } from './actor';
export { loadActor } from './actor';
export { can } from './can';
export { allow, currentActor, publicRoute, type PolicyMiddleware, type SubjectLoader } from './middleware';
export { ORGANISATION_ROLES, REGULATORY_OWNERS, RULES, isRegulatory, type Action, type Subject } from './rules';
export { NOTHING, organisationScope, statementScope } from './scopes';
export { statementSubject } from './subjects';
