import { unzipSync } from 'fflate';
import { ApiError } from '../http/errors';
import { withLuhnDigit } from '../referential/siren';
import { openApiChecker, sessionsOf, useConsolesWorld, type ConsolesFixture, type Json } from './testing';
import { parseSirenList } from './work-list-csv';

describe('#consoles.work-lists', () => {
  const fixture = useConsolesWorld();
  let server: ConsolesFixture['server'];
  let world: ConsolesFixture['world'];
  let seed: ConsolesFixture['seed'];
  let conforms: (res: Response, method: string, template: string) => Promise<Json>;
  beforeAll(async () => {
    ({ server, world, seed } = fixture);
    conforms = await openApiChecker(server.baseUrl);
  });

  const as = sessionsOf(fixture);
  const csv = async (key: string, listId: number, text: string | Uint8Array) =>
    (await as(key)).request('POST', `/api/consoles/work-lists/${listId}/import`, text, { 'Content-Type': 'text/csv' });
  const create = async (key: string, name: string) =>
    conforms(await (await as(key)).post('/api/consoles/work-lists', { name }), 'post', '/api/consoles/work-lists');

  /** A SIREN with a right Luhn key that no organisation has. */
  const UNKNOWN = withLuhnDigit('12345678');

  it('imports a CSV all or nothing, with the errors line by line, then narrows the search, the follow-up and the receipts', async () => {
    const { orgA, orgB, orgC } = world.organisations;
    const list = await create('DHUP', 'Bailleurs du Rhône');
    expect(list).toMatchObject({ name: 'Bailleurs du Rhône', size: 0, organisations: [] });
    const again = await (await as('DHUP')).post('/api/consoles/work-lists', { name: 'Bailleurs du Rhône' });
    expect([again.status, ((await again.json()) as Json).error.message]).toEqual([
      409,
      'Vous avez déjà une liste de travail nommée « Bailleurs du Rhône ».',
    ]);

    const bad = await csv(
      'DHUP',
      list.id,
      `\uFEFFSIREN;Nom\r\n${orgA.siren};Office A\r\n732829321;Faute de frappe\r\n${UNKNOWN};Inconnu\r\n\r\n${orgA.siren};Encore A\r\n`,
    );
    expect(bad.status).toBe(422);
    const error = (await conforms(bad, 'post', '/api/consoles/work-lists/{id}/import')).error;
    expect(error.message).toBe(
      'Le fichier n’a pas été importé : 3 lignes sont en erreur. Corrigez-les puis importez à nouveau le fichier entier.',
    );
    expect(error.details.lines).toEqual([
      { line: 3, value: '732829321', reason: 'SIREN invalide : 9 chiffres dont la clé de contrôle (Luhn) est juste.' },
      { line: 4, value: UNKNOWN, reason: 'Organisme inconnu : aucun organisme de votre périmètre n’a ce SIREN.' },
      { line: 6, value: orgA.siren, reason: 'Doublon : ce SIREN figure déjà ligne 2.' },
    ]);
    const untouched = await conforms(
      await (await as('DHUP')).get(`/api/consoles/work-lists/${list.id}`),
      'get',
      '/api/consoles/work-lists/{id}',
    );
    expect(untouched.size).toBe(0);

    const good = await csv('DHUP', list.id, `siren,nom\n${orgA.siren},Office A\n"${orgC.siren}",C\n`);
    expect(await conforms(good, 'post', '/api/consoles/work-lists/{id}/import')).toEqual({ lines: 2, added: 2, alreadyInList: 0, size: 2 });

    // The search: only the statements of orgA and orgC (orgB transmitted too, in 2024).
    const search = await conforms(
      await (await as('DHUP')).get(`/api/consoles/statements?workList=${list.id}&campaign=${seed.er2024Campaign.id}`),
      'get',
      '/api/consoles/statements',
    );
    expect(search.items.map((i: Json) => i.organisation.siren).sort()).toEqual([orgA.siren, orgC.siren].sort());

    // The follow-up: the open campaign expects orgA (transmitted) and orgC (not started) of the list.
    const progress = await (await as('DHUP')).get(`/api/consoles/campaigns/${seed.erOpen.id}/progress?workList=${list.id}`);
    expect(((await progress.json()) as Json).totals).toMatchObject({ total: 2, transmitted: 1, not_started: 1 });
    const members = await (await as('DHUP')).get(`/api/consoles/campaigns/${seed.erOpen.id}/organisations?workList=${list.id}`);
    expect(((await members.json()) as Json).items.map((i: Json) => i.organisation.siren).sort()).toEqual([orgA.siren, orgC.siren].sort());

    // The CSV export (statements capability) of the same campaign: one line per organisation of the list.
    const csvExport = await (await as('DHUP')).get(`/api/campaigns/${seed.er2024Campaign.id}/export?format=csv&workList=${list.id}`);
    const exported = (await csvExport.text())
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(/[;,]/)[0].replace(/"/g, ''));
    expect(exported.sort()).toEqual([orgA.siren, orgC.siren].sort());
    expect((await (await as('PARTNER')).get(`/api/campaigns/${seed.er2024Campaign.id}/export?workList=${list.id}`)).status).toBe(404);

    // The receipts archive: orgA's and orgC's, not orgB's.
    const zip = await (await as('DHUP')).get(`/api/consoles/campaigns/${seed.er2024Campaign.id}/receipts.zip?workList=${list.id}`);
    const owners = Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer()))).map((n) => n.split('-')[0]);
    expect(owners.sort()).toEqual([orgA.siren, orgC.siren].sort());
    expect(owners).not.toContain(orgB.siren);
  });

  it('adds search results, removes, renames and deletes', async () => {
    const { orgA, orgB } = world.organisations;
    const dhup = await as('DHUP');
    const list = await create('DHUP', 'Sélection');
    const add = await dhup.post(`/api/consoles/work-lists/${list.id}/organisations`, { organisationIds: [orgA.id, orgB.id] });
    expect(await conforms(add, 'post', '/api/consoles/work-lists/{id}/organisations')).toEqual({ added: 2, alreadyInList: 0, size: 2 });
    const twice = await dhup.post(`/api/consoles/work-lists/${list.id}/organisations`, { organisationIds: [orgA.id] });
    expect(await twice.json()).toEqual({ added: 0, alreadyInList: 1, size: 2 });
    const unknown = await dhup.post(`/api/consoles/work-lists/${list.id}/organisations`, { organisationIds: [999_999] });
    expect([unknown.status, ((await unknown.json()) as Json).error.details]).toEqual([422, { organisationIds: [999_999] }]);

    const removed = await dhup.request('DELETE', `/api/consoles/work-lists/${list.id}/organisations/${orgA.id}`);
    expect(removed.status).toBe(204);
    const renamed = await dhup.request('PATCH', `/api/consoles/work-lists/${list.id}`, { name: 'Sélection de Paris' });
    const body = await conforms(renamed, 'patch', '/api/consoles/work-lists/{id}');
    expect([body.name, body.organisations.map((o: Json) => o.siren)]).toEqual(['Sélection de Paris', [orgB.siren]]);
    const all = await conforms(await dhup.get('/api/consoles/work-lists'), 'get', '/api/consoles/work-lists');
    expect(all.items.find((l: Json) => l.id === list.id)).toMatchObject({ name: 'Sélection de Paris', size: 1 });

    expect((await dhup.request('DELETE', `/api/consoles/work-lists/${list.id}`)).status).toBe(204);
    expect((await dhup.get(`/api/consoles/work-lists/${list.id}`)).status).toBe(404);
    expect(await server.state.models.WorkListEntry.count({ where: { workListId: list.id } })).toBe(0);
  });

  it('refuses to rename a list to a name its authority already uses, or to an empty or too long name, in French at the field', async () => {
    const prefecture = await as('PREFECTURE');
    const taken = await create('PREFECTURE', 'Déjà prise');
    const list = await create('PREFECTURE', 'À renommer');
    // Another authority's list of the same name is no conflict: names are unique per authority.
    await create('DHUP', 'Nom partagé');
    const rename = (name: string) => prefecture.request('PATCH', `/api/consoles/work-lists/${list.id}`, { name });

    const duplicate = await rename(taken.name);
    expect([duplicate.status, ((await duplicate.json()) as Json).error.message]).toEqual([
      409,
      'Vous avez déjà une liste de travail nommée « Déjà prise ».',
    ]);
    for (const name of ['   ', 'x'.repeat(121)]) {
      const invalid = await rename(name);
      const error = ((await invalid.json()) as Json).error;
      expect([invalid.status, error.details.map((d: Json) => d.path)]).toEqual([422, ['name']]);
      expect(error.details[0].message).toMatch(/Trop (petit|grand)/);
    }
    expect((await conforms(await rename('  Nom partagé  '), 'patch', '/api/consoles/work-lists/{id}')).name).toBe('Nom partagé');
  });

  it('narrows the préfecture’s inbox to the organisations of its list', async () => {
    const { orgA, orgB } = world.organisations;
    const list = await create('PREFECTURE', 'Office A seul');
    expect((await csv('PREFECTURE', list.id, `${orgA.siren}\n`)).status).toBe(200);
    const sirens = async (query: string) => {
      const page = await (await as('PREFECTURE')).get(`/api/consoles/inbox${query}`);
      return new Set(((await conforms(page, 'get', '/api/consoles/inbox')).items as Json[]).map((i) => i.organisation.siren));
    };
    expect(await sirens('')).toEqual(new Set([orgA.siren, orgB.siren]));
    expect(await sirens(`?workList=${list.id}`)).toEqual(new Set([orgA.siren]));
  });

  it('keeps a list to its authority: another authority, a federation or an organisation cannot use it', async () => {
    const list = await create('DHUP', 'Confidentiel');
    for (const key of ['PARTNER', 'PREFECTURE']) {
      expect((await (await as(key)).get(`/api/consoles/work-lists/${list.id}`)).status).toBe(404);
      expect((await (await as(key)).get(`/api/consoles/statements?workList=${list.id}`)).status).toBe(404);
      expect((await csv(key, list.id, world.organisations.orgA.siren)).status).toBe(404);
    }
    expect((await (await as('FED_AGENT')).get(`/api/consoles/statements?workList=${list.id}`)).status).toBe(404);
    for (const key of ['FED_AGENT', 'ORG_SAISIE', 'ER_EDITOR']) {
      expect((await (await as(key)).get('/api/consoles/work-lists')).status).toBe(403);
      expect((await (await as(key)).post('/api/consoles/work-lists', { name: 'x' })).status).toBe(403);
    }
  });

  it('lets a préfecture list only the organisations it may see', async () => {
    const { orgA, orgB } = world.organisations;
    const list = await create('PREFECTURE', 'Rhône');
    // The 69 préfecture sees orgA (siège 69); orgB (siège 75) does not exist for it.
    const res = await csv('PREFECTURE', list.id, `${orgA.siren}\n${orgB.siren}\n`);
    expect(res.status).toBe(422);
    expect(((await res.json()) as Json).error.details.lines).toEqual([
      { line: 2, value: orgB.siren, reason: 'Organisme inconnu : aucun organisme de votre périmètre n’a ce SIREN.' },
    ]);
    expect((await csv('PREFECTURE', list.id, `${orgA.siren}\n`)).status).toBe(200);
  });

  it('refuses a file that is not UTF-8, empty, or sent as JSON', async () => {
    const list = await create('DHUP', 'Fichiers');
    const latin1 = await csv('DHUP', list.id, new Uint8Array([0x53, 0x49, 0x52, 0x45, 0x4e, 0xe9, 0x0a]));
    expect([latin1.status, ((await latin1.json()) as Json).error.message]).toEqual([422, 'Le fichier n’est pas encodé en UTF-8.']);
    const empty = await csv('DHUP', list.id, 'siren\n\n');
    expect([empty.status, ((await empty.json()) as Json).error.message]).toEqual([422, 'Le fichier ne contient aucun SIREN.']);
    const json = await (await as('DHUP')).post(`/api/consoles/work-lists/${list.id}/import`, { csv: '732829320' });
    expect(json.status).toBe(415);
  });
});

describe('parseSirenList', () => {
  const parse = (text: string) => parseSirenList(Buffer.from(text, 'utf8'));
  it('reads the first column of `;` or `,` lines, with or without BOM, header and quotes, spaces removed', () => {
    expect(parse('\uFEFFsiren;nom\r\n732 829 320;A\r\n"552100554";B')).toEqual([
      { line: 2, siren: '732829320' },
      { line: 3, siren: '552100554' },
    ]);
    expect(parse('732829320,A\n\n552100554')).toEqual([
      { line: 1, siren: '732829320' },
      { line: 3, siren: '552100554' },
    ]);
  });
  it('keeps a wrong line after the first as a line to check, not as a header', () => {
    expect(parse('732829320\nabc')).toEqual([
      { line: 1, siren: '732829320' },
      { line: 2, siren: 'abc' },
    ]);
    expect(() => parse('')).toThrow(ApiError);
  });
});
