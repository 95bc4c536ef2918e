// The 253-character limit on a whole host, at its edge: a host of exactly 253 characters passes that rule and is
// refused by the next one (more than one word before the Shopify domain); one more character breaks the limit.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { normalizeStore } from '../../../src/shopify/sessions/storeName';

function refusal(input: string): string {
  try {
    normalizeStore(input);
  } catch (error: unknown) {
    assert.ok(error instanceof ShopifyAuthError && error.code === 'bad-store', String(error));
    return error.message;
  }
  assert.fail(`${JSON.stringify(input)} was accepted`);
}

describe('the length of a whole store host', () => {
  // Labels of at most 63 characters, so only the whole length can be at fault.
  const host = (last: number): string => `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(last)}.myshopify.com`;

  test('253 characters are within the limit', () => {
    assert.equal(host(47).length, 253);
    const message = refusal(host(47));
    assert.doesNotMatch(message, /longer than 253/);
    assert.match(message, /a store is one word before its Shopify domain/);
  });

  test('254 characters are over it', () => {
    assert.equal(host(48).length, 254);
    assert.match(refusal(host(48)), /is longer than 253 characters\./);
  });
});
