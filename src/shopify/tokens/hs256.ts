import * as nodeCrypto from 'node:crypto';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAX_INPUT_LENGTH } from './input';
import { wipe } from './wipe';

// The HS256 check on the verify hot path uses node:crypto, not jose: jose 6 verifies through WebCrypto, which in
// Node 20 sends every verification through the thread pool (most of a verification was spent waiting for it).
// jose stays the implementation for minting and the test oracle. This is only reached for tokens that already passed
// the strict structure and header checks (three strict base64url segments, alg exactly HS256, no crit or b64), the
// cases in which jose's compactVerify would also come down to comparing the HMAC.
//
// The MAC is RFC 2104's HMAC written out over two one-shot SHA-256 calls (crypto.hash, Node 20.12+): createHmac sets up
// an OpenSSL HMAC context for every call, which measured about a third slower per token. Nothing is cached between
// calls: the padded key is rebuilt from the secret each time (64 XORs) and wiped after use, so no secret text or key
// material outlives the call. A cached KeyObject (found again by a digest of the secret) was no faster than createHmac
// with the text, and remembering the last secret itself to skip that digest would keep the secret alive in the module.

/** HMAC-SHA256 output. */
const HS256_BYTES = 32;
/** SHA-256's block size: keys up to this long are zero-padded, longer ones are hashed first (RFC 2104). */
const BLOCK = 64;

/**
 * One-shot SHA-256 as a latin1 ('binary') string of the 32 digest bytes, where this Node has crypto.hash. Measured on Node 20,
 * asking crypto.hash for a Buffer costs about twice the whole hash of a token; a string written back into a buffer does not.
 */
const sha256: ((data: Uint8Array | string) => string) | undefined =
  typeof nodeCrypto.hash === 'function' ? (data) => nodeCrypto.hash('sha256', data, 'binary') : undefined;

// The key block followed by the message (inner hash), and the key block followed by the inner digest (outer hash).
// A signing input is at most MAX_INPUT_LENGTH characters, at most 3 UTF-8 bytes each.
const INNER = Buffer.allocUnsafeSlow(BLOCK + 3 * MAX_INPUT_LENGTH);
const OUTER = Buffer.allocUnsafeSlow(BLOCK + HS256_BYTES);
/** The MAC being compared. */
const MAC = Buffer.allocUnsafeSlow(HS256_BYTES);

/** Writes HMAC-SHA256 of `message` (as UTF-8) under `secret` (as UTF-8, like jose's TextEncoder and createHmac) into `out`. */
function writeHmacSha256(secret: string, message: string, out: Buffer): void {
  if (sha256 === undefined || message.length > MAX_INPUT_LENGTH) {
    createHmac('sha256', secret).update(message, 'utf8').digest().copy(out);
    return;
  }
  let used = BLOCK;
  try {
    wipe(INNER, 0, BLOCK);
    if (Buffer.byteLength(secret, 'utf8') > BLOCK) INNER.write(sha256(secret), 0, HS256_BYTES, 'latin1');
    else INNER.write(secret, 0, BLOCK, 'utf8');
    for (let i = 0; i < BLOCK; i++) {
      const k = INNER[i] ?? 0;
      INNER[i] = k ^ 0x36;
      OUTER[i] = k ^ 0x5c;
    }
    used = BLOCK + INNER.write(message, BLOCK, 'utf8');
    OUTER.write(sha256(INNER.subarray(0, used)), BLOCK, HS256_BYTES, 'latin1');
    out.write(sha256(OUTER), 0, HS256_BYTES, 'latin1');
  } finally {
    // The key blocks are the secret in another form, and the message is the token: neither stays behind.
    wipe(INNER, 0, used);
    wipe(OUTER);
  }
}

/** HMAC-SHA256 of `message` (as UTF-8) under `secret` (as UTF-8), in a new Buffer. */
export function hmacSha256(secret: string, message: string): Buffer {
  const out = Buffer.alloc(HS256_BYTES);
  writeHmacSha256(secret, message, out);
  return out;
}

/**
 * Whether `signature` is the HS256 MAC of `signingInput` ("header.payload" as written in the token) under the secret
 * (as UTF-8, like jose's TextEncoder). A signature of the wrong length never matches; equal lengths are compared in
 * constant time.
 */
export function hs256Matches(signingInput: string, signature: Uint8Array, secret: string): boolean {
  try {
    writeHmacSha256(secret, signingInput, MAC);
    return signature.length === HS256_BYTES && timingSafeEqual(MAC, signature);
  } finally {
    wipe(MAC);
  }
}
