// Scope lists at their edges: how dotted names are bounded, what a caller's non-string entry gets, how the refusal
// lists what it was given, and which lists read as an account request.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { isAccountRequest, parseScopes, scopeGrammar } from '../../../src/shopify/sessions/scopes';

function refusal(scopes: unknown[]): string {
  try {
    parseScopes(scopes as string[]);
  } catch (error: unknown) {
    assert.ok(error instanceof ShopifyAuthError && error.code === 'bad-scopes', String(error));
    return error.message;
  }
  assert.fail(`${JSON.stringify(scopes)} was accepted`);
}

describe('scope lists at the edges', () => {
  test('a dotted scope name must be lower-case words from its first character to its last', () => {
    for (const word of ['Shop.admin.graphql', '-shop.admin', 'shop.admin.graphql!', 'shop.admin?x=1', 'shop.Admin']) {
      assert.match(refusal(['admin', word]), new RegExp(`"${word.replace(/[.?!]/g, '\\$&')}" is not an API, a store or a scope`));
    }
    assert.deepEqual(parseScopes(['admin', 'shop.admin.custom_thing-2']).extraScopes, ['https://api.shopify.com/auth/shop.admin.custom_thing-2']);
  });

  test('an entry that is not a string is refused as a bad scope, not a crash', () => {
    for (const entry of [42, null, undefined, { scope: 'admin' }]) {
      assert.match(refusal(['admin', entry]), /^Shopify cannot read these scopes: every scope must be a string\. Scopes name exactly one API/);
    }
  });

  test('a list without an API is quoted back with its entries separated', () => {
    assert.match(refusal(['openid', 'themes']), /no API is named in \[openid, themes\]\./);
  });

  test('the grammar lists the short names separated by commas', () => {
    assert.match(scopeGrammar(), /\(graphql, themes, collaborator-relationships, /);
  });

  test('"openid" is an account request however it is spaced; a non-string entry is simply not one', () => {
    assert.equal(isAccountRequest([' openid ', 'OpenID']), true);
    assert.equal(isAccountRequest(['openid', 42 as unknown as string]), false);
    assert.equal(isAccountRequest([null as unknown as string]), false);
  });
});
