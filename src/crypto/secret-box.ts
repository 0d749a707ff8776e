import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals small secrets (TOTP keys) for storage: AES-256-GCM with a random 96-bit IV. `context` is bound in as
 * additional authenticated data, so a sealed value copied to another user's record (or another adapter's) does
 * not open there.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** The plaintext; throws when the value was tampered with, sealed under another key or for another context. */
  open(sealed: string, context: string): string;
}

const VERSION = 'v1';

/** A box keyed with a 32-byte key (derive it from the cluster secret: deriveKey(secret, 'mfa-secrets')). */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('a secret box needs a 32-byte key');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [version, iv, body, tag, ...rest] = sealed.split('.');
      if (version !== VERSION || !iv || body === undefined || !tag || rest.length) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** A view of a box whose contexts all start with a prefix (one adapter cannot open another's secrets). */
export function scopedSecretBox(box: SecretBox, prefix: string): SecretBox {
  return {
    seal: (plaintext, context) => box.seal(plaintext, `${prefix}:${context}`),
    open: (sealed, context) => box.open(sealed, `${prefix}:${context}`),
  };
}
