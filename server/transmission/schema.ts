import { z } from 'zod';

export const TransmitSchema = z.strictObject({
  /** The revision the signatory reviewed: transmission is refused (409) if the draft moved since. */
  revision: z.number().int().min(0).optional(),
});
export type TransmitRequest = z.infer<typeof TransmitSchema>;

export const ReceiptQuerySchema = z.strictObject({ number: z.coerce.number().int().positive().optional() });
export type ReceiptQuery = z.infer<typeof ReceiptQuerySchema>;
