/** The identifier shapes and closed lists of the package format, shared by the schemas and the checks. */
import type { OrganisationKind } from '../api';

export const FORM_ID_PATTERN = '^[a-z][a-z0-9-]{1,31}$';
export const VERSION_PATTERN = '^[0-9]{4}\\.[0-9]{1,3}$';
export const SHEET_ID_PATTERN = '^[A-Z][A-Z0-9_]{1,15}$';
export const PROPERTY_KEY_PATTERN = '^[a-z][a-z0-9_]{0,63}$';
export const FIELD_CODE_PATTERN = '^[A-Z][A-Z0-9_]{0,63}$';
export const RULE_ID_PATTERN = '^[A-Za-z][A-Za-z0-9_.-]{0,63}$';
export const TEMPLATE_NAME_PATTERN = '^[a-z][a-z0-9_-]{0,31}$';
export const ATTACHMENT_CODE_PATTERN = '^[a-z][a-z0-9_]{0,63}$';
/** Relative path, `/`-separated; no segment starts with a dot (so no `..`, no hidden files). */
export const FILE_PATH_PATTERN = '^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$';

export const ORGANISATION_KINDS: OrganisationKind[] = ['OPH', 'ESH', 'COOP', 'SEM', 'MOI', 'SC'];
export const OWNERS = ['CGLLS', 'DHUP', 'USH', 'FOPH', 'FESH', 'FNSCHLM', 'FEDEPL'];
export const UNITS = ['EUR', '%', 'm2', 'ETP', 'logements', 'jours'];
export const SEVERITIES = ['blocking', 'warning', 'info'];
export const RULE_KINDS = ['computed', 'check', 'required', 'attachment'];

export function matches(pattern: string, value: string): boolean {
  return new RegExp(pattern, 'u').test(value);
}

/** `form@version`, the way a package names itself in diagnostics and RuleDef.origin. */
export function packageRef(form: string, version: string): string {
  return `${form}@${version}`;
}
