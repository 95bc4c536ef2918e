import { createHmac, timingSafeEqual } from 'node:crypto';

// The HS256 check on the verify hot path uses node:crypto, not jose: jose 6 verifies through WebCrypto, which in
// Node 20 sends every verification through the thread pool (most of a verification was spent waiting for it).
// jose stays the implementation for minting and the test oracle. This is only reached for tokens that already passed
// the strict structure and header checks (three strict base64url segments, alg exactly HS256, no crit or b64), the
// cases in which jose's compactVerify would also come down to comparing the HMAC.
// The secret goes to createHmac as text, with no cache of keys: measured on Node 20, a cached KeyObject makes the HMAC
// no faster than the text does, and finding it again costs a digest of the secret per call (looking it up by the
// string itself would keep the secret's text alive in the module).

/** HMAC-SHA256 output. */
const HS256_BYTES = 32;

/**
 * Whether `signature` is the HS256 MAC of `signingInput` ("header.payload" as written in the token) under the secret
 * (as UTF-8, like jose's TextEncoder). A signature of the wrong length never matches; equal lengths are compared in
 * constant time.
 */
export function hs256Matches(signingInput: string, signature: Uint8Array, secret: string): boolean {
  const mac = createHmac('sha256', secret).update(signingInput, 'utf8').digest();
  return signature.length === HS256_BYTES && timingSafeEqual(mac, signature);
}
