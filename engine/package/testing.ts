/** Builders of small in-memory packages for the engine's tests. */
import type { PackageFiles } from '../api';

/** Parsed JSON that tests edit freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export const json = (value: unknown) => JSON.stringify(value, null, 2);

export function sampleManifest(): Json {
  return {
    id: 'test-form',
    version: '2025.1',
    exercice: 2025,
    title: 'Formulaire de test',
    owner: 'CGLLS',
    audience: ['OPH', 'ESH'],
    sheets: [{ id: 'S01', title: 'Premier feuillet', schema: 'sheets/S01.schema.json' }],
    rules: ['rules.json'],
    attachments: [{ code: 'comptes', label: 'Comptes', accept: ['pdf'] }],
  };
}

export function sampleSheet(): Json {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Premier feuillet',
    type: 'object',
    additionalProperties: false,
    required: ['siren'],
    properties: {
      siren: { type: 'string', title: 'SIREN', pattern: '^[0-9]{9}$', maxLength: 9, 'x-code': 'S01_SIREN' },
      montant: { type: 'number', title: 'Montant', minimum: 0, 'x-unit': 'EUR', 'x-code': 'S01_MONTANT' },
      effectif: { type: 'integer', title: 'Effectif', maximum: 1000, 'x-unit': 'ETP', 'x-code': 'S01_EFFECTIF' },
      cloture: { type: 'string', format: 'date', title: 'Date de clôture', 'x-code': 'S01_CLOTURE' },
      certifie: { type: 'boolean', title: 'Comptes certifiés', 'x-code': 'S01_CERTIFIE' },
      famille: {
        type: 'string',
        title: 'Famille',
        'x-code': 'S01_FAMILLE',
        oneOf: [
          { const: 'OPH', title: 'Office' },
          { const: 'ESH', title: 'ESH' },
        ],
      },
      terrains: {
        type: 'object',
        title: 'Terrains',
        required: ['brut'],
        properties: {
          brut: { type: 'number', title: 'Brut', 'x-unit': 'EUR', 'x-code': 'S01_TERRAINS_BRUT' },
          net: { type: 'number', title: 'Net', readOnly: true, 'x-unit': 'EUR', 'x-code': 'S01_TERRAINS_NET' },
        },
      },
      emprunts: {
        type: 'array',
        title: 'Emprunts',
        maxItems: 3,
        'x-code': 'S01_EMPRUNTS',
        'x-key': 'numero',
        items: {
          type: 'object',
          required: ['numero'],
          properties: {
            numero: { type: 'string', title: 'Numéro', maxLength: 20, 'x-code': 'S01_EMPRUNT_NUMERO' },
            taux: { type: 'number', title: 'Taux', minimum: 0, maximum: 100, 'x-unit': '%', 'x-code': 'S01_EMPRUNT_TAUX' },
          },
        },
      },
    },
  };
}

export function sampleRules(): Json {
  return {
    rules: [
      { id: 'T_NET', kind: 'computed', target: 'S01.terrains.net', expr: 'S01.terrains.brut' },
      { id: 'C01', kind: 'check', severity: 'blocking', assert: 'S01.montant >= 0', message: 'Montant négatif.' },
      { id: 'PJ01', kind: 'attachment', severity: 'warning', category: 'comptes', message: 'Joignez les comptes.' },
    ],
  };
}

/** A valid package; `edit` may change the parsed manifest, sheet and rules before serialisation. */
export function samplePackage(edit: (p: { manifest: Json; sheet: Json; rules: Json }) => void = () => {}): PackageFiles {
  const parts = { manifest: sampleManifest(), sheet: sampleSheet(), rules: sampleRules() };
  edit(parts);
  return {
    'manifest.json': json(parts.manifest),
    'sheets/S01.schema.json': json(parts.sheet),
    'rules.json': json(parts.rules),
  };
}
