/**
 * Every loader diagnostic, declared once: stable code → French message. Tests assert codes and
 * positions; the wording can improve without breaking anyone.
 */
type Params = Record<string, string | number>;

const catalogue = {
  BUNDLE_INVALID: (p: Params) => `Le fichier n'est pas un paquet de formulaire valide : ${p.detail}`,
  PACKAGE_TOO_LARGE: (p: Params) => `Le paquet est trop volumineux (${p.actual}) : la limite est ${p.limit}.`,
  FILE_TOO_LARGE: (p: Params) => `Le fichier est trop volumineux (${p.actual} octets) : la limite est ${p.limit} octets.`,
  FILE_MISSING: (p: Params) => `Le fichier « ${p.path} » est référencé mais absent du paquet.`,
  FILE_PATH_INVALID: (p: Params) =>
    `Chemin de fichier invalide « ${p.path} » : utilisez un chemin relatif au dossier du paquet, sans « .. » ni « / » initial.`,
  JSON_SYNTAX: (p: Params) => `JSON invalide : ${p.detail}`,
  JSON_TOO_DEEP: (p: Params) => `JSON invalide : ${p.detail}`,
  JSON_DUPLICATE_KEY: (p: Params) =>
    `La propriété « ${p.key} » est écrite deux fois dans le même objet : seule la dernière serait prise en compte.`,
  MANIFEST_INVALID: (p: Params) => `Manifeste : ${p.detail}`,
  MANIFEST_SHEET_SOURCE: (p: Params) =>
    `Le feuillet « ${p.sheet} » doit indiquer soit « schema » (feuillet propre), soit « shared » (feuillet repris d'un autre formulaire), mais pas les deux.`,
  SHEET_DUPLICATE_ID: (p: Params) => `Le feuillet « ${p.sheet} » est déclaré plusieurs fois dans le manifeste.`,
  SHEET_NOT_OBJECT: () => `La racine d'un feuillet doit être un objet : « "type": "object" » avec ses « properties ».`,
  SHEET_KEYWORD_UNSUPPORTED: (p: Params) => `Le mot-clé « ${p.keyword} » n'est pas admis ${p.where} (mots-clés admis : ${p.allowed}).`,
  SHEET_KEYWORD_INVALID: (p: Params) => `Valeur invalide pour « ${p.keyword} » : ${p.expected}.`,
  SHEET_KEY_INVALID: (p: Params) =>
    `Nom de propriété invalide « ${p.key} » : minuscules sans accents, chiffres et « _ », commençant par une lettre, 64 caractères au plus.`,
  SHEET_NESTING: (p: Params) =>
    `Imbrication non admise : ${p.detail} Un feuillet contient des champs, des groupes de champs et des tableaux de lignes de champs ; l'imbrication s'arrête là.`,
  SHEET_TYPE_UNSUPPORTED: (p: Params) =>
    `Type non admis ${p.found} : un champ est de type "number", "integer", "string" ou "boolean", un groupe "object", un tableau "array".`,
  SHEET_CODE_MISSING: (p: Params) => `${p.what} « ${p.path} » n'a pas de code stable « x-code ».`,
  SHEET_CODE_INVALID: (p: Params) =>
    `Code stable invalide « ${p.code} » : majuscules, chiffres et « _ », commençant par une lettre (ex. ER01_0030_BRUT), 64 caractères au plus.`,
  SHEET_CODE_DUPLICATE: (p: Params) =>
    `Le code stable « ${p.code} » est déjà utilisé par ${p.other} : chaque code doit être unique dans le paquet.`,
  SHEET_UNIT_INVALID: (p: Params) => `Unité inconnue « ${p.unit} » : unités admises ${p.allowed}.`,
  SHEET_UNIT_MISPLACED: () => `« x-unit » ne s'applique qu'à un champ numérique ("number" ou "integer").`,
  SHEET_PATTERN_UNBOUNDED: () => `Un champ avec « pattern » doit aussi fixer « maxLength » (longueur maximale).`,
  SHEET_PATTERN_INVALID: (p: Params) => `Expression régulière invalide : ${p.detail}`,
  SHEET_PATTERN_UNSAFE: (p: Params) =>
    `Expression régulière dangereuse (temps de vérification explosif) : ${p.detail} Réécrivez-la sans quantificateurs imbriqués ni alternatives qui se recouvrent.`,
  SHEET_FORMAT_UNSUPPORTED: (p: Params) => `Format « ${p.format} » non admis : seul « date » (AAAA-MM-JJ) est pris en charge.`,
  SHEET_REF_EXTERNAL: (p: Params) =>
    `Référence externe interdite « ${p.ref} » : un feuillet ne peut pas charger un autre fichier ou une URL.`,
  SHEET_REF_UNSUPPORTED: (p: Params) =>
    `« $ref » n'est pas admis (« ${p.ref} ») : décrivez le champ directement ; pour reprendre un feuillet d'un autre formulaire, utilisez « shared » dans le manifeste.`,
  SHEET_REQUIRED_UNKNOWN: (p: Params) => `« required » cite « ${p.key} », qui n'est pas une propriété déclarée.`,
  SHEET_ENUM_INVALID: (p: Params) => `Liste de valeurs invalide : ${p.detail}`,
  SHEET_TABLE_KEY_UNKNOWN: (p: Params) => `« x-key » désigne la colonne « ${p.key} », qui n'existe pas dans les lignes du tableau.`,
  SCHEMA_INVALID: (p: Params) => `Schéma JSON invalide (draft 2020-12) : ${p.detail}`,
  SHARED_UNRESOLVED: (p: Params) => `Le feuillet « ${p.sheet} » est repris de ${p.ref}, introuvable.`,
  SHARED_SHEET_NOT_FOUND: (p: Params) => `Le formulaire ${p.ref} ne contient pas de feuillet « ${p.sheet} ».`,
  SHARED_PACKAGE_INVALID: (p: Params) =>
    `Le formulaire ${p.ref}, dont est repris le feuillet « ${p.sheet} », contient ${p.count} erreur(s) : ${p.first}`,
  SHARED_MISMATCH: (p: Params) => `Le paquet fourni pour ${p.ref} se déclare ${p.actual}.`,
  SHARED_CYCLE: (p: Params) => `Reprise circulaire de feuillets : ${p.chain}.`,
  SHARED_TOO_DEEP: (p: Params) => `Chaîne de reprises de feuillets trop longue (${p.chain}) : ${p.limit} niveaux au plus.`,
  RULES_FILE_INVALID: (p: Params) => `Fichier de règles : ${p.detail}`,
  RULE_ID_DUPLICATE: (p: Params) => `L'identifiant de règle « ${p.id} » est déjà utilisé (${p.other}).`,
  ATTACHMENT_DUPLICATE: (p: Params) => `La catégorie de pièce jointe « ${p.code} » est déclarée plusieurs fois.`,
  PREFILL_SYNTAX: (p: Params) => `Pré-remplissage « ${p.text} » mal écrit : la forme attendue est « FEUILLET.champ <- FEUILLET.champ ».`,
  PREFILL_UNKNOWN_FIELD: (p: Params) =>
    `Pré-remplissage : le champ ${p.side} « ${p.ref} » n'existe pas dans ce formulaire (ou est une colonne de tableau, que le pré-remplissage ne couvre pas).`,
  PREFILL_TARGET_READONLY: (p: Params) =>
    `Pré-remplissage : le champ cible « ${p.ref} » est calculé (readOnly) et ne peut pas être pré-rempli.`,
  TEMPLATE_UNSAFE: (p: Params) => `Modèle non admis : ${p.detail}`,
  TEMPLATE_SYNTAX: (p: Params) => `Modèle invalide : ${p.detail}`,
  UI_INVALID: () => `Le schéma d'interface (ui) doit être un objet JSON.`,
  UI_UNKNOWN_PROPERTY: (p: Params) => `Le schéma d'interface mentionne « ${p.key} », qui n'est pas une propriété du feuillet.`,
  FORM_READONLY_NOT_COMPUTED: (p: Params) =>
    `Le champ « ${p.ref} » est marqué « "readOnly": true » (calculé) mais aucune règle « computed » de ce formulaire ne le calcule${p.hint}.`,
} satisfies Record<string, (p: Params) => string>;

export type DiagnosticCode = keyof typeof catalogue;
export const DIAGNOSTIC_CODES = Object.keys(catalogue) as DiagnosticCode[];

export function messageFor(code: DiagnosticCode, params: Params = {}): string {
  return catalogue[code](params);
}
