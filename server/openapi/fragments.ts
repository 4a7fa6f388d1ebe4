import { auditOpenApi } from '../audit/openapi';
import { authOpenApi } from '../auth/openapi';
import { campaignsOpenApi } from '../campaigns/openapi';
import { consolesOpenApi } from '../consoles/openapi';
import { publishingOpenApi } from '../publishing/openapi';
import { referentialOpenApi } from '../referential/openapi';
import { statementsOpenApi } from '../statements/openapi';
import { usersOpenApi } from '../users/openapi';
import type { OpenApiFragment } from './builder';
import { healthOpenApi } from './health';

/** Every capability's part of the API description. A capability adds its fragment here. */
export const FRAGMENTS: OpenApiFragment[] = [
  healthOpenApi,
  authOpenApi,
  referentialOpenApi,
  publishingOpenApi,
  campaignsOpenApi,
  auditOpenApi,
  statementsOpenApi,
  consolesOpenApi,
  usersOpenApi,
];
