import { z } from 'zod';
import { ORGANISATION_KINDS, ROLES } from '../db/models';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/passwords';
import { isValidSiren } from './siren';

const departement = z.string().regex(/^(\d{2}|2A|2B|97\d)$/, 'Code de département invalide.');
const role = z.enum(ROLES);
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`)
  .max(MAX_PASSWORD_LENGTH);

export const OrganisationSchema = z.strictObject({
  siren: z.string().refine(isValidSiren, 'SIREN invalide : 9 chiffres dont la clé de contrôle (Luhn) est juste.'),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ORGANISATION_KINDS as [string, ...string[]]),
  federationId: z.number().int().positive().nullable().default(null),
  departement,
  departements: z.array(departement).max(120).default([]),
});
export type OrganisationRequest = z.infer<typeof OrganisationSchema>;

export const OrganisationUpdateSchema = OrganisationSchema.omit({ siren: true }).partial();
export type OrganisationUpdateRequest = z.infer<typeof OrganisationUpdateSchema>;

export const OrganisationUserSchema = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role,
  password,
});
export type OrganisationUserRequest = z.infer<typeof OrganisationUserSchema>;

export const UserSchema = OrganisationUserSchema.extend({
  organisationId: z.number().int().positive().nullable().default(null),
  federationId: z.number().int().positive().nullable().default(null),
  authorityId: z.number().int().positive().nullable().default(null),
});
export type UserRequest = z.infer<typeof UserSchema>;

export const UserUpdateSchema = z
  .strictObject({ name: z.string().trim().min(1).max(200), role, disabled: z.boolean(), password })
  .partial()
  .refine((u) => Object.keys(u).length > 0, 'Indiquez au moins un changement.');
export type UserUpdateRequest = z.infer<typeof UserUpdateSchema>;

export const OrganisationQuerySchema = z.strictObject({
  kind: z.enum(ORGANISATION_KINDS as [string, ...string[]]).optional(),
  federationId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional(),
});
