/**
 * Every diagnostic of the rule checker, declared once: stable code → French message for editors.
 * Tests assert codes and positions, never the wording.
 */
type Params = Record<string, string>;

export const RULE_MESSAGES = {
  RULE_SYNTAX: (p: Params) => `Erreur de syntaxe près de « ${p.text} »${p.reason ? ` : ${p.reason}` : ''}.`,
  RULE_UNTERMINATED_STRING: () => 'Texte entre guillemets non terminé.',
  RULE_UNEXPECTED_CHARACTER: (p: Params) => `Caractère inattendu « ${p.text} ».`,
  RULE_EMPTY_EXPRESSION: () => 'L’expression est vide.',
  RULE_MISSING_PROPERTY: (p: Params) => `La propriété « ${p.property} » est obligatoire pour une règle de type « ${p.kind} ».`,
  RULE_INVALID_PROPERTY: (p: Params) => `Valeur invalide pour « ${p.property} » : ${p.detail}.`,
  RULE_DUPLICATE_ID: (p: Params) => `L’identifiant de règle « ${p.id} » est déjà utilisé.`,
  RULE_UNKNOWN_SHEET: (p: Params) => `Feuille inconnue « ${p.sheet} ».`,
  RULE_UNKNOWN_FIELD: (p: Params) => `Champ inconnu « ${p.ref} ».`,
  RULE_UNKNOWN_TABLE: (p: Params) => `Tableau inconnu « ${p.ref} ».`,
  RULE_TABLE_AS_VALUE: (p: Params) => `« ${p.ref} » est un tableau : désignez l’une de ses colonnes.`,
  RULE_UNKNOWN_CONTEXT: (p: Params) => `Information de contexte inconnue « ${p.ref} ».`,
  RULE_UNKNOWN_FUNCTION: (p: Params) => `Fonction inconnue « ${p.name} ».`,
  RULE_ARITY: (p: Params) => `La fonction ${p.name} attend ${p.expected} argument(s), ${p.actual} fourni(s).`,
  RULE_TYPE_MISMATCH: (p: Params) => `Type incompatible : ${p.expected} attendu, ${p.actual} trouvé.`,
  RULE_ROW_OUTSIDE_FOREACH: (p: Params) =>
    `« ligne.${p.column} » n’a de sens que dans une règle appliquée à chaque ligne d’un tableau (forEach).`,
  RULE_COLUMN_OUTSIDE_AGGREGATE: (p: Params) =>
    `« ${p.ref} » désigne plusieurs valeurs : utilisez-la dans une fonction d’agrégat (SOMME, NB, MIN, MAX, MOYENNE, DANS).`,
  RULE_EXPECTED_LITERAL: (p: Params) => `L’argument « ${p.param} » de ${p.name} doit être un texte entre guillemets.`,
  RULE_EXPECTED_FIELD: (p: Params) => `L’argument de ${p.name} doit être un champ de la déclaration (SHEET.champ).`,
  RULE_UNKNOWN_CATEGORY: (p: Params) => `Catégorie de pièce jointe inconnue « ${p.category} ».`,
  RULE_INVALID_REGEX: (p: Params) => `Expression régulière invalide : ${p.detail}.`,
  RULE_UNSAFE_REGEX: (p: Params) =>
    `Expression régulière refusée : ${p.reason} peut rendre la vérification extrêmement lente (retour arrière catastrophique). Simplifiez le motif.`,
  RULE_UNKNOWN_TARGET: (p: Params) => `Cible de calcul inconnue « ${p.ref} ».`,
  RULE_TARGET_NOT_READONLY: (p: Params) => `Le champ calculé « ${p.ref} » doit être en lecture seule (readOnly: true) dans son schéma.`,
  RULE_TARGET_DUPLICATE: (p: Params) => `Le champ « ${p.ref} » est déjà calculé par la règle « ${p.other} ».`,
  RULE_CYCLE: (p: Params) => `Calcul circulaire : ${p.cycle}.`,
  RULE_INVALID_VALUE_NAME: (p: Params) =>
    `Nom de valeur invalide « ${p.name} » (minuscules, chiffres et _ ; ni ligne, organisme ni campagne).`,
  MESSAGE_SYNTAX: (p: Params) => `Message : erreur de syntaxe du modèle (${p.detail}).`,
  MESSAGE_NOT_TEXT: () => 'Message : le modèle doit être un texte de moins de 2 000 caractères.',
  MESSAGE_UNESCAPED: () => 'Message : les triples accolades {{{ }}} et {{& }} sont interdites.',
  MESSAGE_PARTIAL: () => 'Message : les partiels et décorateurs ({{> }}, {{* }}) sont interdits.',
  MESSAGE_UNKNOWN_HELPER: (p: Params) =>
    `Message : fonction « ${p.name} » inconnue (disponibles : euros, nombre, pourcent, date, #if, #unless, #each, #with).`,
  MESSAGE_FORBIDDEN_PROPERTY: (p: Params) => `Message : la propriété « ${p.name} » est interdite.`,
  MESSAGE_UNKNOWN_VARIABLE: (p: Params) => `Message : variable inconnue « ${p.name} ».`,
} as const;

export type RuleDiagnosticCode = keyof typeof RULE_MESSAGES;

export function messageFor(code: RuleDiagnosticCode, params: Params = {}): string {
  return RULE_MESSAGES[code](params);
}
