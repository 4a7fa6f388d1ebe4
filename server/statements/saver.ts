import type { Answers, Report } from '../../engine/api';

import type { Statement } from '../db/models';
import type { StatementBundle, Values } from './statement-bundle';
import type { Actor } from '../policies/actor';
import type { AppState } from '../context';
import { conflict, unprocessable } from '../http/errors';
import { isEditable, loadStatement, type LoadedStatement } from './loaded-statement';
import { withoutPrototypeKeys } from '../http/body';
import { withoutComputed } from './sanitize';
import { writeRevision } from './revision-writer';

export interface SaveResult {
  loaded: LoadedStatement;
  revision: number;
  report: Report;
}

export function staleRevision(loaded: LoadedStatement) {
  return conflict(
    'La déclaration a été modifiée entre-temps (dans un autre onglet ou par un collègue). Rechargez-la avant d’enregistrer.',
    {
      revision: loaded.statement.revision,
      answers: loaded.statement.answers,
    },
  );
}

export function notEditable() {
  return conflict('La déclaration n’est pas modifiable dans son état actuel.');
}

/**
 * Replaces sheets of a draft with new data, as one new revision. The write is conditional
 * (`UPDATE … WHERE revision = base`): of two saves from the same revision exactly one wins, the
 * other gets 409 with the current answers, and nothing is ever silently overwritten.
 * `sheet` is the one sheet saved (null when several sheets change at once, as in an import).
 */
export async function replaceSheets(
  state: AppState,
  user: Actor,
  statementOrId: number | Values<Statement> | StatementBundle,
  baseRevision: number,
  sheets: Answers,
  sheet: string | null,
): Promise<SaveResult> {
  const loaded = await loadStatement(state, statementOrId);
  const { statement, runtime } = loaded;
  if (!isEditable(statement)) throw notEditable();
  if (statement.revision !== baseRevision) throw staleRevision(loaded);

  const known = new Set(runtime.pkg.sheets.map((s) => s.id));
  const incoming: Answers = {};
  for (const [id, data] of Object.entries(sheets)) {
    if (!known.has(id))
      throw unprocessable(`La feuille « ${id} » n’existe pas dans ce formulaire.`, {
        errors: [{ sheet: id, path: '', keyword: 'sheet', message: 'Feuille inconnue.' }],
      });
    const clean = withoutPrototypeKeys(data);
    if (typeof clean !== 'object' || clean === null || Array.isArray(clean)) {
      throw unprocessable(`Les réponses de la feuille ${id} doivent être un objet.`, {
        errors: [{ sheet: id, path: '', keyword: 'type', message: 'Objet attendu.' }],
      });
    }
    incoming[id] = withoutComputed(
      clean as Record<string, unknown>,
      runtime.pkg.fields.filter((f) => f.sheet === id),
    );
  }
  const answers: Answers = { ...statement.answers, ...incoming };
  // Structural errors are per sheet (engine validateAnswers): checking the incoming sheets alone
  // gives the same verdict on them as checking the merged answers, without walking every other sheet.
  const errors = runtime.validate(incoming).filter((error) => error.sheet in incoming);
  if (errors.length > 0) throw unprocessable('Certaines valeurs ne sont pas valides : corrigez les champs signalés.', { errors });

  const revision = baseRevision + 1;
  const won = await writeRevision(state, {
    statementId: statement.id,
    state: statement.state,
    baseRevision,
    answers,
    sheet,
    saved: sheet ? { [sheet]: incoming[sheet] } : incoming,
    userId: user.id,
  });
  if (!won) throw staleRevision(await loadStatement(state, statement.id));
  statement.answers = answers;
  statement.revision = revision;
  const report =
    sheet === null
      ? await state.evaluations.check(state, loaded)
      : await state.evaluations.checkSave(state, loaded, baseRevision, sheet, incoming[sheet]);
  return { loaded, revision, report };
}
