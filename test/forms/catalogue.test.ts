/**
 * The form catalogue (forms/<exercice>/<form>/): every package loads and compiles without
 * diagnostics, its fixtures are valid answers, valid.json passes every blocking and warning
 * control, and each <RULEID>.json makes exactly that control fail — so every control both fires
 * and stays quiet on the statement next door.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diffPackages, evaluate, loadForm, validateAnswers } from '../../engine';
import type { CompiledForm, EvaluationContext, Justifications, PackageFiles, Report } from '../../engine';

const FORMS = join(__dirname, '..', '..', 'forms');

interface Fixture {
  context: EvaluationContext;
  answers: Record<string, Record<string, unknown>>;
  justifications?: Justifications;
  expect: string[];
}

function packageFiles(dir: string): PackageFiles {
  const files: PackageFiles = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'fixtures') walk(p);
      } else files[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

const isDir = (p: string) => statSync(p).isDirectory();
const packageDirs = readdirSync(FORMS)
  .filter((e) => /^\d{4}$/.test(e) && isDir(join(FORMS, e)))
  .flatMap((exercice) => readdirSync(join(FORMS, exercice)).map((form) => ({ exercice, form, dir: join(FORMS, exercice, form) })))
  .filter((p) => isDir(p.dir));

/** `id@version` → folder, for sheets shared by reference. */
const byRef = new Map(
  packageDirs.map((p) => {
    const manifest = JSON.parse(readFileSync(join(p.dir, 'manifest.json'), 'utf8')) as { id: string; version: string };
    return [`${manifest.id}@${manifest.version}`, p.dir] as const;
  }),
);
const resolveShared = (form: string, version: string) => {
  const dir = byRef.get(`${form}@${version}`);
  return dir ? packageFiles(dir) : undefined;
};

const load = (dir: string) => loadForm(packageFiles(dir), { resolveShared });
const failing = (report: Report) => [...new Set(report.controls.filter((c) => c.status === 'fail').map((c) => c.ruleId))].sort();
/** Rules of shared sheets carry their package (`dis:C15a`); their fixture is `dis_C15a.json`. */
const fixtureFile = (ruleId: string) => `${ruleId.replace(/:/g, '_')}.json`;
const readFixture = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, 'fixtures', name), 'utf8')) as Fixture;
const run = (form: CompiledForm, fx: Fixture) => evaluate(form.rules, fx.answers, fx.context, fx.justifications ?? {});

it('finds the five forms for 2024 and 2025', () => {
  expect(packageDirs.map((p) => `${p.exercice}/${p.form}`).sort()).toEqual(
    ['2024', '2025'].flatMap((y) => ['dis', 'er-ols', 'er-sem', 'moi', 'sc'].map((f) => `${y}/${f}`)),
  );
});

describe.each(packageDirs)('$exercice/$form', ({ dir }) => {
  const loaded = load(dir);
  const form = loaded.value!;
  const fixtureNames = readdirSync(join(dir, 'fixtures')).filter((n) => n.endsWith('.json'));
  const controlIds = loaded.ok ? form.package.rules.filter((r) => r.kind !== 'computed' && r.active !== false).map((r) => r.id) : [];

  it('loads and compiles without diagnostics', () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.ok).toBe(true);
  });

  it('has a valid statement and one fixture per control, and no other', () => {
    expect(fixtureNames.sort()).toEqual(['valid.json', ...controlIds.map(fixtureFile)].sort());
  });

  it.each(fixtureNames)('%s holds answers that fit the sheets', (name) => {
    expect(validateAnswers(form.package, readFixture(dir, name).answers)).toEqual([]);
  });

  it('valid.json fails no control and raises no error', () => {
    const report = run(form, readFixture(dir, 'valid.json'));
    expect(failing(report)).toEqual([]);
    expect(report.controls.filter((c) => c.status === 'error')).toEqual([]);
    expect(report.transmissible).toBe(true);
    expect(report.controls.filter((c) => c.status === 'pass').length).toBeGreaterThan(0);
  });

  it.each(controlIds)('%s.json makes %s fail, and nothing else', (id) => {
    const fx = readFixture(dir, fixtureFile(id));
    expect(fx.expect).toEqual([id]);
    const report = run(form, fx);
    expect(failing(report)).toEqual([id]);
    const failed = report.controls.filter((c) => c.ruleId === id && c.status === 'fail');
    for (const c of failed) {
      expect(c.message).toBeTruthy();
      expect(c.message).not.toMatch(/\{\{|undefined|NaN/);
    }
  });
});

describe('2025 against 2024', () => {
  const pkg = (y: string, f: string) => load(join(FORMS, y, f)).value!.package;

  it('er-ols changes exactly as forms/CHANGES-2025.md says', () => {
    const changes = diffPackages(pkg('2024', 'er-ols'), pkg('2025', 'er-ols'));
    const summary = changes.map((c) => `${c.kind} ${c.sheet ?? ''}${c.path ? '.' + c.path : ''}`.trim()).sort();
    expect(summary).toEqual(
      [
        'field_added ER11.logements_classes_g',
        'field_removed ER10.delai_moyen_recouvrement',
        'field_renamed ER12.dettes_locatives',
        'field_relabelled ER12.dettes_locatives',
        'rule_severity_changed',
        'rule_added',
      ].sort(),
    );
    expect(changes.find((c) => c.kind === 'rule_severity_changed')?.description).toContain('C14');
    expect(changes.find((c) => c.kind === 'rule_added')?.description).toContain('C21');
  });

  it.each(['dis', 'er-sem', 'moi', 'sc'])('%s is unchanged', (f) => {
    expect(diffPackages(pkg('2024', f), pkg('2025', f))).toEqual([]);
  });

  it('the 2025 N-1 controls read the 2024 valid statement by stable code', () => {
    const form = load(join(FORMS, '2025', 'er-ols')).value!;
    const fx = readFixture(join(FORMS, '2025', 'er-ols'), 'valid.json');
    const report = run(form, fx);
    for (const id of ['C06a', 'C06b', 'C14', 'C18']) {
      expect(report.controls.find((c) => c.ruleId === id)?.status).toBe(id === 'C18' ? 'not_applicable' : 'pass');
    }
    const withoutPrevious = run(form, { ...fx, context: { ...fx.context, previous: {} } });
    for (const id of ['C06a', 'C06b', 'C14']) expect(withoutPrevious.controls.find((c) => c.ruleId === id)?.status).toBe('not_applicable');
  });
});
