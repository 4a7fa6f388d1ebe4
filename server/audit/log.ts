import crypto from 'node:crypto';
import { Op, Transaction } from 'sequelize';
import type { AppState } from '../context';
import type { AuditEntry } from '../db/models';
import { canonicalJson } from '../transmission/canonical';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  /** Who did it; null or absent for the system (seed, scheduled jobs). */
  actor?: { id: number; email: string } | null;
  /** Dotted verb, e.g. `auth.login`, `statement.transmit`, `statement.read_by_authority`. */
  action: string;
  objectType: string;
  objectId?: string | number | null;
  /** Identifiers and small facts only: never form answers or personal data beyond the actor. */
  details?: Record<string, unknown>;
}

/** The fields covered by an entry's hash, in the canonical form that both writing and verification use. */
function hashedContent(entry: Pick<AuditEntry, 'seq' | 'at' | 'actorId' | 'actor' | 'action' | 'objectType' | 'objectId' | 'details'>) {
  return {
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    actor: entry.actor,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    details: entry.details,
  };
}

export function entryHash(prevHash: string, entry: Parameters<typeof hashedContent>[0]): string {
  return crypto
    .createHash('sha256')
    .update(prevHash + canonicalJson(hashedContent(entry)), 'utf8')
    .digest('hex');
}

/** Writing transactions on SQLite take the write lock up front, so two of them cannot deadlock on an upgrade. */
export const writeTransactionOptions = (state: AppState) =>
  state.sequelize.getDialect() === 'sqlite' ? { type: Transaction.TYPES.IMMEDIATE } : {};

/**
 * Appends one entry to the hash-chained audit log: hash = sha256(prev_hash + canonical JSON of the
 * entry). Pass the caller's transaction so the entry commits (or rolls back) with the change it
 * records. Appends are serialised by a lock on the single `audit_head` row.
 */
export async function audit(state: AppState, input: AuditInput, transaction?: Transaction): Promise<AuditEntry> {
  if (!transaction) return state.sequelize.transaction(writeTransactionOptions(state), (t) => append(state, input, t));
  return append(state, input, transaction);
}

/**
 * Runs `decide` in a writing transaction that holds the audit log's head: no entry can be appended
 * meanwhile, so a decision read from the log (a limit) and the entry that records it are one step.
 */
export function withAuditLogHeld<T>(state: AppState, decide: (transaction: Transaction) => Promise<T>): Promise<T> {
  return state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    await lockHead(state, transaction);
    return decide(transaction);
  });
}

async function lockHead(state: AppState, transaction: Transaction) {
  const head = await state.models.AuditHead.findByPk(1, { transaction, lock: transaction.LOCK.UPDATE });
  if (!head) throw new Error('audit_head row missing: the migration did not run');
  return head;
}

async function append(state: AppState, input: AuditInput, transaction: Transaction): Promise<AuditEntry> {
  const { AuditHead, AuditEntry: Entries } = state.models;
  const head = await lockHead(state, transaction);
  const content = {
    seq: head.seq + 1,
    at: new Date(),
    actorId: input.actor?.id ?? null,
    actor: input.actor?.email ?? null,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId === undefined || input.objectId === null ? null : String(input.objectId),
    // A JSON round trip: plain data only, exactly what the database will give back.
    details: JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>,
  };
  const hash = entryHash(head.hash, content);
  const entry = await Entries.create({ ...content, prevHash: head.hash, hash }, { transaction });
  await AuditHead.update({ seq: content.seq, hash }, { where: { id: 1 }, transaction });
  return entry;
}

export type ChainVerdict =
  { ok: true; count: number } | { ok: false; seq: number; reason: 'hash' | 'link' | 'gap' | 'head'; count: number };

/** Re-reads the whole log and recomputes every hash: any edited, deleted or inserted entry breaks the chain. */
export async function verifyAuditChain(state: AppState, batchSize = 1000): Promise<ChainVerdict> {
  const { AuditEntry: Entries, AuditHead } = state.models;
  // The head first: entries appended while the log is read lie beyond it and are left for next time.
  const head = await AuditHead.findByPk(1);
  const last = head?.seq ?? 0;
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    // Keyset paging on the primary key: each batch is an index range, however long the log.
    const batch = await Entries.findAll({
      where: { seq: { [Op.gte]: expectedSeq, [Op.lte]: last } },
      order: [['seq', 'ASC']],
      limit: batchSize,
    });
    for (const entry of batch) {
      if (entry.seq !== expectedSeq) return { ok: false, seq: expectedSeq, reason: 'gap', count: expectedSeq - 1 };
      if (entry.prevHash !== prev) return { ok: false, seq: entry.seq, reason: 'link', count: expectedSeq - 1 };
      if (entryHash(prev, entry) !== entry.hash) return { ok: false, seq: entry.seq, reason: 'hash', count: expectedSeq - 1 };
      prev = entry.hash;
      expectedSeq += 1;
    }
    if (batch.length < batchSize) break;
  }
  const count = expectedSeq - 1;
  if (!head || head.seq !== count || head.hash !== prev) return { ok: false, seq: count, reason: 'head', count };
  return { ok: true, count };
}
