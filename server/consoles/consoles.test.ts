// prettier's CommonJS entry starts a dynamic import() on load, which jest refuses; the type
// generator runs with format: false, so prettier is never called (as in engine/types' own test).
jest.mock('prettier', () => ({ format: async (code: string) => code }));

import fs from 'node:fs';
import { unzipSync } from 'fflate';
import path from 'node:path';
import { audit } from '../audit/log';
import type { Organisation } from '../db/models';
import type { Counts } from './progress';
import { openApiChecker, sessionsOf, useConsolesWorld, type ConsolesFixture, type Json } from './testing';

describe('consoles', () => {
  const fixture = useConsolesWorld();
  let server: ConsolesFixture['server'];
  let world: ConsolesFixture['world'];
  let seed: ConsolesFixture['seed'];
  beforeAll(() => ({ server, world, seed } = fixture));

  const as = sessionsOf(fixture);

  /** The dashboard's classification recomputed from the rows, independently of the SQL. */
  async function expectedCounts(campaignId: number, organisations: Organisation[]): Promise<Counts> {
    const { Campaign, Statement } = server.state.models;
    const campaign = (await Campaign.findByPk(campaignId))!;
    const closed = campaign.closesAt.getTime() < Date.now();
    const counts: Counts = { not_started: 0, in_progress: 0, transmitted: 0, late: 0, total: 0, transmittedLate: 0 };
    for (const o of organisations.filter((org) => campaign.audience.includes(org.kind))) {
      const st = await Statement.findOne({ where: { organisationId: o.id, campaignId } });
      const transmitted = st !== null && st.transmittedAt !== null && !['draft', 'reopened'].includes(st.state);
      const status = transmitted ? 'transmitted' : closed ? 'late' : st ? 'in_progress' : 'not_started';
      counts[status] += 1;
      counts.total += 1;
      if (transmitted && st!.late) counts.transmittedLate += 1;
    }
    return counts;
  }

  describe('#consoles.progress', () => {
    it('counts every organisation of the audience by status, as the database holds them', async () => {
      const res = await (await as('DHUP')).get(`/api/consoles/campaigns/${seed.erOpen.id}/progress`);
      expect(res.status).toBe(200);
      const body: Json = await res.json();
      const all = await server.state.models.Organisation.findAll();
      expect(body.totals).toEqual(await expectedCounts(seed.erOpen.id, all));
      // A and D transmitted (D late), B and E in progress (E reopened), C not started; F (COOP) is not in the audience.
      expect(body.totals).toEqual({ not_started: 1, in_progress: 2, transmitted: 2, late: 0, total: 5, transmittedLate: 1 });
      const byKind = Object.fromEntries(body.byKind.map((k: { kind: string; counts: Counts }) => [k.kind, k.counts.total]));
      expect(byKind).toEqual({ ESH: 2, OPH: 2, SEM: 1 });
      const idf = body.byRegion.find((r: { name: string }) => r.name === 'Île-de-France');
      expect(idf.counts).toMatchObject({ in_progress: 2, total: 2 });
      expect(idf.byDepartement.map((d: { departement: string }) => d.departement)).toEqual(['75', '92']);
      expect(body.byRegion.find((r: { name: string }) => r.name === 'Guadeloupe').counts.transmitted).toBe(1);
    });

    it('counts everything not transmitted as late once the campaign is closed', async () => {
      const body: Json = await (await (await as('DHUP')).get(`/api/consoles/campaigns/${seed.er2024Campaign.id}/progress`)).json();
      const all = await server.state.models.Organisation.findAll();
      expect(body.closed).toBe(true);
      expect(body.totals).toEqual(await expectedCounts(seed.er2024Campaign.id, all));
      expect(body.totals).toMatchObject({ transmitted: 3, late: 2, not_started: 0, in_progress: 0, transmittedLate: 1 });
    });

    it('limits a préfecture to the organisations of its département', async () => {
      const res = await (await as('PREFECTURE')).get(`/api/consoles/campaigns/${seed.erOpen.id}/progress`);
      const body: Json = await res.json();
      const { orgA, orgC } = world.organisations;
      expect(body.totals).toEqual(await expectedCounts(seed.erOpen.id, [orgA, orgC]));
      const members: Json = await (await (await as('PREFECTURE')).get(`/api/consoles/campaigns/${seed.erOpen.id}/organisations`)).json();
      expect(members.items.map((m: { organisation: { name: string } }) => m.organisation.name).sort()).toEqual(['Office A', 'Office C']);
    });

    it('shows a federation its members’ progress on its own questionnaire only', async () => {
      const fed = await as('FED_AGENT');
      const members: Json = await (await fed.get(`/api/consoles/campaigns/${seed.fophCampaign.id}/organisations`)).json();
      expect(members.items.map((m: { organisation: { name: string }; status: string }) => [m.organisation.name, m.status])).toEqual([
        ['Office A', 'late'],
        ['Office C', 'transmitted'],
      ]);
      const filtered: Json = await (await fed.get(`/api/consoles/campaigns/${seed.fophCampaign.id}/organisations?status=late`)).json();
      expect(filtered.items).toHaveLength(1);
      expect((await fed.get(`/api/consoles/campaigns/${seed.feshCampaign.id}/progress`)).status).toBe(403);
      expect((await fed.get(`/api/consoles/campaigns/${seed.erOpen.id}/progress`)).status).toBe(403);
      const listed: Json = await (await fed.get('/api/consoles/campaigns')).json();
      expect(listed.items.map((c: { title: string }) => c.title)).toEqual(['Questionnaire FOPH 2025']);
    });

    it('refuses organisations and rejects unknown filters', async () => {
      expect((await (await as('ORG_SAISIE')).get(`/api/consoles/campaigns/${seed.erOpen.id}/progress`)).status).toBe(403);
      expect((await (await as('DHUP')).get(`/api/consoles/campaigns/${seed.erOpen.id}/organisations?status=perdu`)).status).toBe(422);
      expect((await (await as('DHUP')).get('/api/consoles/campaigns/999999/progress')).status).toBe(404);
    });
  });

  describe('#consoles.reminders', () => {
    it('writes one e-mail per filling user of the members that have not transmitted to the outbox, once when sent twice at once', async () => {
      const outbox = path.join(server.dataDir, 'outbox');
      const before = fs.existsSync(outbox) ? fs.readdirSync(outbox).length : 0;
      // A double click: the two requests arrive together; the second sees the first and sends nothing.
      const agent = await as('FED_AGENT');
      const remind = () => agent.post(`/api/consoles/campaigns/${seed.fophCampaign.id}/reminders`, { note: 'Merci de votre diligence.' });
      const answers = await Promise.all([remind(), remind()]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 429]);
      const res = answers.find((r) => r.status === 200)!;
      const body: Json = await res.json();
      // Office A is late (its ORG_SAISIE and ORG_SIGNATAIRE are written to); Office C has transmitted.
      expect(body).toEqual({ organisations: 1, messages: 2, withoutRecipient: [], skipped: [] });
      const files = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'));
      expect(files.length - before).toBe(2);
      const mails = files.map((f) => fs.readFileSync(path.join(outbox, f), 'utf8')).join('\n');
      expect(mails).toContain(`To: ${world.users.ORG_SAISIE.email}`);
      expect(mails).toContain(`To: ${world.users.ORG_SIGNATAIRE.email}`);
      expect(mails).not.toContain(world.users.ORG_ADMIN.email);
      expect(mails).toMatch(/Subject: =\?UTF-8\?|Subject: Harmonia/);
      const audits = await server.state.models.AuditEntry.findAll({ where: { action: 'campaign.remind' } });
      expect(audits.map((a) => a.details)).toEqual([expect.objectContaining({ messages: 2 })]);
    });

    it('lets only DHUP (ER) and the owning federation remind', async () => {
      expect((await (await as('PREFECTURE')).post(`/api/consoles/campaigns/${seed.erOpen.id}/reminders`, {})).status).toBe(403);
      expect((await (await as('FED_AGENT_B')).post(`/api/consoles/campaigns/${seed.fophCampaign.id}/reminders`, {})).status).toBe(403);
      expect((await (await as('DHUP')).post(`/api/consoles/campaigns/${seed.fophCampaign.id}/reminders`, {})).status).toBe(403);
      const res = await (await as('DHUP')).post(`/api/consoles/campaigns/${seed.erOpen.id}/reminders`, { statuses: ['not_started'] });
      // Office C has not started, but has no users in this world: reported, not silently skipped.
      expect(await res.json()).toEqual({
        organisations: 1,
        messages: 0,
        withoutRecipient: [{ id: world.organisations.orgC.id, name: 'Office C' }],
        skipped: [],
      });
    });

    it('reminds an organisation at most once a day per campaign: 429 when all were, with when it is possible again', async () => {
      // The first test reminded Office A for the FOPH campaign: within 24 hours, again is refused.
      const res = await (await as('FED_AGENT')).post(`/api/consoles/campaigns/${seed.fophCampaign.id}/reminders`, {});
      expect(res.status).toBe(429);
      const { error } = await (await openApiChecker(server.baseUrl))(res.clone(), 'post', '/api/consoles/campaigns/{id}/reminders');
      expect(error.code).toBe('too_many_requests');
      expect(error.message).toMatch(
        /^Cet organisme a déjà été relancé pour cette campagne il y a moins de 24 heures\. Nouvelle relance possible à partir du \d{1,2} \S+ \d{4} à \d{2}:\d{2}\.$/,
      );
      const retryAt = new Date(error.details.retryAt).getTime();
      expect(retryAt - Date.now()).toBeGreaterThan(23 * 3600_000);
      expect(retryAt - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(23 * 3600);
      // Organisations without a recipient were not reminded: they may be at once.
      const again = await (await as('DHUP')).post(`/api/consoles/campaigns/${seed.erOpen.id}/reminders`, { statuses: ['not_started'] });
      expect(again.status).toBe(200);
    });

    it('skips the organisations reminded today and reminds the others', async () => {
      const { orgB } = world.organisations;
      const dhup = await as('DHUP');
      // Office B (in progress on the open campaign) and ESH E (reopened): B first, then both.
      const first = await dhup.post(`/api/consoles/campaigns/${seed.erOpen.id}/reminders`, { organisationIds: [orgB.id] });
      expect((await first.json()) as Json).toMatchObject({ organisations: 1, skipped: [] });
      const both = await dhup.post(`/api/consoles/campaigns/${seed.erOpen.id}/reminders`, { organisationIds: [orgB.id, seed.orgE.id] });
      const body = (await both.json()) as Json;
      expect(body.organisations).toBe(1);
      expect(body.skipped.map((s: Json) => s.name)).toEqual(['ESH B']);
    });

    it('caps a sender at 10 reminders an hour', async () => {
      const sender = world.users.DHUP;
      const sent = await server.state.models.AuditEntry.count({ where: { action: 'campaign.remind', actorId: sender.id } });
      for (let i = sent; i < 10; i += 1) {
        await audit(server.state, {
          actor: sender,
          action: 'campaign.remind',
          objectType: 'campaign',
          objectId: 999_999,
          details: { reminded: [] },
        });
      }
      const res = await (await as('DHUP')).post(`/api/consoles/campaigns/${seed.erOpen.id}/reminders`, {});
      expect(res.status).toBe(429);
      expect(((await res.json()) as Json).error.message).toMatch(
        /^Vous avez envoyé 10 relances au cours de la dernière heure\. Nouvelle relance possible à partir du .+ à \d{2}:\d{2}\.$/,
      );
      expect((await (await as('FED_AGENT')).post(`/api/consoles/campaigns/${seed.fophCampaign.id}/reminders`, {})).status).toBe(429);
    });
  });

  describe('#consoles.search and #consoles.inbox', () => {
    it('finds the statements a recipient may read, filtered and paged in SQL', async () => {
      const dhup = await as('DHUP');
      const all: Json = await (await dhup.get(`/api/consoles/statements?campaign=${seed.er2024Campaign.id}`)).json();
      expect(all.total).toBe(3);
      const late: Json = await (await dhup.get(`/api/consoles/statements?campaign=${seed.er2024Campaign.id}&late=true`)).json();
      expect(late.items.map((i: { organisation: { name: string } }) => i.organisation.name)).toEqual(['Office C']);
      const byName: Json = await (await dhup.get('/api/consoles/statements?q=esh')).json();
      expect(new Set(byName.items.map((i: { organisation: { name: string } }) => i.organisation.name))).toEqual(
        new Set(['ESH B', 'ESH E']),
      ); // E is reopened: its transmitted version stays readable
      const paged: Json = await (await dhup.get('/api/consoles/statements?pageSize=2&page=2')).json();
      expect(paged.items).toHaveLength(2);
      // 3 of 2024; A, D, E (reopened) and F of the open campaign: B's draft never reaches recipients
      expect(paged.total).toBe(7);
    });

    it('gives a préfecture only the statements of its département or addressed to it, with their documents', async () => {
      const inbox69: Json = await (await (await as('PREFECTURE')).get('/api/consoles/inbox')).json();
      const lines = inbox69.items.map((i: { organisation: { name: string }; campaign: { id: number }; reason: string }) => [
        i.organisation.name,
        i.campaign.id,
        i.reason,
      ]);
      expect(lines).toEqual(
        expect.arrayContaining([
          ['Office A', seed.er2024Campaign.id, 'siege'],
          ['ESH B', seed.er2024Campaign.id, 'choisie'],
        ]),
      );
      expect(lines.map((l: unknown[]) => l[0])).not.toContain('Office C');
      expect(lines.map((l: unknown[]) => l[0])).not.toContain('SEM D');
      const b = inbox69.items.find((i: { organisation: { name: string } }) => i.organisation.name === 'ESH B');
      expect(b.documents).toEqual([expect.objectContaining({ category: 'comptes_certifies', filename: 'comptes_certifies.pdf' })]);
      const inbox75: Json = await (await (await as('PREFECTURE_B')).get('/api/consoles/inbox')).json();
      expect(inbox75.items.map((i: { organisation: { name: string } }) => i.organisation.name)).toEqual(['ESH B']);
    });

    it('bundles the receipts a recipient may read as one zip', async () => {
      const names = async (key: string) => {
        const res = await (await as(key)).get(`/api/consoles/campaigns/${seed.er2024Campaign.id}/receipts.zip`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/zip');
        const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
        for (const bytes of Object.values(entries)) expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
        return Object.keys(entries)
          .map((n) => n.split('-')[0])
          .sort();
      };
      const { orgA, orgB, orgC } = world.organisations;
      expect(await names('DHUP')).toEqual([orgA.siren, orgB.siren, orgC.siren].sort());
      expect(await names('PREFECTURE')).toEqual([orgA.siren, orgB.siren].sort());
      expect((await (await as('FED_AGENT')).get(`/api/consoles/campaigns/${seed.er2024Campaign.id}/receipts.zip`)).status).toBe(403);
    });

    it('refuses organisations: they list their own statements through the statements capability', async () => {
      for (const route of ['/api/consoles/statements', '/api/consoles/inbox']) {
        const res = await (await as('ORG_SAISIE')).get(route);
        expect(res.status).toBe(403);
        expect(((await res.json()) as Json).error.code).toBe('forbidden');
      }
    });
  });

  describe('#consoles.editors', () => {
    it('keeps each federation editor to its own forms', async () => {
      const fed = await as('FED_EDITOR');
      expect((await fed.get(`/api/consoles/versions/${seed.er2025.id}/impact`)).status).toBe(404);
      // Another federation's questionnaire, published or not, is hidden from this federation's editors.
      expect((await fed.get(`/api/consoles/versions/${seed.feshVersion.id}/impact`)).status).toBe(404);
      expect((await fed.get(`/api/forms/versions/${seed.feshVersion.id}`)).status).toBe(404);
      expect((await fed.get(`/api/forms/versions/${seed.er2025.id}`)).status).toBe(404);
      expect((await fed.get(`/api/consoles/versions/${seed.fophVersion.id}/impact`)).status).toBe(200);
      const files = seed.er2025.package;
      const check = await fed.post('/api/consoles/check', { files });
      expect(check.status).toBe(403);
      expect((await (await as('DHUP')).post('/api/consoles/check', { files })).status).toBe(403);
    });

    it('lists to an editor only the forms it may edit', async () => {
      const codes = async (key: string) =>
        ((await (await as(key)).get('/api/consoles/forms')).json() as Promise<Json>).then((b) =>
          b.forms.map((f: { code: string }) => f.code),
        );
      expect(await codes('FED_EDITOR')).toEqual(['q-foph']);
      expect(await codes('FED_EDITOR_B')).toEqual(['q-fesh']);
      expect(await codes('ER_EDITOR')).toEqual(['er-demo', 'q-dhup']); // CGLLS and DHUP forms: the regulatory editors'
      expect((await (await as('DHUP')).get('/api/consoles/forms')).status).toBe(403);
    });

    it('checks a package as the editor types: diagnostics at their place, fields for completion', async () => {
      const editor = await as('ER_EDITOR');
      const ok: Json = await (await editor.post('/api/consoles/check', { files: seed.er2025.package })).json();
      expect(ok.ok).toBe(true);
      expect(ok.fields).toEqual(expect.arrayContaining([expect.objectContaining({ ref: 'ER01.terrains.brut', code: 'ER01_0020_BRUT' })]));
      const rules = JSON.parse(seed.er2025.package['rules.json']);
      rules.rules[3].assert = 'ER01.total_actf_net >= 0';
      const broken: Json = await (
        await editor.post('/api/consoles/check', { files: { ...seed.er2025.package, 'rules.json': JSON.stringify(rules, null, 2) } })
      ).json();
      expect(broken.ok).toBe(false);
      expect(broken.diagnostics).toEqual([expect.objectContaining({ file: 'rules.json', ruleId: 'C01', pointer: '/rules/3/assert' })]);
      expect(broken.fields.length).toBe(ok.fields.length);
      expect(Object.keys(ok.dependencies)).toEqual(['dis-demo@2025.1']);
    });

    it('serves the version’s TypeScript types and JSON Schemas to vendors', async () => {
      const vendor = await as('PARTNER');
      const types = await vendor.get(`/api/consoles/versions/${seed.er2024.id}/types.d.ts`);
      expect(types.status).toBe(200);
      expect(types.headers.get('content-disposition')).toContain('er-demo-2024.1.d.ts');
      expect(await types.text()).toContain('ER01_0020_BRUT');
      const schemas: Json = await (await vendor.get(`/api/consoles/versions/${seed.er2024.id}/schemas.json`)).json();
      expect(Object.keys(schemas.sheets)).toEqual(['ER00', 'ER01', 'ER09']);
      expect((await vendor.get(`/api/consoles/versions/${seed.er2025.id}/types.d.ts`)).status).toBe(404); // a draft
    });
  });
});
