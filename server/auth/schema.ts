import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from './passwords';

export const LoginSchema = z.strictObject({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
export type LoginRequest = z.infer<typeof LoginSchema>;

export const CodeSchema = z.strictObject({
  code: z
    .string()
    .transform((c) => c.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Le code compte 6 chiffres.')),
});
export type CodeRequest = z.infer<typeof CodeSchema>;
