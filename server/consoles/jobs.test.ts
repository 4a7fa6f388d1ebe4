import { unzipSync } from 'fflate';
import { QueryTypes } from 'sequelize';
import { unprocessable } from '../http/errors';
import { loadActor } from '../policies/actor';
import { jobFiles, startJob, STALE_MS, type JobProgress } from './jobs';
import { openApiChecker, sessionsOf, useConsolesWorld, type ConsolesFixture, type Json } from './testing';

describe('#consoles.jobs', () => {
  const fixture = useConsolesWorld();
  let server: ConsolesFixture['server'];
  let world: ConsolesFixture['world'];
  let seed: ConsolesFixture['seed'];
  let conforms: Awaited<ReturnType<typeof openApiChecker>>;
  beforeAll(async () => {
    ({ server, world, seed } = fixture);
    conforms = await openApiChecker(server.baseUrl);
  });

  const as = sessionsOf(fixture);

  /** Polls a job (as the ui does) until it leaves `running`, recording the progress seen. */
  async function finished(key: string, url: string): Promise<{ job: Json; seen: Array<[number, number]> }> {
    const seen: Array<[number, number]> = [];
    for (let i = 0; i < 400; i += 1) {
      const job = (await (await (await as(key)).get(url)).json()) as Json;
      seen.push([job.done, job.total]);
      if (job.status !== 'running') return { job, seen };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`job ${url} still running`);
  }

  /** A task of `total` steps that takes `stepMs` each, as a job of the given user. */
  async function slowJob(key: string, total: number, stepMs: number, fail?: Error) {
    const actor = (await loadActor(server.state, world.users[key].id))!;
    return startJob(server.state, actor, 'impact', seed.er2025.id, {}, async (progress: JobProgress) => {
      for (let i = 0; i < total; i += 1) {
        await progress.advance(i, total);
        await new Promise((resolve) => setTimeout(resolve, stepMs));
        if (fail && i === 1) throw fail;
      }
      return { result: { steps: total } };
    });
  }

  const impactJobs = () => `/api/consoles/versions/${seed.er2025.id}/impact/jobs`;

  it('runs the impact report in the background, with its progress, and answers the same report as the direct route', async () => {
    const editor = await as('ER_EDITOR');
    const started = await editor.post(impactJobs());
    expect(started.status).toBe(202);
    const job = await conforms(started, 'post', '/api/consoles/versions/{id}/impact/jobs');
    expect(job).toMatchObject({ kind: 'impact', status: 'running', result: null });
    const { job: done } = await finished('ER_EDITOR', `${impactJobs()}/${job.id}`);
    await conforms(await editor.get(`${impactJobs()}/${job.id}`), 'get', '/api/consoles/versions/{id}/impact/jobs/{jobId}');
    expect(done).toMatchObject({ status: 'done', done: 3, total: 3, error: null });
    const direct = (await (await editor.get(`/api/consoles/versions/${seed.er2025.id}/impact`)).json()) as Json;
    expect(done.result).toEqual(direct);
    // A reloaded page finds it again.
    const latest = await conforms(await editor.get(`${impactJobs()}/latest`), 'get', '/api/consoles/versions/{id}/impact/jobs/latest');
    expect(latest.job.id).toBe(job.id);
    // The state is in the database, not in the process.
    const row = await server.state.models.ConsoleJob.findByPk(job.id);
    expect([row?.status, row?.done, row?.total]).toEqual(['done', 3, 3]);
  });

  it('records progress as it goes and stops when cancelled', async () => {
    const job = await slowJob('ER_EDITOR', 200, 10);
    const url = `${impactJobs()}/${job.id}`;
    let current: Json;
    do {
      await new Promise((resolve) => setTimeout(resolve, 50));
      current = await (await (await as('ER_EDITOR')).get(url)).json();
    } while (current.done === 0);
    expect(current).toMatchObject({ status: 'running', total: 200 });
    const cancel = await (await as('ER_EDITOR')).post(`${url}/cancel`);
    expect((await conforms(cancel, 'post', '/api/consoles/versions/{id}/impact/jobs/{jobId}/cancel')).cancelling).toBe(true);
    const { job: stopped } = await finished('ER_EDITOR', url);
    expect(stopped.status).toBe('cancelled');
    expect(stopped.done).toBeLessThan(200);
    const again = await (await as('ER_EDITOR')).post(`${url}/cancel`);
    expect([again.status, ((await again.json()) as Json).error.message]).toEqual([409, 'Ce calcul est déjà terminé.']);
  });

  it('shows why a job failed, in French; an unexpected error is not leaked', async () => {
    const known = await slowJob('ER_EDITOR', 5, 1, unprocessable('Le paquet de la version de référence est illisible.'));
    expect((await finished('ER_EDITOR', `${impactJobs()}/${known.id}`)).job).toMatchObject({
      status: 'failed',
      error: 'Le paquet de la version de référence est illisible.',
    });
    const unknown = await slowJob('ER_EDITOR', 5, 1, new Error('SQLITE_BUSY: database is locked'));
    const { job } = await finished('ER_EDITOR', `${impactJobs()}/${unknown.id}`);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^Une erreur interne est survenue pendant le calcul\./);
  });

  it('reads a job left running by a stopped process as interrupted', async () => {
    const job = await server.state.models.ConsoleJob.create({
      kind: 'impact',
      status: 'running',
      userId: world.users.ER_EDITOR.id,
      subjectId: seed.er2025.id,
      params: {},
    });
    await ageJob(job.id);
    const latest = (await (await (await as('ER_EDITOR')).get(`${impactJobs()}/latest`)).json()) as Json;
    expect(latest.job).toMatchObject({
      id: job.id,
      status: 'failed',
      error: 'Le calcul a été interrompu (redémarrage du serveur). Relancez-le.',
    });
  });

  /** Makes a job look unheard of since longer than STALE_MS, as if its process had stopped. */
  const ageJob = (id: number) =>
    server.state.sequelize.query('UPDATE console_jobs SET updated_at = :at WHERE id = :id', {
      replacements: { at: new Date(Date.now() - STALE_MS - 1000), id },
      type: QueryTypes.UPDATE,
    });

  it('keeps a job that is alive but makes no progress from being read as interrupted (heartbeat)', async () => {
    const actor = (await loadActor(server.state, world.users.ER_EDITOR.id))!;
    let release!: () => void;
    const step = new Promise<void>((resolve) => (release = resolve));
    // One long step without any progress report.
    const job = await startJob(server.state, actor, 'impact', seed.er2025.id, {}, async () => (await step, { result: { ok: true } }), {
      heartbeatMs: 20,
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await ageJob(job.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const polled = (await (await (await as('ER_EDITOR')).get(`${impactJobs()}/${job.id}`)).json()) as Json;
    expect(polled.status).toBe('running');
    release();
    expect((await finished('ER_EDITOR', `${impactJobs()}/${job.id}`)).job).toMatchObject({ status: 'done', result: { ok: true } });
  });

  it('never brings a job read as interrupted back to life when its work ends after all', async () => {
    const actor = (await loadActor(server.state, world.users.ER_EDITOR.id))!;
    let release!: () => void;
    const step = new Promise<void>((resolve) => (release = resolve));
    const job = await startJob(server.state, actor, 'impact', seed.er2025.id, {}, async () => (await step, { result: { ok: true } }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await ageJob(job.id);
    const read = (await (await (await as('ER_EDITOR')).get(`${impactJobs()}/${job.id}`)).json()) as Json;
    expect(read).toMatchObject({ status: 'failed', error: 'Le calcul a été interrompu (redémarrage du serveur). Relancez-le.' });
    release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const row = await server.state.models.ConsoleJob.findByPk(job.id);
    expect([row?.status, row?.result]).toEqual(['failed', null]);
  });

  it('builds the receipts archive as a job, narrowed by a work list, downloadable by its starter only', async () => {
    const { orgA, orgB, orgC } = world.organisations;
    const dhup = await as('DHUP');
    const list = (await (await dhup.post('/api/consoles/work-lists', { name: 'Archives' })).json()) as Json;
    await dhup.post(`/api/consoles/work-lists/${list.id}/organisations`, { organisationIds: [orgA.id, orgC.id] });
    const base = `/api/consoles/campaigns/${seed.er2024Campaign.id}/receipts/jobs`;
    const started = await conforms(await dhup.post(`${base}?workList=${list.id}`), 'post', '/api/consoles/campaigns/{id}/receipts/jobs');
    const { job, seen } = await finished('DHUP', `${base}/${started.id}`);
    expect(job).toMatchObject({ status: 'done', done: 2, total: 2, download: `${base}/${started.id}/file` });
    expect(seen.at(-1)).toEqual([2, 2]);
    const file = await dhup.get(job.download);
    expect(file.headers.get('content-type')).toBe('application/zip');
    const owners = Object.keys(unzipSync(new Uint8Array(await file.arrayBuffer()))).map((n) => n.split('-')[0]);
    expect(owners.sort()).toEqual([orgA.siren, orgC.siren].sort());
    expect(owners).not.toContain(orgB.siren);
    // Another follower of the campaign does not know this job, nor may it use the DHUP's list.
    expect((await (await as('PARTNER')).get(`${base}/${started.id}`)).status).toBe(404);
    expect((await (await as('PARTNER')).get(`${base}/${started.id}/file`)).status).toBe(404);
    expect((await (await as('PARTNER')).post(`${base}?workList=${list.id}`)).status).toBe(404);
    expect((await (await as('FED_AGENT')).post(base)).status).toBe(403);
  });

  it('keeps the archive on disk, not in the database, and only the latest one of a user for a campaign', async () => {
    const dhup = await as('DHUP');
    const base = `/api/consoles/campaigns/${seed.er2024Campaign.id}/receipts/jobs`;
    const first = (await finished('DHUP', `${base}/${((await (await dhup.post(base)).json()) as Json).id}`)).job;
    const row = (await server.state.models.ConsoleJob.findByPk(first.id))!;
    expect(row.fileKey).toMatch(/^[0-9a-f-]{36}$/);
    const [stored] = await server.state.sequelize.query<{ file: unknown }>('SELECT file FROM console_jobs WHERE id = :id', {
      replacements: { id: first.id },
      type: QueryTypes.SELECT,
    });
    expect(stored.file).toBeNull();
    const onDisk = await jobFiles(server.state).read(row.fileKey!);
    expect(Buffer.from(await (await dhup.get(first.download)).arrayBuffer()).equals(onDisk)).toBe(true);

    // A new archive replaces it: the older job's file is gone, from disk too.
    const second = (await finished('DHUP', `${base}/${((await (await dhup.post(base)).json()) as Json).id}`)).job;
    expect((await dhup.get(second.download)).status).toBe(200);
    const gone = await dhup.get(first.download);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as Json).error.message).toBe('Le fichier de ce calcul n’est plus disponible : relancez le calcul.');
    await expect(jobFiles(server.state).read(row.fileKey!)).rejects.toThrow();
  });
});
