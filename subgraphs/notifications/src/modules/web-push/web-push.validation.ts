import { z } from 'zod';

const base64urlBytes = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')
    .refine((value) => Buffer.from(value, 'base64url').length === bytes, `must be ${what}`);

/** A browser push subscription as PushManager hands it out. */
export const subscriptionSchema = z.object({
  endpoint: z.string().trim().min(1, 'must not be empty').max(2_000, 'must be at most 2000 characters'),
  // An uncompressed P-256 public key and a 16-byte secret, as every browser makes them.
  p256dh: base64urlBytes(65, 'a 65-byte P-256 public key'),
  auth: base64urlBytes(16, 'a 16-byte secret'),
  label: z.string().trim().max(60, 'must be at most 60 characters').nullish(),
});
