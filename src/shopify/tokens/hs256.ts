import { createHmac, createSecretKey, hash, timingSafeEqual, type KeyObject } from 'node:crypto';

// The HS256 check on the verify hot path uses node:crypto, not jose: jose 6 verifies through WebCrypto, which in
// Node 20 sends every verification through the thread pool (most of a verification was spent waiting for it).
// jose stays the implementation for minting and the test oracle. This is only reached for tokens that already passed
// the strict structure and header checks (three strict base64url segments, alg exactly HS256, no crit or b64), the
// cases in which jose's compactVerify would also come down to comparing the HMAC.

/** HMAC-SHA256 output. */
const HS256_BYTES = 32;
const MAX_KEYS = 16;
// Keys are kept per secret, looked up by the secret's digest so that the map holds no secret text; the key object
// keeps its bytes outside the JavaScript heap.
const keys = new Map<string, KeyObject>();

function keyFor(secret: string): KeyObject {
  const id = hash('sha256', secret, 'base64');
  const cached = keys.get(id);
  if (cached) return cached;
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  keys.set(id, key);
  if (keys.size > MAX_KEYS) {
    // Oldest first out: a few apps' secrets stay cached; a stream of different secrets cannot grow the map.
    const oldest = keys.keys().next().value;
    if (oldest !== undefined) keys.delete(oldest);
  }
  return key;
}

/**
 * Whether `signature` is the HS256 MAC of `signingInput` ("header.payload" as written in the token) under the secret.
 * A signature of the wrong length never matches; equal lengths are compared in constant time.
 */
export function hs256Matches(signingInput: string, signature: Uint8Array, secret: string): boolean {
  const mac = createHmac('sha256', keyFor(secret)).update(signingInput, 'utf8').digest();
  return signature.length === HS256_BYTES && timingSafeEqual(mac, signature);
}
