import Router from '@koa/router';
import { Op, type WhereOptions } from 'sequelize';
import { z } from 'zod';
import type { AppState } from '../context';
import type { AuditEntry } from '../db/models';
import { inputOf, validateQuery } from '../http/validate';
import { allow } from '../policies';
import { verifyAuditChain } from './log';

const AuditQuerySchema = z.strictObject({
  objectType: z
    .string()
    .regex(/^[a-z_]{1,32}$/)
    .optional(),
  objectId: z.string().max(64).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  /** Entries before this sequence number (paging backwards from the newest). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const presentAuditEntry = (e: AuditEntry) => ({
  seq: e.seq,
  at: e.at.toISOString(),
  actorId: e.actorId,
  actor: e.actor,
  action: e.action,
  objectType: e.objectType,
  objectId: e.objectId,
  details: e.details,
  hash: e.hash,
});

/** The audit trail, for the platform administrator and ANCOLS: newest first, and a check of the whole chain. */
export function auditRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api/audit' });

  router.get('/', allow('audit.read'), validateQuery(AuditQuerySchema), async function listAudit(ctx) {
    const query = inputOf<AuditQuery>(ctx);
    const where: WhereOptions<AuditEntry> = {};
    if (query.objectType) Object.assign(where, { objectType: query.objectType });
    if (query.objectId) Object.assign(where, { objectId: query.objectId });
    if (query.actorId) Object.assign(where, { actorId: query.actorId });
    if (query.before) Object.assign(where, { seq: { [Op.lt]: query.before } });
    const entries = await state.models.AuditEntry.findAll({ where, order: [['seq', 'DESC']], limit: query.limit });
    ctx.body = { entries: entries.map(presentAuditEntry) };
  });

  router.get('/verify', allow('audit.read'), async function verifyAudit(ctx) {
    ctx.body = await verifyAuditChain(state);
  });

  return router;
}
