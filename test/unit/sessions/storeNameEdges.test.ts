// Store names at the edges of each rule: the limits themselves, each flaw alone, and what the message shows.
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

describe('store names at the edges', () => {
  test('a name up to 80 characters is quoted whole; a longer one is cut to 77 and "..."', () => {
    const eighty = `${'a'.repeat(68)}.example.com`;
    assert.equal(eighty.length, 80);
    assert.ok(refusal(eighty).startsWith(`"${eighty}" is not a store name`));
    const longer = `${'b'.repeat(69)}.example.com`;
    assert.ok(refusal(longer).startsWith(`"${longer.slice(0, 77)}..." is not a store name`));
  });

  test('"~" and "!" are plain ASCII: refused by the label rule, not as foreign characters', () => {
    for (const input of ['my~store', 'my!store']) {
      const message = refusal(input);
      assert.doesNotMatch(message, /U\+00/);
      assert.match(message, /letters, digits and inner hyphens|cannot be read/);
    }
  });

  test('300 characters are not "longer than any domain"; 301 are', () => {
    assert.doesNotMatch(refusal('a.'.repeat(150)), /longer than any domain/);
    assert.match(refusal(`${'a.'.repeat(150)}a`), /longer than any domain/);
  });

  test('"://" later in the text is not a scheme', () => {
    assert.match(refusal('my-store.myshopify.com/x://y'), /path/);
  });

  test('a user name alone, or a password alone, is refused', () => {
    assert.match(refusal('user@my-store.myshopify.com'), /user name or password/);
    assert.match(refusal(':pw@my-store.myshopify.com'), /user name or password/);
  });

  test('an empty query ("?") or empty fragment ("#") is still refused', () => {
    assert.match(refusal('my-store.myshopify.com?'), /query/);
    assert.match(refusal('my-store.myshopify.com#'), /fragment/);
  });

  test('admin.shopify.com needs /store/<handle> at the start of the path', () => {
    assert.match(refusal('admin.shopify.com/apps/store/my-store'), /admin\.shopify\.com\/store\/<handle>/);
  });

  test('a label over 63 characters is shown by its first 20', () => {
    assert.match(refusal('c'.repeat(64)), new RegExp(`the part "${'c'.repeat(20)}\\.\\.\\." is longer than 63`));
  });

  test('a text the URL reader refuses says it cannot be read as a domain', () => {
    assert.match(refusal('my[store'), /cannot be read as a domain/);
  });
});

// The 253-character limit on a whole host, at its edge: a host of exactly 253 characters passes that rule and is
// refused by the next one (more than one word before the Shopify domain); one more character breaks the limit.
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
