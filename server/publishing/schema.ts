import { z } from 'zod';
import { ORGANISATION_KINDS } from '../db/models';

const sheetId = z.string().regex(/^[A-Z][A-Z0-9_]{1,15}$/);
const ruleId = z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/);

export const PreviewSchema = z.strictObject({
  /** Sample answers, sheet → data, as a statement would hold them. */
  answers: z.record(sheetId, z.record(z.string(), z.unknown())).default({}),
  justifications: z.record(z.string().max(100), z.string().max(5000)).default({}),
  organisation: z
    .strictObject({
      siren: z
        .string()
        .regex(/^\d{9}$/)
        .optional(),
      name: z.string().max(200).optional(),
      kind: z.enum(ORGANISATION_KINDS as [string, ...string[]]).optional(),
      departement: z
        .string()
        .regex(/^(\d{2}|2A|2B|97\d)$/)
        .optional(),
      departements: z
        .array(z.string().regex(/^(\d{2}|2A|2B|97\d)$/))
        .max(120)
        .optional(),
    })
    .default({}),
  previous: z.record(z.string(), z.unknown()).optional(),
  attachments: z.record(z.string(), z.number().int().min(0)).optional(),
});
export type PreviewRequest = z.infer<typeof PreviewSchema>;

export const RulePatchSchema = z.strictObject({
  rules: z
    .record(
      ruleId,
      z
        .strictObject({ active: z.boolean().optional(), severity: z.enum(['blocking', 'warning', 'info']).optional() })
        .refine((c) => c.active !== undefined || c.severity !== undefined, 'Indiquez « active » ou « severity ».'),
    )
    .refine((r) => Object.keys(r).length > 0 && Object.keys(r).length <= 500, 'Indiquez au moins une règle.'),
});
export type RulePatchRequest = z.infer<typeof RulePatchSchema>;
