import { startTestServer, type TestServer } from '../../test/support/server';
import { buildWorld, type World } from '../../test/server/support/world';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, PENDING_TIMEOUT_MS, findSession, openSession } from './sessions';

const MINUTE = 60_000;

/** Session lifetimes against an injected clock (ASVS 7.3.1, 7.3.2): idle 1 h, absolute 12 h, pending second factor 10 min. */
describe('session timeouts', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
  });
  afterAll(() => server.close());

  const open = (mfaPending: 'verify' | null = null) => openSession(server.state, world.users.ORG_SAISIE.id, null, { mfaPending });
  const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

  it('keeps a session used within the hour and ends it after an hour idle', async () => {
    const { token, session } = await open();
    expect(IDLE_TIMEOUT_MS).toBe(60 * MINUTE);
    expect(await findSession(server.state, token, at(session.createdAt, 59 * MINUTE))).not.toBeNull();
    // The use at 59 min counts: 59 min later it is still alive; 61 min after that, gone for good.
    expect(await findSession(server.state, token, at(session.createdAt, 118 * MINUTE))).not.toBeNull();
    expect(await findSession(server.state, token, at(session.createdAt, 180 * MINUTE))).toBeNull();
    expect(await findSession(server.state, token, at(session.createdAt, 118 * MINUTE))).toBeNull();
  });

  it('ends a session at 12 hours even when used every few minutes', async () => {
    const { token, session } = await open();
    expect(ABSOLUTE_TIMEOUT_MS).toBe(12 * 60 * MINUTE);
    for (let t = 50 * MINUTE; t < ABSOLUTE_TIMEOUT_MS; t += 50 * MINUTE) {
      expect(await findSession(server.state, token, at(session.createdAt, t))).not.toBeNull();
    }
    expect(await findSession(server.state, token, at(session.createdAt, ABSOLUTE_TIMEOUT_MS))).toBeNull();
  });

  it('gives a session waiting for its second factor ten minutes', async () => {
    const { token, session } = await open('verify');
    expect(PENDING_TIMEOUT_MS).toBe(10 * MINUTE);
    expect((await findSession(server.state, token, at(session.createdAt, 9 * MINUTE)))?.mfaPending).toBe('verify');
    expect(await findSession(server.state, token, at(session.createdAt, 10 * MINUTE))).toBeNull();
  });
});
