import fc from 'fast-check';
import { Op } from 'sequelize';
import { boot } from '../boot';
import { readConfig } from '../config';
import type { AppState } from '../context';
import type { Role } from '../db/models';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import type { Actor } from './actor';
import { can } from './can';
import { RULES, type Subject } from './rules';
import { organisationScope, statementScope } from './scopes';

const DEPS = ['69', '75', '13', '2A'];
const FEDS = ['FOPH', 'FESH', 'FNSCHLM'];
const ROLES: Role[] = ['ORG_ADMIN', 'ORG_SAISIE', 'ORG_SIGNATAIRE', 'FED_AGENT', 'FED_EDITOR', 'DHUP', 'PREFECTURE', 'PARTNER', 'ER_EDITOR', 'PLATFORM_ADMIN'];

const actor = (over: Partial<Actor>): Actor => ({
  id: 1,
  email: 'a@test.fr',
  name: 'A',
  role: 'ORG_SAISIE',
  organisationId: null,
  federationId: null,
  federationCode: null,
  authorityId: null,
  authorityKind: null,
  authorityDepartement: null,
  ...over,
});

describe('can (fail closed)', () => {
  const statement: Subject = { type: 'statement', organisationId: 1, federationId: 1, departement: '69', prefectures: ['69'], formOwner: 'DHUP', transmitted: true };

  it('denies without an actor, for an unknown action, or a subject of the wrong type', () => {
    expect(can(null, 'statement.read', statement)).toBe(false);
    expect(can(actor({ role: 'DHUP' }), 'statement.delete_everything' as never, statement)).toBe(false);
    expect(can(actor({ role: 'DHUP' }), 'toString' as never, statement)).toBe(false);
    expect(can(actor({ role: 'DHUP' }), 'statement.read', { type: 'organisation', id: 1, federationId: 1, departement: '69', departements: [] })).toBe(false);
    expect(can(actor({ role: 'UNKNOWN' as Role }), 'organisation.read', { type: 'organisation', id: 1, federationId: 1, departement: '69', departements: [] })).toBe(false);
  });

  it('denies when a rule throws', () => {
    const spy = jest.spyOn(RULES, 'statement.read').mockImplementation(() => {
      throw new Error('injected');
    });
    try {
      expect(can(actor({ role: 'DHUP' }), 'statement.read', statement)).toBe(false);
    } finally {
      spy.mockRestore();
    }
    expect(can(actor({ role: 'DHUP' }), 'statement.read', statement)).toBe(true);
  });

  it('never lets authorities see a statement that was not transmitted', () => {
    for (const role of ['DHUP', 'PREFECTURE', 'PARTNER', 'FED_AGENT'] as Role[]) {
      const a = actor({ role, federationId: 1, federationCode: 'DHUP', authorityDepartement: '69' });
      expect(can(a, 'statement.read', { ...statement, transmitted: false })).toBe(false);
    }
  });
});

