import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { runCli } from './main';
import type { CliIO } from './context';

// json-schema-to-typescript loads prettier, whose CommonJS entry starts a dynamic import() that
// jest refuses; `types` runs with format: false and never calls it.
jest.mock('prettier', () => ({ format: async (code: string) => code }));

const FORMS = path.join(__dirname, '__fixtures__', 'forms');
const ER2025 = path.join(FORMS, '2025', 'er-demo');
const ER2024 = path.join(FORMS, '2024', 'er-demo');
const BROKEN = path.join(FORMS, '2025', 'broken');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), writeFile: (f, c) => (written[f] = c) };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n'), written };
}

describe('forms CLI', () => {
  it('validate: exit 0 on valid packages, shared sheets resolved from sibling folders', async () => {
    const r = await run('validate', ER2025, ER2024, path.join(FORMS, '2025', 'dis-demo'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('er-demo@2025.1 valide (4 feuillet(s), 22 champ(s), 10 règle(s))');
  });

  it('validate: exit 1 and every error as file:line:col: message [code]', async () => {
    const r = await run('validate', BROKEN);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    const rel = (f: string) => path.join(BROKEN, f);
    expect(lines).toContain(`${rel('sheets/BR02.schema.json')}:4:29: JSON invalide : « , » ou « } » attendu, trouvé « " ». [JSON_SYNTAX]`);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^${rel('manifest.json').replace(/[.]/g, '\\.')}:11:31: .*\\[FILE_MISSING\\]$`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/BR01\.schema\.json:5:44: Expression régulière dangereuse .*\[SHEET_PATTERN_UNSAFE\]$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/manifest\.json:6:12: .*« ACME ».*\[MANIFEST_INVALID\]$/));
    expect(lines[lines.length - 1]).toMatch(/12 erreur\(s\)\.$/);
  });

  it('validate: a rule error points inside its expression', async () => {
    const dir = copyPackage(ER2025);
    const rulesFile = path.join(dir, 'rules.json');
    fs.writeFileSync(
      rulesFile,
      fs.readFileSync(rulesFile, 'utf8').replace('"assert": "ER01.total_actif_net >= 0"', '"assert": "ER01.total_actif_nett >= 0"'),
    );
    const r = await run('validate', dir);
    expect(r.code).toBe(1);
    const text = fs.readFileSync(rulesFile, 'utf8').split('\n');
    const line = text.findIndex((l) => l.includes('total_actif_nett')) + 1;
    const column = text[line - 1].indexOf('ER01.total_actif_nett') + 1;
    expect(r.out).toContain(`${rulesFile}:${line}:${column}: `);
    expect(r.out).toMatch(/\(règle C01\) \[RULE_UNKNOWN_FIELD\]/);
  });

  it('validate: a catalogue folder validates every package below it', async () => {
    const r = await run('validate', path.join(FORMS, '2025'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('dis-demo@2025.1 valide');
    expect(r.out).toContain('er-demo@2025.1 valide');
    expect(r.out).toMatch(/broken : 12 erreur\(s\)\./);
  });

  it('exit 2 on misuse', async () => {
    expect((await run('validate', path.join(FORMS, 'nope'))).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('check', ER2025)).code).toBe(2);
    expect((await run()).code).toBe(2);
  });

  it('types: prints the declarations, or writes them with --out', async () => {
    const printed = await run('types', ER2025);
    expect(printed.code).toBe(0);
    expect(printed.out).toContain('export interface DIS02 {');
    expect(printed.out).toContain('export interface Answers {');
    const written = await run('types', ER2025, '--out', 'answers.d.ts');
    expect(written.written['answers.d.ts']).toContain('export interface ER09 {');
    expect((await run('types', BROKEN)).code).toBe(1);
  });

  it('diff: readable list with incompatible changes marked', async () => {
    const r = await run('diff', ER2024, ER2025);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Changements de er-demo@2024.1 à er-demo@2025.1 : 16 (dont 5 incompatible(s)).');
    expect(r.out).toContain(
      '  Champ « Raison sociale » déplacé ou renommé : ER00.denomination devient ER00.raison_sociale (les réponses suivent).',
    );
    expect(r.out).toContain('  [incompatible] Champ « Téléphone » (ER00.telephone) supprimé : sa valeur ne sera pas reprise.');
  });

  it('check: exit 0 when transmissible, 1 on a blocking failure', async () => {
    const ok = await run('check', ER2025, path.join(ER2025, 'fixtures', 'ok.json'));
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Transmissible : oui');
    const blocking = await run('check', ER2025, path.join(ER2025, 'fixtures', 'blocking.json'));
    expect(blocking.code).toBe(1);
    expect(blocking.out).toContain("✗ [bloquant] C09 ligne 1 : Emprunt A1 : le capital restant dû en fin d'exercice est incohérent.");
    expect(blocking.out).toContain('Transmissible : non');
    expect(blocking.out).toContain('Attendu en échec : C09 ; obtenu : C09');
  });

  it('check: plain answers get a default context; structural errors fail the check', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'forms-cli-')), 'answers.json');
    fs.writeFileSync(file, JSON.stringify({ ER00: { siren: 'abc' } }));
    const r = await run('check', ER2025, file);
    expect(r.code).toBe(1);
    expect(r.out).toContain("✗ ER00.siren : SIREN : la valeur « abc » n'a pas la forme attendue.");
  });

  it('fixtures: replays fixtures/*.json and compares the failing rules with their expect list', async () => {
    const ok = await run('fixtures', ER2025);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("er-demo : 2/2 jeu(x) d'essai conforme(s).");
    const dir = copyPackage(ER2025);
    const file = path.join(dir, 'fixtures', 'blocking.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"C09"', '"C01"'));
    const mismatch = await run('fixtures', dir);
    expect(mismatch.code).toBe(1);
    expect(mismatch.out).toContain(`✗ ${file} : attendu en échec C01, obtenu C09`);
  });

  it('bundle: prints the package as one JSON bundle without test fixtures; refuses an invalid package', async () => {
    const r = await run('bundle', ER2025);
    expect(r.code).toBe(0);
    const bundle = JSON.parse(r.out);
    expect(bundle.format).toBe('harmonia-form-package@1');
    expect(Object.keys(bundle.files)).toEqual([
      'manifest.json',
      'rules.json',
      'sheets/ER00.schema.json',
      'sheets/ER00.ui.json',
      'sheets/ER01.schema.json',
      'sheets/ER09.schema.json',
      'templates/receipt.hbs',
    ]);
    expect((await run('bundle', BROKEN)).code).toBe(1);
  });

  it('runs as a process with the documented exit codes', () => {
    const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const main = path.join(__dirname, 'main.ts');
    expect(spawnSync(tsx, [main, 'validate', ER2025], { encoding: 'utf8' }).status).toBe(0);
    const broken = spawnSync(tsx, [main, 'validate', BROKEN], { encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('[JSON_SYNTAX]');
  });
});

/** A copy of a fixture package inside a fresh forms/<exercice>/ tree (with its shared DIS sibling). */
function copyPackage(dir: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'forms-'));
  fs.cpSync(path.join(FORMS, '2025'), path.join(root, '2025'), { recursive: true });
  return path.join(root, '2025', path.basename(dir));
}
