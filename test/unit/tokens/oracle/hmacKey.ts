import { createHash } from 'node:crypto';

// jose 6 works through WebCrypto only, and given raw bytes it imports a new key on every call: a quarter of each
// verification. Keys are kept per secret, looked up by the secret's digest so the map holds no secret text.
// Non-extractable: nothing can read the secret back out of a cached key.
const MAX_KEYS = 16;
const keys = new Map<string, Promise<CryptoKey>>();

/** The HS256 key for a client secret, imported once and reused. */
export function hmacKey(secret: string): Promise<CryptoKey> {
  const id = createHash('sha256').update(secret, 'utf8').digest('base64');
  const cached = keys.get(id);
  if (cached) {
    // Most recently used last, so the oldest is the one dropped.
    keys.delete(id);
    keys.set(id, cached);
    return cached;
  }
  const key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  // A failed import is not remembered: the next call tries again.
  key.catch(() => keys.delete(id));
  keys.set(id, key);
  if (keys.size > MAX_KEYS) {
    const oldest = keys.keys().next().value;
    if (oldest !== undefined) keys.delete(oldest);
  }
  return key;
}
