import type { AccessRow } from './matrix';
import { auditRows } from './rows-audit';
import { campaignRows } from './rows-campaigns';
import { consoleRows } from './rows-consoles';
import { publishingRows } from './rows-publishing';
import { referentialRows } from './rows-referential';
import { statementRows } from './rows-statements';
import { userRows } from './rows-users';

/** Every row of the access matrix. A capability adds its file here. */
export const ACCESS_ROWS: AccessRow[] = [
  ...referentialRows,
  ...publishingRows,
  ...campaignRows,
  ...statementRows,
  ...consoleRows,
  ...auditRows,
  ...userRows,
];

/**
 * Routes checked by their own suites rather than by a matrix row, with the reason. A route that is
 * neither in a row nor here fails the coverage test.
 */
export const COVERED_ELSEWHERE: Record<string, string> = {
  'GET /api/health': 'public, server/health/health.test.ts',
  'GET /api/openapi.json': 'public, server/openapi/openapi.test.ts',
  'POST /api/auth/login': 'public, server/auth/auth.test.ts (throttling, fixation, CSRF)',
  'POST /api/auth/logout': 'ends the session it is called with, server/auth/auth.test.ts',
  'POST /api/auth/mfa/enrolment': 'the session’s own second factor, server/auth/mfa.test.ts',
  'POST /api/auth/mfa/enrolment/confirm': 'the session’s own second factor, server/auth/mfa.test.ts',
  'POST /api/auth/mfa/verify': 'the session’s own second factor, server/auth/mfa.test.ts',
  'POST /api/auth/mfa/recovery-codes': 'the session’s own recovery codes (complete session, TOTP code), server/auth/mfa-recovery.test.ts',
  'GET /api/auth/providers': 'public (whether ProConnect is configured), server/auth/proconnect.test.ts',
  'GET /api/auth/proconnect/login': 'public redirect to the OP, server/auth/proconnect.test.ts',
  'GET /api/auth/proconnect/callback': 'public, bound to the browser that started the login, server/auth/proconnect.test.ts',
  'DELETE /api/auth/users/:id/second-factor': 'platform administrator only, server/auth/mfa.test.ts (every role)',
};
