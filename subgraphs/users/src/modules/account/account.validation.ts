import { z } from 'zod';
import { passwordSchema } from '../auth/auth.validation.js';

/** Tokens are 32 random bytes in base64url; anything else is refused before a lookup. */
const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'is invalid or has expired');

export const requestPasswordResetSchema = z.object({ email: z.string().trim().toLowerCase().email('must be an email address').max(254) });
export const verifyEmailSchema = z.object({ token });
export const resetPasswordSchema = z.object({ token, newPassword: passwordSchema() });
export const deleteAccountSchema = z.object({ password: z.string().max(1024) });
