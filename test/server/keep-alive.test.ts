import { startTestServer, type TestServer } from '../support/server';

/**
 * A client that reuses a keep-alive connection at the moment the server closes it gets
 * ECONNRESET (seen in CI on a loaded machine, uploading after a slow step): the server keeps idle
 * connections longer than clients and proxies do, and says so.
 */
describe('keep-alive', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());

  it('announces an idle timeout longer than the usual 60 s of clients and proxies', async () => {
    const res = await fetch(`${server.baseUrl}/api/health`);
    await res.text();
    expect(res.headers.get('keep-alive')).toBe('timeout=65');
  });
});
