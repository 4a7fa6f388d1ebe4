/**
 * Sessions and statement bundles asked for together are read in one query (server/db/batch,
 * decision 0304): each caller still gets its own row, an unknown key reads as null, and a read
 * inside a transaction goes through that transaction. On SQLite and MariaDB.
 */
import { startTestServer, type TestServer } from '../support/server';
import { readJson } from './support/client';
import { buildWorld, clientFor, type World } from './support/world';
import { demoCampaign } from './statement-forms';
import { findSession, openSession } from '../../server/auth/sessions';
import { readStatementBundle } from '../../server/statements/statement-bundle';

describe('batched reads', () => {
  let server: TestServer;
  let world: World;
  let statementA: number;
  let statementB: number;

  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
    const { campaign } = await demoCampaign(server.state);
    const open = async (key: string) =>
      (await readJson(await (await clientFor(server.baseUrl, world, key)).post(`/api/campaigns/${campaign.id}/statement`))).id as number;
    statementA = await open('ORG_SAISIE');
    statementB = await open('ORG_SAISIE_B');
  });
  afterAll(() => server.close());
  afterEach(() => jest.restoreAllMocks());

  /** The SQL the app sent while `run` ran, as Sequelize received it. */
  async function queriesDuring<T>(run: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
    const spy = jest.spyOn(server.state.sequelize, 'query');
    const result = await run();
    const sql = spy.mock.calls.map(([query]) => String(query));
    spy.mockRestore();
    return { result, sql };
  }

  it('reads the sessions of concurrent requests in one query, each its own', async () => {
    const a = await openSession(server.state, world.users.ORG_SAISIE.id, null);
    const b = await openSession(server.state, world.users.ORG_SAISIE_B.id, null);
    const unknown = 'A'.repeat(43);
    const { result, sql } = await queriesDuring(() =>
      Promise.all([a.token, b.token, a.token, unknown].map((token) => findSession(server.state, token))),
    );
    expect(result.map((session) => session?.user.id ?? null)).toEqual([
      world.users.ORG_SAISIE.id,
      world.users.ORG_SAISIE_B.id,
      world.users.ORG_SAISIE.id,
      null,
    ]);
    expect(result[0]?.csrfToken).toBe(a.session.csrfToken);
    expect(result[1]?.csrfToken).toBe(b.session.csrfToken);
    expect(sql.filter((q) => /FROM sessions/.test(q))).toHaveLength(1);
  });

  it('reads the statement bundles of concurrent requests in one query, each its own', async () => {
    const { result, sql } = await queriesDuring(() =>
      Promise.all([statementA, statementB, 99_999_999].map((id) => readStatementBundle(server.state, id))),
    );
    const [bundleA, bundleB, none] = result;
    expect(bundleA?.statement.id).toBe(statementA);
    expect(bundleA?.organisation.id).toBe(world.organisations.orgA.id);
    expect(bundleB?.statement.id).toBe(statementB);
    expect(bundleB?.organisation.id).toBe(world.organisations.orgB.id);
    expect(none).toBeNull();
    expect(sql.filter((q) => /FROM statements s/.test(q))).toHaveLength(1);
  });

  it('reads a bundle inside a transaction through that transaction, alone', async () => {
    await server.state.sequelize.transaction(async (transaction) => {
      const spy = jest.spyOn(server.state.sequelize, 'query');
      const bundle = await readStatementBundle(server.state, statementA, { transaction });
      expect(bundle?.statement.id).toBe(statementA);
      expect(spy.mock.calls).toHaveLength(1);
      expect((spy.mock.calls[0][1] as { transaction?: unknown }).transaction).toBe(transaction);
    });
  });

  it('answers each of two users saving at the same moment from their own statement', async () => {
    const clients = await Promise.all(['ORG_SAISIE', 'ORG_SAISIE_B'].map((key) => clientFor(server.baseUrl, world, key)));
    const ids = [statementA, statementB];
    const revisions = await Promise.all(
      ids.map(async (id) => (await readJson(await clients[ids.indexOf(id)].get(`/api/statements/${id}`))).revision),
    );
    const responses = await Promise.all(
      ids.map((id, i) => clients[i].put(`/api/statements/${id}/sheets/ER00`, { baseRevision: revisions[i], answers: {} })),
    );
    expect(responses.map((res) => res.status)).toEqual([200, 200]);
    const bodies = await Promise.all(responses.map((res) => readJson(res)));
    expect(bodies.map((body) => body.revision)).toEqual(revisions.map((r) => r + 1));
    // Each user is still refused the other's statement.
    expect(
      (await clients[0].put(`/api/statements/${statementB}/sheets/ER00`, { baseRevision: revisions[1] + 1, answers: {} })).status,
    ).toBe(404);
  });
});