describe('SQL scopes agree with the rules', () => {
  let database: TestDatabase;
  let state: AppState;
  beforeAll(async () => {
    database = await createTestDatabase();
    state = await boot(readConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }));
  });
  afterAll(async () => {
    await state.sequelize.close();
    await database.drop();
  });

  const orgArb = fc.record({
    fed: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
    dep: fc.constantFrom(...DEPS),
    stock: fc.subarray(DEPS),
    statements: fc.array(fc.record({ form: fc.integer({ min: 0, max: 2 }), transmitted: fc.boolean(), prefectures: fc.subarray(DEPS) }), { maxLength: 3 }),
  });
  const actorArb = fc.record({ role: fc.constantFrom(...ROLES), org: fc.integer({ min: 0, max: 11 }), fed: fc.integer({ min: 0, max: 2 }), dep: fc.constantFrom(...DEPS), kind: fc.constantFrom('CDC', 'ANCOLS') });

  it('returns exactly the organisations and statements `can` allows, for random graphs and actors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(orgArb, { minLength: 1, maxLength: 12 }), fc.array(actorArb, { minLength: 1, maxLength: 12 }), async (orgs, actors) => {
        const m = state.models;
        for (const model of [m.Statement, m.Campaign, m.FormVersion, m.Form, m.Organisation, m.Federation]) await model.destroy({ where: {} });
        const feds = await Promise.all(FEDS.map((code) => m.Federation.create({ code, name: code })));
        // Three forms: the ER (DHUP), and the questionnaires of two federations.
        const owners = ['DHUP', 'FOPH', 'FESH'];
        const campaigns = [];
        for (const owner of owners) {
          const form = await m.Form.create({ code: `f-${owner.toLowerCase()}`, owner, title: owner });
          const version = await m.FormVersion.create({ formId: form.id, version: '2025.1', exercice: 2025, status: 'published', package: {}, contentHash: 'x'.repeat(64), followsId: null, patchesId: null, patch: null, createdBy: null, publishedBy: null, publishedAt: new Date() });
          const campaigns0 = [];
          for (let i = 0; i < 3; i += 1) {
            campaigns0.push(await m.Campaign.create({ formVersionId: version.id, exercice: 2025 + i, title: owner, audience: ['OPH'], opensAt: new Date(), closesAt: new Date(Date.now() + 1e9), status: 'open', createdBy: null }));
          }
          campaigns.push({ owner, version, campaigns: campaigns0 });
        }
        const subjects = new Map<number, Subject>();
        const organisations = [];
        for (const [i, o] of orgs.entries()) {
          const org = await m.Organisation.create({ siren: String(100000000 + i), name: `O${i}`, kind: 'OPH', federationId: o.fed === null ? null : feds[o.fed].id, departement: o.dep, departements: o.stock });
          organisations.push(org);
          for (const [j, s] of o.statements.entries()) {
            const target = campaigns[s.form];
            const st = await m.Statement.create({ organisationId: org.id, campaignId: target.campaigns[j].id, formVersionId: target.version.id, state: s.transmitted ? 'transmitted' : 'draft', answers: {}, justifications: {}, prefectures: s.prefectures, transmittedAt: s.transmitted ? new Date() : null });
            subjects.set(st.id, { type: 'statement', organisationId: org.id, federationId: org.federationId, departement: org.departement, prefectures: s.prefectures, formOwner: target.owner, transmitted: s.transmitted });
          }
        }
        for (const a of actors) {
          const who = actor({
            role: a.role,
            organisationId: a.role.startsWith('ORG_') ? (organisations[a.org % organisations.length]?.id ?? null) : null,
            federationId: a.role.startsWith('FED_') ? feds[a.fed].id : null,
            federationCode: a.role.startsWith('FED_') ? FEDS[a.fed] : null,
            authorityKind: a.role === 'PARTNER' ? a.kind : a.role === 'PREFECTURE' ? 'PREFECTURE' : null,
            authorityDepartement: a.role === 'PREFECTURE' ? a.dep : null,
          });
          const orgIds = (await m.Organisation.findAll({ where: organisationScope(who), attributes: ['id'] })).map((r) => r.id).sort();
          const expectedOrgs = organisations
            .filter((o) => can(who, 'organisation.read', { type: 'organisation', id: o.id, federationId: o.federationId, departement: o.departement, departements: o.departements }))
            .map((o) => o.id)
            .sort();
          expect(orgIds).toEqual(expectedOrgs);
          const scope = await statementScope(state, who);
          const statementIds = (await m.Statement.findAll({ where: { [Op.and]: [scope] }, attributes: ['id'] })).map((r) => r.id).sort();
          const expectedStatements = [...subjects.entries()].filter(([, s]) => can(who, 'statement.read', s)).map(([id]) => id).sort();
          expect(statementIds).toEqual(expectedStatements);
        }
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});
