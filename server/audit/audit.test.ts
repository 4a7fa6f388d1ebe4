import { boot } from '../boot';
import { readConfig } from '../config';
import type { AppState } from '../context';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { GENESIS_HASH, audit, entryHash, verifyAuditChain, writeTransactionOptions } from './log';

describe('audit log', () => {
  let database: TestDatabase;
  let state: AppState;
  beforeEach(async () => {
    database = await createTestDatabase();
    state = await boot(readConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }));
    for (let i = 1; i <= 5; i += 1) {
      await audit(state, {
        actor: { id: i, email: `u${i}@test.fr` },
        action: 'statement.save',
        objectType: 'statement',
        objectId: i,
        details: { revision: i, sheet: 'ER01' },
      });
    }
  });
  afterEach(async () => {
    await state.sequelize.close();
    await database.drop();
  });

  it('chains each entry to the previous one: hash = sha256(prev_hash + canonical entry)', async () => {
    const entries = await state.models.AuditEntry.findAll({ order: [['seq', 'ASC']] });
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i += 1) expect(entries[i].prevHash).toBe(entries[i - 1].hash);
    expect(entries[2].hash).toBe(entryHash(entries[1].hash, entries[2]));
    expect(await verifyAuditChain(state)).toEqual({ ok: true, count: 5 });
  });

  it('detects an edited entry', async () => {
    await state.models.AuditEntry.update({ details: { revision: 99, sheet: 'ER01' } }, { where: { seq: 3 } });
    expect(await verifyAuditChain(state)).toMatchObject({ ok: false, seq: 3, reason: 'hash' });
  });

  it('detects an edited entry whose hash was recomputed (the next link breaks)', async () => {
    const third = (await state.models.AuditEntry.findByPk(3))!;
    const forged = { ...third.get(), actor: 'autre@test.fr' };
    await state.models.AuditEntry.update({ actor: forged.actor, hash: entryHash(third.prevHash, forged) }, { where: { seq: 3 } });
    expect(await verifyAuditChain(state)).toMatchObject({ ok: false, seq: 4, reason: 'link' });
  });

  it('detects a deleted entry and a truncated tail', async () => {
    await state.models.AuditEntry.destroy({ where: { seq: 5 } });
    expect(await verifyAuditChain(state)).toMatchObject({ ok: false, reason: 'head' });
    await state.models.AuditEntry.destroy({ where: { seq: 2 } });
    expect(await verifyAuditChain(state)).toMatchObject({ ok: false, seq: 2, reason: 'gap' });
    expect(await verifyAuditChain(state, 1)).toMatchObject({ ok: false, seq: 2, reason: 'gap' });
  });

  it('rolls back with the transaction it was written in', async () => {
    await expect(
      state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
        await audit(state, { action: 'statement.transmit', objectType: 'statement', objectId: 1 }, transaction);
        throw new Error('injected failure');
      }),
    ).rejects.toThrow('injected failure');
    expect(await verifyAuditChain(state)).toEqual({ ok: true, count: 5 });
  });

  it('is not misled by an entry appended while it reads the log', async () => {
    const { AuditEntry } = state.models;
    const read = AuditEntry.findAll.bind(AuditEntry);
    // Another request appends right after the verification read its first page of entries.
    const spy = jest.spyOn(AuditEntry, 'findAll').mockImplementationOnce(async (options) => {
      const page = await read(options);
      await audit(state, { action: 'auth.login', objectType: 'user', objectId: 6 });
      return page;
    });
    expect(await verifyAuditChain(state)).toEqual({ ok: true, count: 5 });
    spy.mockRestore();
    expect(await verifyAuditChain(state)).toEqual({ ok: true, count: 6 });
  });

  it('keeps the chain linear under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit(state, { action: 'auth.login', objectType: 'user', objectId: i })));
    expect(await verifyAuditChain(state)).toEqual({ ok: true, count: 25 });
    expect(await verifyAuditChain(state, 4)).toEqual({ ok: true, count: 25 });
  });
});
