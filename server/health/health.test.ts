import { startTestServer, type TestServer } from '../../test/support/server';

describe('GET /api/health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers 200 with the version when the database answers', async () => {
    const res = await fetch(`${server.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), database: true });
  });

  it('answers 503 when the database does not answer', async () => {
    const original = server.state.sequelize.query.bind(server.state.sequelize);
    server.state.sequelize.query = (async () => {
      throw new Error('connection lost');
    }) as typeof original;
    try {
      const res = await fetch(`${server.baseUrl}/api/health`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { database: boolean }).database).toBe(false);
    } finally {
      server.state.sequelize.query = original;
    }
  });

  it('answers unknown API paths with a French error in the common shape', async () => {
    const res = await fetch(`${server.baseUrl}/api/inexistant`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Adresse inconnue.' } });
  });

  it('sends security headers', async () => {
    const res = await fetch(`${server.baseUrl}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  });
});
