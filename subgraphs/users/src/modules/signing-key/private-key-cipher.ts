import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Private signing keys at rest: AES-256-GCM under a key derived from SIGNING_KEY_SECRET (a
 * high-entropy secret, so one SHA-256 suffices). Without a secret they are stored as JSON,
 * which is what the embedded demo mode does.
 */
const PREFIX = 'aes256gcm:v1:';

export function sealPrivateJwk(json: string, secret: string | undefined): string {
  if (!secret) return json;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const ciphertext = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  return `${PREFIX}${[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join(':')}`;
}

export function openPrivateJwk(stored: string, secret: string | undefined, kid: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  if (!secret) throw new Error(`Signing key ${kid} is encrypted: set SIGNING_KEY_SECRET`);
  const [iv, tag, ciphertext] = stored.slice(PREFIX.length).split(':').map((part) => Buffer.from(part, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`Signing key ${kid} cannot be decrypted with the configured SIGNING_KEY_SECRET`);
  }
}

function keyFrom(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}
