/** The part of http_ece (encrypted content-encoding, RFC 8188/8291) the web push spec decrypts with. */
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  export function decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string }): Buffer;
}
