import { z } from 'zod';
import type { OrganisationKind } from '../../engine/api';
import { ORGANISATION_KINDS } from '../db/models';
import { PROGRESS_STATUSES } from './progress';

const departement = z.string().regex(/^(\d{2}|2A|2B|97\d)$/);
const kind = z.enum(ORGANISATION_KINDS as [OrganisationKind, ...OrganisationKind[]]);
const status = z.enum(PROGRESS_STATUSES);
const id = z.coerce.number().int().positive().max(2_147_483_647);

/** A work list of the caller's authority that narrows a search, a follow-up or an archive. */
const workList = id.optional();

export const WorkListQuerySchema = z.strictObject({ workList });
export type WorkListQuery = z.infer<typeof WorkListQuerySchema>;

export const MembersQuerySchema = z.strictObject({
  workList,
  status: status.optional(),
  kind: kind.optional(),
  departement: departement.optional(),
  q: z.string().trim().max(100).optional(),
});
export type MembersQuery = z.infer<typeof MembersQuerySchema>;

export const RemindSchema = z.strictObject({
  /** A subset of the campaign's organisations; all those that have not transmitted when absent. */
  organisationIds: z.array(z.number().int().positive()).max(5000).optional(),
  statuses: z
    .array(z.enum(['not_started', 'in_progress', 'late']))
    .min(1)
    .optional(),
  /** A few words added to the standard text. */
  note: z.string().trim().max(2000).optional(),
});
export type RemindRequest = z.infer<typeof RemindSchema>;

export const SearchQuerySchema = z.strictObject({
  workList,
  campaign: id.optional(),
  state: z.enum(['draft', 'transmitted', 'acknowledged', 'reopen_requested', 'reopened']).optional(),
  late: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  kind: kind.optional(),
  departement: departement.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const CheckSchema = z.strictObject({
  /** The package's files as the editor has them: path → text. */
  files: z.record(z.string().max(200), z.string().max(5_000_000)),
});
export type CheckRequest = z.infer<typeof CheckSchema>;

export const WorkListNameSchema = z.strictObject({ name: z.string().trim().min(1).max(120) });
export type WorkListName = z.infer<typeof WorkListNameSchema>;

export const AddOrganisationsSchema = z.strictObject({
  organisationIds: z.array(z.number().int().positive().max(2_147_483_647)).min(1).max(5000),
});
export type AddOrganisations = z.infer<typeof AddOrganisationsSchema>;
