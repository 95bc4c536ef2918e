/**
 * The minting key cache: a secret's key is imported once and reused, cannot be read back, a failed import is tried
 * again, and at most 16 secrets are kept, the least recently used dropped first.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hmacKey } from '../../../src/shopify/tokens/hmacKey';

describe('hmacKey', () => {
  it('reuses the key of a secret, and the key cannot be exported', async () => {
    const first = hmacKey('reuse-secret');
    assert.equal(hmacKey('reuse-secret'), first);
    assert.notEqual(hmacKey('reuse-secret-2'), first);
    const key = await first;
    assert.equal(key.extractable, false);
    assert.deepEqual([...key.usages].sort(), ['sign', 'verify']);
    await assert.rejects(crypto.subtle.exportKey('raw', key));
  });

  it('does not keep a failed import: the next call tries again', async () => {
    const failed = hmacKey(''); // WebCrypto refuses an empty HMAC key
    await assert.rejects(failed);
    const again = hmacKey('');
    assert.notEqual(again, failed);
    await assert.rejects(again);
  });

  it('keeps 16 secrets, dropping the least recently used', async () => {
    const names = Array.from({ length: 17 }, (_, i) => `lru-secret-${i}`);
    const first = names.slice(0, 16).map((s) => hmacKey(s));
    // All 16 are still there.
    names.slice(0, 16).forEach((s, i) => assert.equal(hmacKey(s), first[i], s));
    // Using the oldest makes it the newest: the 17th secret then drops the second one instead.
    assert.equal(hmacKey(names[0] ?? ''), first[0]);
    hmacKey(names[16] ?? '');
    assert.equal(hmacKey(names[0] ?? ''), first[0]);
    assert.notEqual(hmacKey(names[1] ?? ''), first[1]);
    await Promise.all(first);
  });
});
