import type { Authority, Federation, Organisation, User } from '../db/models';

export const presentOrganisation = (o: Organisation) => ({
  id: o.id,
  siren: o.siren,
  name: o.name,
  kind: o.kind,
  federationId: o.federationId,
  departement: o.departement,
  departements: o.departements,
});

export const presentFederation = (f: Federation) => ({ id: f.id, code: f.code, name: f.name });

export const presentAuthority = (a: Authority) => ({ id: a.id, code: a.code, kind: a.kind, name: a.name, departement: a.departement });

/** An allowlist: never the password hash, the failure counter or MFA secrets. */
export const presentUser = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  organisationId: u.organisationId,
  federationId: u.federationId,
  authorityId: u.authorityId,
  disabled: u.disabled,
  lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
});
