import type { AccessRow } from './matrix';

export const auditRows: AccessRow[] = [
  {
    name: 'the audit trail',
    method: 'GET',
    route: '/api/audit',
    path: () => '/api/audit?limit=5',
    expect: { PLATFORM_ADMIN: 200, ANCOLS: 200 },
    otherwise: 403,
  },
  {
    name: 'verify the chain',
    method: 'GET',
    route: '/api/audit/verify',
    path: () => '/api/audit/verify',
    expect: { PLATFORM_ADMIN: 200, ANCOLS: 200 },
    otherwise: 403,
  },
];
