import { z } from 'zod';
import { ORGANISATION_KINDS } from '../db/models';

const kind = z.enum(ORGANISATION_KINDS as [string, ...string[]]);
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const CreateCampaignSchema = z
  .strictObject({
    formVersionId: z.number().int().positive(),
    title: z.string().trim().min(1).max(300).optional(),
    /** Organisation kinds addressed; by default the manifest's audience. */
    audience: z.array(kind).min(1).max(6).optional(),
    opensAt: instant,
    /** The deadline: a transmission after it is flagged late. */
    closesAt: instant,
  })
  .refine((c) => c.opensAt < c.closesAt, { message: 'La clôture doit suivre l’ouverture.', path: ['closesAt'] });
export type CreateCampaignRequest = z.infer<typeof CreateCampaignSchema>;

export const UpdateCampaignSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(300).optional(),
    opensAt: instant.optional(),
    closesAt: instant.optional(),
    /** `closed` archives the campaign: no statement may be opened or transmitted any more. */
    status: z.enum(['open', 'closed']).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'Indiquez au moins un changement.');
export type UpdateCampaignRequest = z.infer<typeof UpdateCampaignSchema>;
