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

/**
 * A recovery code as the user may type it: case, spaces and the dash do not matter
 * (server/auth/mfa-recovery.ts normalises it; an unknown code is a wrong code, not a 422).
 */
export const RecoveryCodeSchema = z.strictObject({
  recoveryCode: z
    .string()
    .transform((c) => c.replace(/[\s-]+/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{10}$/, 'Le code de secours compte 10 caractères (lettres et chiffres).')),
});

/** The second factor of a login: the application's code, or one of the recovery codes. */
export const VerifySchema = z.union([CodeSchema, RecoveryCodeSchema]);
export type VerifyRequest = z.infer<typeof VerifySchema>;
