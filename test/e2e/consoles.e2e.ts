/**
 * The consoles in a browser: an editor starts the next exercice from the published version, changes
 * a rule's threshold and adds a field, reads the diff and the impact report, publishes and opens a
 * campaign; an organisation then fills the new field and sees the new rule fire, on the same
 * running server (no code change, no restart). Every console page is checked with axe.
 */
import type { Page } from 'playwright-core';
import type { World } from '../server/support/world';
import type { TestServer } from '../support/server';
import { questionnaire, seedConsoles } from '../../server/consoles/testing';
import { uploadDraft } from '../../server/publishing/publisher';
import { loadActor } from '../../server/policies/actor';
import { requestReopening } from '../../server/reopening/reopener';
import { seriousAccessibilityViolations } from './support/browser';
import { useSmallWorld } from './support/small-world';

const NEW_FIELD = {
  type: 'number',
  title: 'Provisions pour gros entretien',
  minimum: 0,
  'x-unit': 'EUR',
  'x-code': 'ER01_0090_PGE',
};

/** The new W01 failing, in its own words: the engine renders rule messages in the browser too. */
const W01_FIRES = /Valeur des terrains supérieure à 500 € : justifiez-la\./;

/** Markup an editor might put in a package, by mistake or not: it must show as text, never run. */
const HOSTILE = '<img src=x onerror="window.__xss=1">';

