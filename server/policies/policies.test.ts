import fc from 'fast-check';
import { Op } from 'sequelize';
import { boot } from '../boot';
import { readConfig } from '../config';
import type { AppState } from '../context';
import { ROLES, type Federation, type Role } from '../db/models';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { loadActor, type Actor } from './actor';
import { can } from './can';
import { RULES, type Subject } from './rules';
import { organisationScope, statementScope } from './scopes';
import type { StatementSubject } from './subjects';

const DEPS = ['69', '75', '13', '2A'];
/** The USH is the union of FOPH and FESH; FNSCHLM stands alone here. */
const FEDS = ['USH', 'FOPH', 'FESH', 'FNSCHLM'];

const actor = (over: Partial<Actor>): Actor => ({
  id: 1,
  email: 'a@test.fr',
  name: 'A',
  role: 'ORG_SAISIE',
  organisationId: null,
  federationId: null,
  federationCode: null,
  memberFederationIds: [],
  questionnaireOwners: [],
  authorityId: null,
  authorityKind: null,
  authorityDepartement: null,
  ...over,
});

describe('can (fail closed)', () => {
  const statement: StatementSubject = {
    type: 'statement',
    organisationId: 1,
    federationId: 1,
    departement: '69',
    prefectures: ['69'],
    formOwner: 'DHUP',
    transmitted: true,
  };

  it('denies without an actor, for an unknown action, or a subject of the wrong type', () => {
    expect(can(null, 'statement.read', statement)).toBe(false);
    expect(can(actor({ role: 'DHUP' }), 'statement.delete_everything' as never, statement)).toBe(false);
    expect(can(actor({ role: 'DHUP' }), 'toString' as never, statement)).toBe(false);
    expect(
      can(actor({ role: 'DHUP' }), 'statement.read', { type: 'organisation', id: 1, federationId: 1, departement: '69', departements: [] }),
    ).toBe(false);
    expect(
      can(actor({ role: 'UNKNOWN' as Role }), 'organisation.read', {
        type: 'organisation',
        id: 1,
        federationId: 1,
        departement: '69',
        departements: [],
      }),
    ).toBe(false);
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

  it('lets a federation receive the union questionnaire (DIS, owner USH) of its own members only', () => {
    const dis = (federationId: number): StatementSubject => ({ ...statement, federationId, formOwner: 'USH' });
    const foph = actor({
      role: 'FED_AGENT',
      federationId: 2,
      federationCode: 'FOPH',
      memberFederationIds: [2],
      questionnaireOwners: ['FOPH', 'USH'],
    });
    const ush = actor({
      role: 'FED_AGENT',
      federationId: 1,
      federationCode: 'USH',
      memberFederationIds: [1, 2, 3],
      questionnaireOwners: ['USH'],
    });
    expect(can(foph, 'statement.read', dis(2))).toBe(true);
    expect(can(foph, 'statement.read', dis(3))).toBe(false);
    expect(can(ush, 'statement.read', dis(3))).toBe(true);
    expect(can(ush, 'statement.read', { ...dis(2), formOwner: 'FOPH' })).toBe(false);
    expect(can(foph, 'statement.read', { ...dis(2), formOwner: 'DHUP' })).toBe(false);
  });

  it('never lets authorities see a statement that was not transmitted', () => {
    for (const role of ['DHUP', 'PREFECTURE', 'PARTNER', 'FED_AGENT'] as Role[]) {
      const a = actor({
        role,
        federationId: 1,
        federationCode: 'DHUP',
        memberFederationIds: [1],
        questionnaireOwners: ['DHUP'],
        authorityDepartement: '69',
      });
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
    fed: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    dep: fc.constantFrom(...DEPS),
    stock: fc.subarray(DEPS),
    statements: fc.array(fc.record({ form: fc.integer({ min: 0, max: 2 }), transmitted: fc.boolean(), prefectures: fc.subarray(DEPS) }), {
      maxLength: 3,
    }),
  });
  const actorArb = fc.record({
    role: fc.constantFrom(...ROLES),
    org: fc.integer({ min: 0, max: 11 }),
    fed: fc.integer({ min: 0, max: 3 }),
    dep: fc.constantFrom(...DEPS),
    kind: fc.constantFrom('CDC', 'ANCOLS'),
  });

  it('returns exactly the organisations and statements `can` allows, for random graphs and actors', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(orgArb, { minLength: 1, maxLength: 12 }),
        fc.array(actorArb, { minLength: 1, maxLength: 12 }),
        async (orgs, actors) => {
          const m = state.models;
          for (const model of [
            m.StatementRevision,
            m.Statement,
            m.Campaign,
            m.FormVersion,
            m.Form,
            m.User,
            m.Organisation,
            m.Authority,
          ] as Array<{
            destroy(o: object): Promise<unknown>;
          }>)
            await model.destroy({ where: {} });
          await m.Federation.update({ parentId: null }, { where: {} });
          await m.Federation.destroy({ where: {} });
          const feds: Federation[] = [];
          for (const code of FEDS)
            feds.push(await m.Federation.create({ code, name: code, parentId: code === 'FOPH' || code === 'FESH' ? feds[0].id : null }));
          let authorities = 0;
          const authority = async (kind: 'PREFECTURE' | 'CDC' | 'ANCOLS' | 'DHUP', departement: string | null) =>
            m.Authority.create({ code: `A${(authorities += 1)}`, kind, name: kind, departement });
          // Three forms: the ER (DHUP), the union's questionnaire (USH) and a federation's own (FOPH).
          const owners = ['DHUP', 'USH', 'FOPH'];
          const campaigns = [];
          for (const owner of owners) {
            const form = await m.Form.create({ code: `f-${owner.toLowerCase()}`, owner, title: owner });
            const version = await m.FormVersion.create({
              formId: form.id,
              version: '2025.1',
              exercice: 2025,
              status: 'published',
              package: {},
              contentHash: 'x'.repeat(64),
              followsId: null,
              patchesId: null,
              patch: null,
              createdBy: null,
              publishedBy: null,
              publishedAt: new Date(),
            });
            const campaigns0 = [];
            for (let i = 0; i < 3; i += 1) {
              campaigns0.push(
                await m.Campaign.create({
                  formVersionId: version.id,
                  exercice: 2025 + i,
                  title: owner,
                  audience: ['OPH'],
                  opensAt: new Date(),
                  closesAt: new Date(Date.now() + 1e9),
                  status: 'open',
                  createdBy: null,
                }),
              );
            }
            campaigns.push({ owner, version, campaigns: campaigns0 });
          }
          const subjects = new Map<number, Subject>();
          const organisations = [];
          for (const [i, o] of orgs.entries()) {
            const org = await m.Organisation.create({
              siren: String(100000000 + i),
              name: `O${i}`,
              kind: 'OPH',
              federationId: o.fed === null ? null : feds[o.fed].id,
              departement: o.dep,
              departements: o.stock,
            });
            organisations.push(org);
            for (const [j, s] of o.statements.entries()) {
              const target = campaigns[s.form];
              const st = await m.Statement.create({
                organisationId: org.id,
                campaignId: target.campaigns[j].id,
                formVersionId: target.version.id,
                state: s.transmitted ? 'transmitted' : 'draft',
                answers: {},
                justifications: {},
                prefectures: s.prefectures,
                transmittedAt: s.transmitted ? new Date() : null,
              });
              subjects.set(st.id, {
                type: 'statement',
                organisationId: org.id,
                federationId: org.federationId,
                departement: org.departement,
                prefectures: s.prefectures,
                formOwner: target.owner,
                transmitted: s.transmitted,
              });
            }
          }
          for (const [n, a] of actors.entries()) {
            const authorityId =
              a.role === 'PREFECTURE'
                ? (await authority('PREFECTURE', a.dep)).id
                : a.role === 'PARTNER'
                  ? (await authority(a.kind as 'CDC', null)).id
                  : a.role === 'DHUP' || a.role === 'ER_EDITOR'
                    ? (await authority('DHUP', null)).id
                    : null;
            const user = await m.User.create({
              email: `u${n}@test.fr`,
              name: 'U',
              passwordHash: 'x',
              role: a.role,
              organisationId: a.role.startsWith('ORG_') ? (organisations[a.org % organisations.length]?.id ?? null) : null,
              federationId: a.role.startsWith('FED_') ? feds[a.fed].id : null,
              authorityId,
              lockedUntil: null,
              mfaSecret: null,
              lastLoginAt: null,
            });
            const who = (await loadActor(state, user.id))!;
            const orgIds = (await m.Organisation.findAll({ where: organisationScope(who), attributes: ['id'] })).map((r) => r.id).sort();
            const expectedOrgs = organisations
              .filter((o) =>
                can(who, 'organisation.read', {
                  type: 'organisation',
                  id: o.id,
                  federationId: o.federationId,
                  departement: o.departement,
                  departements: o.departements,
                }),
              )
              .map((o) => o.id)
              .sort();
            expect(orgIds).toEqual(expectedOrgs);
            const scope = await statementScope(state, who);
            const statementIds = (await m.Statement.findAll({ where: { [Op.and]: [scope] }, attributes: ['id'] })).map((r) => r.id).sort();
            const expectedStatements = [...subjects.entries()]
              .filter(([, s]) => can(who, 'statement.read', s))
              .map(([id]) => id)
              .sort();
            expect(statementIds).toEqual(expectedStatements);
          }
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);
});
