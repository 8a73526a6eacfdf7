import { z } from 'zod';
import { knownCountrySchema, knownCurrencySchema } from '@mrt/events';
import { displayNameSchema as displayName } from '../user/display-name.validation.js';
import { PASSWORD_MAX, PASSWORD_MIN } from './password.js';

/** Length bounds (the upper one keeps hashing cheap); "not the email" is checked with it. */
export function passwordSchema() {
  return z
    .string()
    .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`)
    .refine((password) => password.trim().length > 0, 'must not be blank');
}

const email = z.string().trim().toLowerCase().email('must be an email address').max(254);

/** Shared rule: the password may not be the email. */
function notTheEmail<T extends { email: string }>(field: keyof T & string) {
  return (value: T, context: z.RefinementCtx) => {
    const password = value[field];
    if (typeof password === 'string' && password.toLowerCase() === value.email.toLowerCase()) {
      context.addIssue({ code: 'custom', path: [field], message: 'must not be your email address' });
    }
  };
}

export const registerSchema = z
  .object({
    email,
    password: passwordSchema(),
    displayName,
    country: knownCountrySchema.nullish(),
    currency: knownCurrencySchema.nullish(),
  })
  .superRefine(notTheEmail('password'));

export const loginSchema = z.object({ email, password: z.string().max(1024) });

export const updateProfileSchema = z.object({
  displayName: displayName.nullish(),
  country: knownCountrySchema.nullish(),
  currency: knownCurrencySchema.nullish(),
});

export const changePasswordSchema = z.object({ currentPassword: z.string().max(1024), newPassword: passwordSchema() });
