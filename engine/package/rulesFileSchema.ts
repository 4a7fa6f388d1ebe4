/** The JSON Schema of a rules file (`{ "rules": [...] }`); expressions themselves are checked by engine/rules. */
import type { ShapeSchema } from './schemaCheck';
import { ATTACHMENT_CODE_PATTERN, RULE_ID_PATTERN, RULE_KINDS, SEVERITIES } from './formats';

const expression: ShapeSchema = { type: 'string', minLength: 1, maxLength: 4000 };
const requiredWhen = (kind: string, required: string[]): ShapeSchema => ({
  if: { properties: { kind: { const: kind } }, required: ['kind'] },
  then: { required },
});

export const ruleSchema: ShapeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind'],
  properties: {
    $comment: { type: 'string' },
    id: {
      type: 'string',
      pattern: RULE_ID_PATTERN,
      'x-expected': 'un identifiant de règle (lettres, chiffres, « _ », « . », « - », ex. C01)',
    },
    kind: { type: 'string', enum: RULE_KINDS },
    severity: { type: 'string', enum: SEVERITIES },
    active: { type: 'boolean' },
    title: { type: 'string', minLength: 1, maxLength: 300 },
    description: { type: 'string', maxLength: 4000 },
    when: expression,
    forEach: expression,
    target: expression,
    expr: expression,
    assert: expression,
    fields: { type: 'array', minItems: 1, maxItems: 500, items: expression },
    category: { type: 'string', pattern: ATTACHMENT_CODE_PATTERN, 'x-expected': 'un code de catégorie de pièce jointe' },
    values: { type: 'object', additionalProperties: expression },
    message: { type: 'string', minLength: 1, maxLength: 2000 },
  },
  allOf: [
    requiredWhen('computed', ['target', 'expr']),
    requiredWhen('check', ['severity', 'assert', 'message']),
    requiredWhen('required', ['severity', 'fields']),
    requiredWhen('attachment', ['severity', 'category']),
  ],
};

export const rulesFileSchema: ShapeSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://harmonia.example/schemas/rules.json',
  title: 'Fichier de règles Harmonia',
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    $schema: { type: 'string' },
    $comment: { type: 'string' },
    rules: { type: 'array', maxItems: 5000, items: ruleSchema },
  },
};
