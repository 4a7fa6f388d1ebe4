import { clientFor } from '../../test/server/support/world';
import { uploadDraft } from '../publishing/publisher';
import type { RuleImpact } from './impact';
import { useConsolesWorld, type ConsolesFixture, type Json } from './testing';

describe('#consoles.impact', () => {
  const fixture = useConsolesWorld();
  let server: ConsolesFixture['server'];
  let world: ConsolesFixture['world'];
  let seed: ConsolesFixture['seed'];
  beforeAll(() => ({ server, world, seed } = fixture));

  const impactOf = async (versionId: number) => {
    const res = await (await clientFor(server.baseUrl, world, 'ER_EDITOR')).get(`/api/consoles/versions/${versionId}/impact`);
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  };
  const byRule = (rules: RuleImpact[]) => Object.fromEntries(rules.map((r) => [r.ruleId, r]));

  it('replays the new and changed rules on last exercice’s transmitted statements', async () => {
    const report = await impactOf(seed.er2025.id);
    expect(report.baseline).toMatchObject({ id: seed.er2024.id, version: '2024.1' });
    expect(report.exercice).toBe(2024);
    expect(report.statements).toBe(3);
    const rules = byRule(report.rules);
    // New in 2025: C16 (approval date for OPH), PJ01 (certified accounts) and the shared DIS02 sheet's
    // rule; W01 became a warning. C01 and C09 did not change.
    expect(Object.keys(rules).sort()).toEqual(['C16', 'PJ01', 'W01', 'dis-demo:D01']);
    expect(rules.C16).toMatchObject({ failing: 1, failingBefore: null, notApplicable: 1 });
    expect(rules.C16.organisations).toEqual([
      expect.objectContaining({ name: 'Office A', siren: world.organisations.orgA.siren, failures: 1 }),
    ]);
    expect(rules.C16.organisations[0].message).toContain('date d');
    expect(rules.PJ01.organisations.map((o: { name: string }) => o.name)).toEqual(['Office A', 'Office C']);
    expect(rules.W01).toMatchObject({ failing: 0, failingBefore: 0 });
    expect(rules.W01.changes.join(' ')).toContain('gravité');
  });

  it('counts what a stricter threshold would do, before and after', async () => {
    const files = { ...seed.er2025.package };
    const rules = JSON.parse(files['rules.json']);
    const w01 = rules.rules.find((r: { id: string }) => r.id === 'W01');
    // Terrains net are 900 for every organisation: a 500 € threshold makes all three fail.
    w01.assert = 'ER01.terrains.net <= 500';
    files['rules.json'] = JSON.stringify(rules);
    const draft = await uploadDraft(server.state, null, files);
    expect(draft.id).toBe(seed.er2025.id); // the draft of 2025.1 is replaced, as the editor console does
    const report = await impactOf(draft.id);
    const w = byRule(report.rules).W01;
    expect(w).toMatchObject({ failing: 3, failingBefore: 0 });
    expect(w.organisations.map((o: { name: string }) => o.name)).toEqual(['ESH B', 'Office A', 'Office C']);
    expect(w.changes.join(' ')).toContain('contrôle (assert)');
  });

  it('is for the form’s editors only', async () => {
    for (const key of ['DHUP', 'PARTNER', 'FED_EDITOR', 'ORG_SIGNATAIRE']) {
      const res = await (await clientFor(server.baseUrl, world, key)).get(`/api/consoles/versions/${seed.er2025.id}/impact`);
      expect([403, 404]).toContain(res.status);
    }
  });
});
