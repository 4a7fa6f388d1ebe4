import { z } from 'zod';
import { MAX_JUSTIFICATION } from './justifier';

const revision = z.number().int().min(0).max(2_147_483_647);

export const SaveSheetSchema = z.strictObject({
  /** The revision the client's answers were based on. */
  baseRevision: revision,
  /** The sheet's data, as its JSON Schema describes it. */
  answers: z.record(z.string(), z.unknown()),
});
export type SaveSheetRequest = z.infer<typeof SaveSheetSchema>;

export const JustifySchema = z.strictObject({
  text: z.string().max(MAX_JUSTIFICATION),
  /** The text this one replaces as the client last saw it (null: there was none); omitted: last write wins. */
  previous: z.string().max(MAX_JUSTIFICATION).nullable().optional(),
});
export type JustifyRequest = z.infer<typeof JustifySchema>;

export const PrefecturesSchema = z.strictObject({ departements: z.array(z.string().max(3)).min(1).max(101) });
export type PrefecturesRequest = z.infer<typeof PrefecturesSchema>;

export const ListQuerySchema = z.strictObject({ campaign: z.coerce.number().int().positive().optional() });
export type ListQuery = z.infer<typeof ListQuerySchema>;

export const SHEET_ID = /^[A-Z][A-Z0-9_]{1,15}$/;
