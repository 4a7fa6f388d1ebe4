/**
 * TypeScript declarations of a form version's answers, via json-schema-to-typescript: one
 * interface per sheet and an `Answers` interface keyed by sheet id. Schemas are rewritten first:
 * titles become doc comments (json-schema-to-typescript would otherwise name an interface after
 * every titled group and clash across sheets), every leaf accepts null (blank), and `$ref`
 * resolution is confined to the document (no file or network access, whatever the schema says).
 */
import { compile } from 'json-schema-to-typescript';
import type { FormPackage, SheetDef } from '../package/model';
import { shapeOf } from '../package/shapeCache';
import type { LeafShape, MemberShape } from '../package/sheetShape';
import { UNIT_LABELS } from '../diff/labels';

type Json = Record<string, unknown>;

function doc(title: string, extra: Array<string | undefined>): string {
  return [title, ...extra.filter(Boolean)].join('\n');
}

function leafSchema(leaf: LeafShape, description: unknown): Json {
  const { field, constraints } = leaf;
  const jsonType = field.type === 'date' ? 'string' : field.type;
  const schema: Json = {
    description: doc(field.title, [
      typeof description === 'string' ? description : undefined,
      `@code ${field.code}`,
      field.unit ? `@unit ${UNIT_LABELS[field.unit] ?? field.unit}` : undefined,
      field.type === 'date' ? '@format date (AAAA-MM-JJ)' : undefined,
      field.readOnly ? '@computed valeur calculée par le moteur' : undefined,
    ]),
  };
  if (constraints.enum) schema.enum = [...constraints.enum, null];
  else schema.type = [jsonType, 'null'];
  return schema;
}

function memberSchema(member: MemberShape, raw: Json): Json {
  const props = (raw.properties ?? {}) as Record<string, Json>;
  if (member.kind === 'field') return leafSchema(member, raw.description);
  if (member.kind === 'group') {
    return {
      type: 'object',
      description: doc(member.title, [typeof raw.description === 'string' ? raw.description : undefined]),
      additionalProperties: false,
      required: member.required,
      properties: Object.fromEntries(member.fields.map((f) => [f.key, leafSchema(f, props[f.key]?.description)])),
    };
  }
  const items = (raw.items ?? {}) as Json;
  const itemProps = (items.properties ?? {}) as Record<string, Json>;
  return {
    type: 'array',
    description: doc(member.table.title, [`@code ${member.table.code}`, member.table.key ? `@key ${member.table.key}` : undefined]),
    items: {
      type: 'object',
      additionalProperties: false,
      required: member.required,
      properties: Object.fromEntries(member.columns.map((c) => [c.key, leafSchema(c, itemProps[c.key]?.description)])),
    },
  };
}

/** The schema json-schema-to-typescript sees for one sheet: only our subset, no titles, no refs. */
export function typingSchema(sheet: SheetDef): Json {
  const shape = shapeOf(sheet);
  const props = (sheet.schema.properties ?? {}) as Record<string, Json>;
  return {
    type: 'object',
    description: `Feuillet ${sheet.id} — ${sheet.title}${sheet.sharedFrom ? ` (repris de ${sheet.sharedFrom.form}@${sheet.sharedFrom.version})` : ''}`,
    additionalProperties: false,
    required: shape.required,
    properties: Object.fromEntries(shape.members.map((m) => [m.key, memberSchema(m, props[m.key] ?? {})])),
  };
}

const OPTIONS = {
  bannerComment: '',
  additionalProperties: false,
  declareExternallyReferenced: true,
  // Its prettier pass needs dynamic import(), unavailable under jest's CommonJS runtime: indent ourselves.
  format: false,
  strictIndexSignatures: true,
  unknownAny: true,
  // External references are never followed: no file read, no HTTP request from an editor's schema.
  $refOptions: { resolve: { external: false, file: false, http: false } },
} as const;

/** Re-indents json-schema-to-typescript's unformatted output by brace depth. */
export function indent(text: string): string {
  let depth = 0;
  return text
    .split('\n')
    .map((raw) => {
      const line = raw.trim();
      if (line.startsWith('}')) depth = Math.max(0, depth - 1);
      const out = line === '' ? '' : '  '.repeat(depth) + (line.startsWith('*') ? ' ' : '') + line;
      if (line.endsWith('{')) depth++;
      return out;
    })
    .join('\n');
}

/** `.d.ts` text describing the answers of `pkg`'s version. */
export async function generateTypes(pkg: FormPackage): Promise<string> {
  const { id, version, title } = pkg.manifest;
  const parts = [
    `/**\n * Réponses du formulaire ${id}@${version} — ${title}.\n * Généré par engine/types à partir des feuillets : ne pas modifier à la main.\n */`,
  ];
  for (const sheet of pkg.sheets) {
    parts.push(indent((await compile(typingSchema(sheet) as never, sheet.id, OPTIONS as never)).trim()));
  }
  const entries = pkg.sheets.map((s) => `  ${s.id}?: ${s.id};`).join('\n');
  parts.push(
    `/** Réponses d'une déclaration : identifiant de feuillet → réponses du feuillet. */\nexport interface Answers {\n${entries}\n}`,
  );
  return parts.join('\n\n') + '\n';
}
