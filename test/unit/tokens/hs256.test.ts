/** The HS256 MAC written out over crypto.hash gives node:crypto's own HMAC for every kind of secret and message. */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { hmacSha256, hs256Matches } from '../../../src/shopify/tokens/hs256';
import { MAX_INPUT_LENGTH } from '../../../src/shopify/tokens/input';

const reference = (secret: string, message: string): Buffer => createHmac('sha256', secret).update(message, 'utf8').digest();

describe('HS256 MAC', () => {
  const secrets = [
    '',
    'shpss_0123456789abcdef0123456789abcdef',
    'x'.repeat(63),
    'x'.repeat(64),
    'x'.repeat(65),
    'é'.repeat(32), // exactly one block of UTF-8
    'é'.repeat(33), // two bytes past it: hashed first
    'z'.repeat(500),
    '\ud800 lone surrogate',
    ' spaces around ',
    ...Array.from({ length: 40 }, (_, i) => randomBytes(i * 3).toString('latin1')),
  ];
  const messages = ['', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0', 'ünïcödé and 🙂', 'a'.repeat(MAX_INPUT_LENGTH), '€'.repeat(MAX_INPUT_LENGTH), 'b'.repeat(MAX_INPUT_LENGTH + 1), '€'.repeat(MAX_INPUT_LENGTH + 1)];

  it('equals createHmac for short, block-sized, long, non-ASCII and random secrets and messages up to past the input cap', () => {
    for (const [s, secret] of secrets.entries()) {
      for (const [m, message] of messages.entries()) {
        assert.ok(hmacSha256(secret, message).equals(reference(secret, message)), `secret ${s} (${secret.length} characters), message ${m}`);
      }
    }
  });

  it('leaves nothing of one call in the next: a long secret or message followed by a short one still gives the right MAC', () => {
    hmacSha256('y'.repeat(64), 'c'.repeat(2000));
    assert.ok(hmacSha256('k', 'm').equals(reference('k', 'm')));
  });

  it('matches only the right 32 bytes', () => {
    const mac = reference('secret', 'input');
    assert.equal(hs256Matches('input', mac, 'secret'), true);
    assert.equal(hs256Matches('input', mac, 'secreT'), false);
    assert.equal(hs256Matches('input', mac.subarray(0, 31), 'secret'), false);
    const flipped = Buffer.from(mac);
    flipped[31] = (flipped[31] ?? 0) ^ 1;
    assert.equal(hs256Matches('input', flipped, 'secret'), false);
  });
});
