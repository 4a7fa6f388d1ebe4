/**
 * Adding, removing and renaming the files of a package being edited, with its manifest kept in
 * step (docs/forms/format.md §1–2): a sheet's schema and ui paths, the rules files, the templates.
 * Pure functions over the files record: the editor checks the result as it checks typing, so the
 * engine's diagnostics follow (a rule that reads a removed sheet is reported at its place).
 */
import type { PackageFiles } from '../../../engine';

export type Edit = { files: PackageFiles; selected: string; message: string } | { error: string };

interface SheetEntry {
  id: string;
  title?: string;
  schema?: string;
  ui?: string;
  shared?: unknown;
}
interface Manifest {
  sheets?: SheetEntry[];
  rules?: string[];
  templates?: Record<string, string>;
  [key: string]: unknown;
}

const MANIFEST = 'manifest.json';
const SHEET_ID = /^[A-Z][A-Z0-9_]{1,15}$/;
/** `/`-separated segments of letters, digits, `_`, `-`, `.`, none starting with a dot (format.md §1). */
const PATH = /^(?!\.)[A-Za-z0-9_-][A-Za-z0-9_.-]*(\/(?!\.)[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/;

function readManifest(files: PackageFiles): { manifest: Manifest } | { error: string } {
  try {
    const manifest = JSON.parse(files[MANIFEST] ?? '') as unknown;
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new Error();
    return { manifest: manifest as Manifest };
  } catch {
    return { error: 'Corrigez d’abord manifest.json : ce n’est pas un objet JSON valide.' };
  }
}

const writeManifest = (manifest: Manifest) => `${JSON.stringify(manifest, null, 2)}\n`;

/** The rules files the manifest uses, explicit or by default (`rules.json` when it exists). */
const rulesFiles = (files: PackageFiles, manifest: Manifest) =>
  manifest.rules ?? (MANIFEST in files && 'rules.json' in files ? ['rules.json'] : []);

function checkNewPath(files: PackageFiles, path: string, extension: string): string | null {
  if (!PATH.test(path) || path.length > 200)
    return `« ${path} » n’est pas un chemin valide : lettres, chiffres, « _ », « - » et « . », dossiers séparés par « / ».`;
  if (!path.endsWith(extension)) return `Le nom du fichier doit se terminer par « ${extension} ».`;
  if (path in files) return `Le fichier « ${path} » existe déjà.`;
  return null;
}

/** A new own sheet: a minimal JSON Schema and its manifest entry, at the end. */
export function addSheet(files: PackageFiles, id: string, title: string): Edit {
  const read = readManifest(files);
  if ('error' in read) return read;
  const { manifest } = read;
  if (!SHEET_ID.test(id))
    return {
      error: `« ${id} » n’est pas un identifiant de feuillet valide : une majuscule puis 1 à 15 majuscules, chiffres ou « _ » (ex. ER12).`,
    };
  if ((manifest.sheets ?? []).some((s) => s.id === id)) return { error: `Le feuillet ${id} existe déjà.` };
  const path = `sheets/${id}.schema.json`;
  const invalid = checkNewPath(files, path, '.schema.json');
  if (invalid) return { error: invalid };
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: title || id,
    type: 'object',
    additionalProperties: false,
    properties: {},
  };
  const sheets = [...(manifest.sheets ?? []), { id, ...(title ? { title } : {}), schema: path }];
  return {
    files: { ...files, [MANIFEST]: writeManifest({ ...manifest, sheets }), [path]: `${JSON.stringify(schema, null, 2)}\n` },
    selected: path,
    message: `Feuillet ${id} ajouté (${path}) et déclaré dans manifest.json.`,
  };
}

/** An RJSF UI schema for an own sheet that has none. */
export function addUiSchema(files: PackageFiles, sheetId: string): Edit {
  const read = readManifest(files);
  if ('error' in read) return read;
  const { manifest } = read;
  const sheet = (manifest.sheets ?? []).find((s) => s.id === sheetId);
  if (!sheet?.schema) return { error: `Le feuillet ${sheetId} n’est pas un feuillet propre à ce formulaire.` };
  if (sheet.ui) return { error: `Le feuillet ${sheetId} a déjà un schéma d’interface (${sheet.ui}).` };
  const path = `sheets/${sheetId}.ui.json`;
  const invalid = checkNewPath(files, path, '.ui.json');
  if (invalid) return { error: invalid };
  const sheets = (manifest.sheets ?? []).map((s) => (s.id === sheetId ? { ...s, ui: path } : s));
  return {
    files: { ...files, [MANIFEST]: writeManifest({ ...manifest, sheets }), [path]: '{}\n' },
    selected: path,
    message: `Schéma d’interface du feuillet ${sheetId} ajouté (${path}).`,
  };
}

/** A new, empty rules file, appended to the manifest's rules. */
export function addRulesFile(files: PackageFiles, path: string): Edit {
  const read = readManifest(files);
  if ('error' in read) return read;
  const { manifest } = read;
  const invalid = checkNewPath(files, path, '.json');
  if (invalid) return { error: invalid };
  if (path.startsWith('sheets/')) return { error: 'Les fichiers de règles ne vont pas dans le dossier sheets/.' };
  const rules = [...rulesFiles(files, manifest), path];
  return {
    files: { ...files, [MANIFEST]: writeManifest({ ...manifest, rules }), [path]: '{\n  "rules": []\n}\n' },
    selected: path,
    message: `Fichier de règles ${path} ajouté et déclaré dans manifest.json.`,
  };
}

/** Removes a file and what the manifest says of it: a sheet's schema takes its entry (and its UI schema) along. */
export function removeFile(files: PackageFiles, path: string): Edit {
  if (path === MANIFEST) return { error: 'Le manifeste ne peut pas être supprimé.' };
  if (!(path in files)) return { error: `Le fichier « ${path} » n’existe pas.` };
  const read = readManifest(files);
  if ('error' in read) return read;
  const { manifest } = read;
  const next: PackageFiles = { ...files };
  delete next[path];
  const sheets = manifest.sheets ?? [];
  const sheet = sheets.find((s) => s.schema === path);
  let message = `Fichier ${path} supprimé.`;
  const updated: Manifest = { ...manifest };
  if (sheet) {
    if (sheets.length === 1)
      return { error: 'Un formulaire garde au moins un feuillet : ajoutez-en un autre avant de supprimer celui-ci.' };
    updated.sheets = sheets.filter((s) => s !== sheet);
    if (sheet.ui) delete next[sheet.ui];
    message = `Feuillet ${sheet.id} supprimé (${path}${sheet.ui ? ` et ${sheet.ui}` : ''}) et retiré de manifest.json.`;
  } else if (sheets.some((s) => s.ui === path)) {
    updated.sheets = sheets.map((s) => {
      if (s.ui !== path) return s;
      const { ui: _removed, ...rest } = s;
      return rest;
    });
  }
  if (rulesFiles(files, manifest).includes(path)) updated.rules = rulesFiles(files, manifest).filter((r) => r !== path);
  if (manifest.templates && Object.values(manifest.templates).includes(path)) {
    updated.templates = Object.fromEntries(Object.entries(manifest.templates).filter(([, p]) => p !== path));
  }
  next[MANIFEST] = writeManifest(updated);
  return { files: next, selected: MANIFEST, message };
}

/**
 * Renames a file and every manifest reference to it. A file named anywhere else (another file's
 * text) is not renamed: the message says where, so the editor changes that reference first.
 */
export function renameFile(files: PackageFiles, from: string, to: string): Edit {
  if (from === MANIFEST) return { error: 'Le manifeste garde son nom : manifest.json.' };
  if (!(from in files)) return { error: `Le fichier « ${from} » n’existe pas.` };
  const read = readManifest(files);
  if ('error' in read) return read;
  const { manifest } = read;
  const extension = from.endsWith('.hbs') ? '.hbs' : '.json';
  const invalid = checkNewPath(files, to, extension);
  if (invalid) return { error: invalid };
  const citing = Object.keys(files).filter((p) => p !== MANIFEST && p !== from && files[p].includes(from));
  if (citing.length > 0) {
    return {
      error: `« ${from} » est cité dans ${citing.map((p) => `« ${p} »`).join(', ')} : modifiez d’abord cette référence, puis renommez le fichier.`,
    };
  }
  const renamed = (p: string) => (p === from ? to : p);
  const updated: Manifest = { ...manifest };
  if (manifest.sheets)
    updated.sheets = manifest.sheets.map((s) => ({
      ...s,
      ...(s.schema ? { schema: renamed(s.schema) } : {}),
      ...(s.ui ? { ui: renamed(s.ui) } : {}),
    }));
  const rules = rulesFiles(files, manifest);
  if (rules.includes(from)) updated.rules = rules.map(renamed);
  if (manifest.templates) updated.templates = Object.fromEntries(Object.entries(manifest.templates).map(([k, p]) => [k, renamed(p)]));
  const next: PackageFiles = { ...files, [to]: files[from], [MANIFEST]: writeManifest(updated) };
  delete next[from];
  return {
    files: next,
    selected: to,
    message: `Fichier ${from} renommé en ${to}${JSON.stringify(updated) !== JSON.stringify(manifest) ? ' ; manifest.json mis à jour' : ''}.`,
  };
}