describe('the consoles in a browser', () => {
  const t = useSmallWorld('consoles', {
    context: { acceptDownloads: true },
    async prepare({ server, world }) {
      seed = await seedConsoles(server.state, world);
    },
  });
  let server: TestServer;
  let world: World;
  let seed: Awaited<ReturnType<typeof seedConsoles>>;
  let page: Page;
  beforeAll(() => {
    ({ server, world } = t);
  });
  beforeEach(() => {
    page = t.page;
  });

  /** Replaces the whole text of the code editor (as a paste would). */
  async function replaceEditorText(text: string) {
    const editor = page.locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
  }

  async function expectAccessible() {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  it('lets an editor change a rule and add a field, see the impact, publish; the organisation then sees both', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await t.logInAs('ER_EDITOR');
    await page.getByRole('heading', { name: 'Console d’édition des formulaires' }).waitFor();
    await expectAccessible();

    // Start 2025 from the published 2024 version.
    await page.getByRole('link', { name: /Préparer l’exercice 2025 à partir de 2024\.1/ }).click();
    await page.getByRole('heading', { name: /Nouvelle version/ }).waitFor();
    await page.getByTestId('check-status').filter({ hasText: 'Aucun problème détecté' }).waitFor();
    await expectAccessible();

    const files = seed.er2024.package;
    // A typo first: the engine's diagnostic appears at its place while typing.
    const rules = JSON.parse(files['rules.json']);
    const w01 = rules.rules.find((r: { id: string }) => r.id === 'W01');
    await page.getByRole('button', { name: 'rules.json' }).click();
    w01.assert = 'ER01.terains.net <= 500';
    await replaceEditorText(JSON.stringify(rules, null, 2));
    await page.getByTestId('diagnostics').filter({ hasText: 'W01' }).waitFor();
    await page.locator('.cm-lintRange-error').first().waitFor();
    // Then the new threshold, as a warning the organisation must justify.
    w01.assert = 'ER01.terrains.net <= 500';
    w01.severity = 'warning';
    w01.message = 'Valeur des terrains supérieure à 500 € : justifiez-la.';
    await replaceEditorText(JSON.stringify(rules, null, 2));

    const er01 = JSON.parse(files['sheets/ER01.schema.json']);
    er01.properties.provisions = NEW_FIELD;
    await page.getByRole('button', { name: 'sheets/ER01.schema.json' }).click();
    await replaceEditorText(JSON.stringify(er01, null, 2));
    await page.getByTestId('check-status').filter({ hasText: 'Aucun problème détecté' }).waitFor();

    // Completion of field references in the rules file.
    await page.getByRole('button', { name: 'rules.json' }).click();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('ER01.prov');
    await page.locator('.cm-tooltip-autocomplete').filter({ hasText: 'ER01.provisions' }).waitFor();
    await page.keyboard.press('Escape');
    for (let i = 0; i < 'ER01.prov'.length; i++) await page.keyboard.press('Backspace');
    await page.getByTestId('check-status').filter({ hasText: 'Aucun problème détecté' }).waitFor();

    // The preview is the organisations' form.
    await page.getByRole('tab', { name: 'Aperçu' }).click();
    const preview = page.getByTestId('preview');
    await preview.locator('[data-sheet-link="ER01"]').click();
    await preview.getByText('Provisions pour gros entretien').first().waitFor();
    // Sample answers run the controls as in a statement.
    await preview.locator('#f-ER01-terrains-brut').fill('1000');
    await page.keyboard.press('Tab');
    await preview.locator('#f-ER01-terrains-amort').fill('100');
    await page.keyboard.press('Tab');
    await preview.getByText(W01_FIRES).first().waitFor();
    await expectAccessible();

    await page.getByRole('tab', { name: 'Fichiers' }).click();
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    // Stored: the page is now the draft's own.
    await page.waitForURL(/\/editeur\/versions\/\d+$/);
    await page.getByRole('heading', { name: /version 2025\.1/ }).waitFor();

    await page.getByRole('tab', { name: 'Différences' }).click();
    await page.getByText('Nouveau champ « Provisions pour gros entretien » (ER01.provisions).').waitFor();
    await expectAccessible();

    await page.getByRole('tab', { name: 'Impact' }).click();
    await page.getByRole('button', { name: 'Calculer l’impact' }).click();
    // Terrains net were 900 € in every 2024 statement: all three organisations would be flagged.
    await expect(page.getByTestId('impact-W01').textContent()).resolves.toBe('3 sur 3');
    await expectAccessible();
    // The report is a background job kept in the database: a reloaded page shows it again.
    await page.reload();
    await page.getByRole('tab', { name: 'Impact' }).click();
    await expect(page.getByTestId('impact-W01').textContent()).resolves.toBe('3 sur 3');

    await page.getByRole('tab', { name: 'Publication' }).click();
    await page.getByRole('button', { name: /Publier la version 2025\.1/ }).click();
    await page.getByRole('heading', { name: 'Ouvrir une campagne' }).waitFor();
    await page.getByLabel('Intitulé').fill('États réglementaires 2025 (démonstration)');
    await page.getByRole('button', { name: 'Ouvrir la campagne' }).click();
    await page.getByText('Campagne « États réglementaires 2025 (démonstration) » ouverte.').waitFor();
    await expectAccessible();
    expect(errors).toEqual([]);

    // The organisation, on the same server: the new campaign, the new field, the new rule.
    await page.context().clearCookies();
    await t.logInAs('ORG_SAISIE');
    const row = page.getByRole('row').filter({ hasText: 'États réglementaires 2025 (démonstration)' });
    await row.getByRole('button', { name: /Commencer la saisie/ }).click();
    await page.waitForURL(/\/declarations\/\d+/);
    await page.locator('[data-sheet-link="ER01"]').click();
    await page.getByLabel('Provisions pour gros entretien').waitFor();
    await page.locator('#f-ER01-terrains-brut').fill('1000');
    await page.keyboard.press('Tab');
    await page.locator('#f-ER01-terrains-amort').fill('100');
    await page.keyboard.press('Tab');
    await page.getByText(W01_FIRES).first().waitFor();
  }, 150_000);

  it('renders every editor-written string of a package as text, never as markup', async () => {
    const files = questionnaire('DHUP', 'q-xss');
    const manifest = JSON.parse(files['manifest.json']);
    manifest.sheets[0].title = `Activité ${HOSTILE}`;
    files['manifest.json'] = JSON.stringify(manifest);
    const sheet = JSON.parse(files['sheets/Q01.schema.json']);
    sheet.properties.salaries.title = `Salariés ${HOSTILE}`;
    sheet.properties.salaries.description = `Aide <script>window.__xss=2</script> ${HOSTILE}`;
    files['sheets/Q01.schema.json'] = JSON.stringify(sheet);
    files['rules.json'] = JSON.stringify({
      rules: [
        {
          id: 'Q1',
          kind: 'check',
          severity: 'warning',
          title: `Contrôle ${HOSTILE}`,
          assert: 'Q01.salaries > 0',
          values: { n: 'Q01.salaries' },
          message: `Aucun salarié ({{nombre n}}) ${HOSTILE}`,
        },
      ],
    });
    const draft = await uploadDraft(server.state, null, files);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await t.logInAs('ER_EDITOR');
    await page.goto(`${server.baseUrl}/editeur/versions/${draft.id}`);
    await page.getByRole('tab', { name: 'Aperçu' }).click();
    const preview = page.getByTestId('preview');
    await preview.locator('#f-Q01-salaries').fill('0');
    await page.keyboard.press('Tab');
    await preview.getByText(`Aucun salarié (0) ${HOSTILE}`).first().waitFor();
    await preview.getByText(`Salariés ${HOSTILE}`).first().waitFor();
    expect(await preview.locator('img[src="x"], script:has-text("__xss")').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('lets an editor add, rename and remove the files of a draft, the manifest kept in step and the diagnostics following', async () => {
    const draft = await uploadDraft(server.state, null, questionnaire('DHUP', 'q-fichiers'));
    await t.logInAs('ER_EDITOR');
    await page.goto(`${server.baseUrl}/editeur/versions/${draft.id}`);
    await page.getByTestId('check-status').filter({ hasText: 'Aucun problème détecté' }).waitFor();
    const actions = page.getByTestId('file-actions');
    const files = page.getByRole('navigation', { name: 'Fichiers du paquet' });

    // A new sheet, declared in the manifest.
    await actions.getByLabel('Type de fichier').selectOption('sheet');
    await actions.getByLabel(/Identifiant du feuillet/).fill('Q02');
    await actions.getByLabel('Titre du feuillet').fill('Effectifs');
    await actions.getByRole('button', { name: 'Ajouter le fichier' }).click();
    await actions.getByText('Feuillet Q02 ajouté (sheets/Q02.schema.json) et déclaré dans manifest.json.').waitFor();
    await files.getByRole('button', { name: 'sheets/Q02.schema.json' }).waitFor();
    await page.getByTestId('check-status').filter({ hasText: 'Aucun problème détecté' }).waitFor();

    // The rules file renamed: the manifest follows.
    await files.getByRole('button', { name: 'rules.json' }).click();
    await actions.getByLabel('Nouveau nom de rules.json').fill('regles/controles.json');
    await actions.getByRole('button', { name: 'Renommer' }).click();
    await actions.getByText('Fichier rules.json renommé en regles/controles.json ; manifest.json mis à jour.').waitFor();
    await page.getByTestId('check-status').filter({ hasText: 'Aucun problème détecté' }).waitFor();
    await expectAccessible();

    // Removing the sheet the rule reads: the engine reports the rule at once.
    await files.getByRole('button', { name: 'sheets/Q01.schema.json' }).click();
    await actions.getByRole('button', { name: 'Supprimer sheets/Q01.schema.json' }).click();
    await page.getByTestId('diagnostics').filter({ hasText: 'Q1' }).waitFor();
    // The manifest itself cannot go.
    await files.getByRole('button', { name: 'manifest.json' }).click();
    await expect(actions.getByRole('button', { name: /Supprimer/ }).count()).resolves.toBe(0);
    // Without the rule, the package is clean again and can be saved.
    await files.getByRole('button', { name: 'regles/controles.json' }).click();
    await actions.getByRole('button', { name: 'Supprimer regles/controles.json' }).click();
    await page.getByTestId('check-status').filter({ hasText: 'Aucun problème détecté' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText(/Brouillon 2025\.1 enregistré/).waitFor();
    await page.reload();
    await files.getByRole('button', { name: 'sheets/Q02.schema.json' }).waitFor();
    await expect(files.getByRole('button', { name: 'sheets/Q01.schema.json' }).count()).resolves.toBe(0);
    const savedId = Number(new URL(page.url()).pathname.split('/').pop());
    const manifest = JSON.parse((await server.state.models.FormVersion.findByPk(savedId))!.package['manifest.json']);
    expect([manifest.sheets.map((s: { id: string }) => s.id), manifest.rules]).toEqual([['Q02'], []]);
  }, 120_000);

  it('shows the ministry the campaign’s progress, with charts backed by tables, and lets it decide a reopening', async () => {
    const { orgB } = world.organisations;
    const statementB = await server.state.models.Statement.findOne({
      where: { organisationId: orgB.id, campaignId: seed.er2024Campaign.id },
    });
    const signatory = await loadActor(server.state, world.users.ORG_SIGNATAIRE_B.id);
    await requestReopening(server.state, signatory!, statementB!.id, 'Erreur sur le capital restant dû.');
    await t.logInAs('DHUP');
    await page.getByRole('heading', { name: 'Suivi des campagnes' }).waitFor();
    const option = page.locator('#campagne option', { hasText: seed.erOpen.title });
    await page.getByLabel('Campagne').selectOption((await option.getAttribute('value'))!);
    await page.getByTestId('totals').filter({ hasText: '2 transmises sur 5 attendues' }).waitFor();
    await page.getByRole('table', { name: /Avancement par région \(tableau\)/ }).waitFor();
    await expectAccessible();
    // Bulk export with its progress, downloaded by the browser.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Récépissés (zip de PDF)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^recepisses-q-dhup-2025\.zip$/);
    await page.getByText('Export terminé.').waitFor();
    // Acknowledge a received statement from the search list.
    const received = page
      .getByRole('row')
      .filter({ hasText: 'Office A' })
      .filter({ has: page.getByRole('button', { name: 'Accuser réception' }) });
    await received.getByRole('button', { name: 'Accuser réception' }).click();
    await page.getByText('Réception accusée.').waitFor();
    // The reopening request, decided from the same page.
    const requests = page.getByRole('region', { name: /Demandes de réouverture à traiter/ });
    await requests.getByText('Erreur sur le capital restant dû.', { exact: false }).waitFor();
    await requests.getByRole('button', { name: 'Accepter' }).click();
    await page.getByText('Réouverture acceptée.').waitFor();
    await expectAccessible();
  });

  it('lets the ministry import a work list from a CSV, fix a bad line, then narrow the follow-up and add from the search', async () => {
    const { orgA } = world.organisations;
    const csv = (text: string) => ({ name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await t.logInAs('DHUP');
    await page.getByRole('heading', { name: 'Suivi des campagnes' }).waitFor();
    await page.getByRole('link', { name: 'Listes de travail' }).click();
    await page.getByRole('heading', { name: 'Listes de travail', level: 1 }).waitFor();
    await page.getByLabel('Nom de la nouvelle liste').fill('Contrôle 2025');
    await page.getByRole('button', { name: 'Créer la liste' }).click();
    await page.getByText('Liste « Contrôle 2025 » créée.').waitFor();

    // A typo in SEM D's SIREN: the whole file is refused, the line named with its reason.
    await page.locator('#import-fichier').setInputFiles(csv(`\uFEFFSIREN;Nom\n${orgA.siren};Office A\n130005482;SEM D\n`));
    await page.getByRole('button', { name: 'Importer le fichier' }).click();
    const errors = page.getByRole('table', { name: 'Lignes en erreur' });
    await errors.getByRole('row').filter({ hasText: '130005482' }).filter({ hasText: 'SIREN invalide' }).waitFor();
    await page.getByRole('heading', { name: 'Liste « Contrôle 2025 » (0 organisme)' }).waitFor();
    await expectAccessible();

    // Fixed: both organisations are added.
    await page.locator('#import-fichier').setInputFiles(csv(`SIREN;Nom\n${orgA.siren};Office A\n${seed.orgD.siren};SEM D\n`));
    await page.getByRole('button', { name: 'Importer le fichier' }).click();
    await page.getByText(/Import réussi : 2 organismes ajoutés/).waitFor();
    await page.getByRole('heading', { name: 'Liste « Contrôle 2025 » (2 organismes)' }).waitFor();
    expect(await errors.count()).toBe(0);

    // The list narrows the follow-up and the search of the open campaign (Coop F transmitted too).
    await page.getByRole('link', { name: 'Suivi des campagnes' }).click();
    const option = page.locator('#campagne option', { hasText: seed.erOpen.title });
    await page.locator('#campagne').selectOption((await option.getAttribute('value'))!);
    const search = page.getByRole('region', { name: 'Déclarations reçues' });
    await search.getByRole('row').filter({ hasText: 'Coop F' }).waitFor();
    const listOption = page.locator('#liste-travail option', { hasText: 'Contrôle 2025' });
    const listId = (await listOption.getAttribute('value'))!;
    await page.locator('#liste-travail').selectOption(listId);
    await page.getByTestId('totals').filter({ hasText: '2 transmises sur 2 attendues' }).waitFor();
    await search.getByRole('table', { name: '2 déclarations' }).waitFor();
    expect(await search.getByRole('row').filter({ hasText: 'Coop F' }).count()).toBe(0);
    await expectAccessible();
    // The choice is kept in the address, as on the inbox: a reload keeps it.
    expect(new URL(page.url()).searchParams.get('liste')).toBe(listId);
    await page.reload();
    await page.locator('#liste-travail option', { hasText: 'Contrôle 2025' }).waitFor({ state: 'attached' });
    await expect(page.locator('#liste-travail').inputValue()).resolves.toBe(listId);
    await page.locator('#campagne').selectOption((await option.getAttribute('value'))!);
    await page.getByTestId('totals').filter({ hasText: '2 transmises sur 2 attendues' }).waitFor();

    // Back to the whole scope: Coop F, chosen in the results, joins the list.
    await page.locator('#liste-travail').selectOption('');
    await search.getByRole('row').filter({ hasText: 'Coop F' }).waitFor();
    expect(new URL(page.url()).searchParams.has('liste')).toBe(false);
    await search.getByLabel('Sélectionner Coop F').check();
    await search.getByRole('button', { name: 'Ajouter à la liste' }).click();
    await page.getByText('1 organisme ajouté à la liste « Contrôle 2025 » (3 au total).').waitFor();
  }, 120_000);

  it('shows a federation its members and sends reminders', async () => {
    await t.logInAs('FED_AGENT');
    await page.getByRole('heading', { name: 'Suivi des campagnes' }).waitFor();
    await page.getByRole('table', { name: /Avancement par organisme/ }).waitFor();
    await page.getByRole('button', { name: 'Envoyer le rappel par courriel' }).click();
    await page.getByText(/2 courriels envoyés à 1 organisme/).waitFor();
    await expectAccessible();
  });

  it('gives a préfecture its inbox with downloads, and keeps a federation editor to its own forms', async () => {
    await t.logInAs('PREFECTURE');
    await page.getByRole('heading', { name: /Déclarations reçues — département 69/ }).waitFor();
    await page.getByRole('link', { name: 'comptes_certifies.pdf (1 Ko)' }).waitFor();
    await expect(page.getByRole('row').filter({ hasText: 'Office C' }).count()).resolves.toBe(0);
    await expectAccessible();
    // Its follow-up of the campaigns, limited to its département.
    await page.getByRole('link', { name: 'Suivi des campagnes' }).click();
    await page.getByRole('heading', { name: 'Suivi des campagnes' }).waitFor();
    await page.getByTestId('totals').waitFor();
    await expectAccessible();

    await page.context().clearCookies();
    await t.logInAs('FED_EDITOR');
    await page.getByRole('heading', { name: 'Console d’édition des formulaires' }).waitFor();
    await page.getByRole('heading', { name: /Questionnaire FOPH/ }).waitFor();
    await expect(page.getByText('États réglementaires (démonstration)').count()).resolves.toBe(0);
    // Another federation's draft does not even exist for it.
    const feshDraft = await uploadDraft(server.state, null, questionnaire('FESH', 'q-fesh-brouillon'));
    await page.goto(`${server.baseUrl}/editeur/versions/${feshDraft.id}`);
    await page.getByRole('heading', { name: 'Version indisponible' }).waitFor();
    await expectAccessible();
  });

  it('lets a préfecture narrow its inbox to a work list kept in the address, and rename the list', async () => {
    const { orgA } = world.organisations;
    await t.logInAs('PREFECTURE');
    await page.getByRole('heading', { name: /Déclarations reçues — département 69/ }).waitFor();
    const count = page.getByTestId('inbox-count');
    const rows = (name: string) =>
      page
        .getByRole('table', { name: /déclarations? transmises?/ })
        .getByRole('row')
        .filter({ hasText: name });
    await rows('ESH B').first().waitFor();
    const all = Number(/^(\d+) déclaration/.exec(await count.innerText())![1]);
    const officeA = await rows('Office A').count();
    expect(officeA).toBeGreaterThan(0);
    expect(officeA).toBeLessThan(all);

    // Two lists: one holding Office A only, one whose name will be taken.
    await page.getByRole('link', { name: 'Listes de travail' }).click();
    await page.getByRole('heading', { name: 'Listes de travail', level: 1 }).waitFor();
    for (const name of ['Suivi 2025', 'Rhône prioritaire']) {
      await page.getByLabel('Nom de la nouvelle liste').fill(name);
      await page.getByRole('button', { name: 'Créer la liste' }).click();
      await page.getByText(`Liste « ${name} » créée.`).waitFor();
    }
    await page.getByRole('heading', { name: 'Liste « Rhône prioritaire » (0 organisme)' }).waitFor();
    const csv = { name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from(`SIREN\n${orgA.siren}\n`, 'utf8') };
    await page.locator('#import-fichier').setInputFiles(csv);
    await page.getByRole('button', { name: 'Importer le fichier' }).click();
    await page.getByRole('heading', { name: 'Liste « Rhône prioritaire » (1 organisme)' }).waitFor();

    // The inbox narrowed to the list: Office A's statements only, the count announced, kept on reload.
    await page.getByRole('link', { name: 'Déclarations reçues' }).click();
    await rows('ESH B').first().waitFor();
    const listOption = page.locator('#liste-travail option', { hasText: 'Rhône prioritaire' });
    const listId = (await listOption.getAttribute('value'))!;
    await page.getByLabel(/Liste de travail/).selectOption(listId);
    await count
      .filter({ hasText: `${officeA} déclaration` })
      .filter({ hasText: 'pour la liste « Rhône prioritaire »' })
      .waitFor();
    expect(await rows('ESH B').count()).toBe(0);
    expect(await rows('Office A').count()).toBe(officeA);
    expect(new URL(page.url()).searchParams.get('liste')).toBe(listId);
    await expectAccessible();
    await page.reload();
    await count.filter({ hasText: 'pour la liste « Rhône prioritaire »' }).waitFor();
    await expect(page.locator('#liste-travail').inputValue()).resolves.toBe(listId);
    expect(await rows('ESH B').count()).toBe(0);

    // Back to the whole inbox.
    await page.locator('#liste-travail').selectOption('');
    await count.filter({ hasText: new RegExp(`^${all} déclarations transmises\\.$`) }).waitFor();
    await rows('ESH B').first().waitFor();
    expect(new URL(page.url()).searchParams.has('liste')).toBe(false);

    // Renaming: a name already used is refused at the field, in the server's words; then a new one.
    await page.getByRole('link', { name: 'Listes de travail' }).click();
    await page.locator('#liste-choisie').selectOption(listId);
    await page.getByRole('button', { name: 'Renommer la liste « Rhône prioritaire »' }).click();
    const field = page.getByLabel('Nouveau nom de la liste');
    await page.locator('#renommer-nom:focus').waitFor();
    await expect(field.inputValue()).resolves.toBe('Rhône prioritaire');
    await field.fill('Suivi 2025');
    await page.getByRole('button', { name: 'Enregistrer le nom' }).click();
    const refusal = 'Vous avez déjà une liste de travail nommée « Suivi 2025 ».';
    await page.locator('#renommer-nom-erreur').filter({ hasText: refusal }).waitFor();
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(field.getAttribute('aria-describedby')).resolves.toBe('renommer-nom-erreur');
    await page.locator('#renommer-nom:focus').waitFor();
    await expectAccessible();

    await field.fill('Bailleurs du Rhône');
    await page.getByRole('button', { name: 'Enregistrer le nom' }).click();
    await page.getByRole('status').filter({ hasText: 'Liste renommée en « Bailleurs du Rhône ».' }).waitFor();
    await page.getByRole('heading', { name: 'Liste « Bailleurs du Rhône » (1 organisme)' }).waitFor();
    await page.locator('button:focus', { hasText: 'Renommer la liste « Bailleurs du Rhône »' }).waitFor();
    await expect(page.locator('#liste-choisie option', { hasText: 'Bailleurs du Rhône' }).count()).resolves.toBe(1);
    await expectAccessible();
  }, 120_000);
});
