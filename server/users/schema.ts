import { z } from 'zod';

/** Accounts shown per page of the search: a fixed size, so that a page number means the same rows for everyone. */
export const ACCOUNTS_PAGE_SIZE = 25;

export const AccountSearchSchema = z.strictObject({
  /** Part of the e-mail address or of the name, any case. */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type AccountSearch = z.infer<typeof AccountSearchSchema>;
