import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identityScopes } from '../../../src/shopify/identity/apis';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { isAccountRequest, parseScopes, scopeGrammar, sessionScopes } from '../../../src/shopify/sessions/scopes';

const P = 'https://api.shopify.com/auth/';

function rejects(scopes: string[], why: RegExp): void {
  assert.throws(
    () => parseScopes(scopes),
    (e: unknown) => e instanceof ShopifyAuthError && e.code === 'bad-scopes' && why.test(e.message) && e.message.includes('Scopes name exactly one API'),
  );
}

describe('scope grammar', () => {
  test('one API word per list, storefront as an alias of storefront-renderer', () => {
    assert.deepEqual(parseScopes(['partners']), { api: 'partners', extraScopes: [] });
    assert.deepEqual(parseScopes(['storefront']), { api: 'storefront-renderer', extraScopes: [] });
    assert.deepEqual(parseScopes(['business-platform']), { api: 'business-platform', extraScopes: [] });
    assert.deepEqual(parseScopes(['app-management']), { api: 'app-management', extraScopes: [] });
  });

  test('admin with a store, normalised', () => {
    assert.deepEqual(parseScopes(['admin', 'store:My-Store']), { api: 'admin', store: 'my-store.myshopify.com', extraScopes: [] });
  });

  test('extra scopes as short names, dotted names or URLs; defaults are not extras; repeats dropped', () => {
    const r = parseScopes(['admin', 'themes', 'graphql', 'store:s', 'shop.admin.custom-thing', `${P}shop.admin.custom-thing`, 'openid', 'partners.app.cli.access']);
    assert.deepEqual(r.extraScopes, [`${P}partners.app.cli.access`, `${P}shop.admin.custom-thing`]);
  });

  test('rejects an empty list, no API, two APIs, unknown names, two stores, a store off admin, a bad store', () => {
    rejects([], /empty/);
    rejects(['graphql'], /no API is named/);
    rejects(['admin', 'partners'], /admin and partners/);
    rejects(['partners', 'frobnicate'], /"frobnicate" is not an API, a store or a scope/);
    rejects(['admin', 'store:a', 'store:b'], /a\.myshopify\.com and b\.myshopify\.com/);
    rejects(['partners', 'store:a'], /only applies to admin/);
    rejects(['admin', ' '], /empty/);
    // A store that fails the store rules says why, and restates the grammar like any other bad scope.
    assert.throws(
      () => parseScopes(['admin', 'store:my-store:8080']),
      (e: unknown) => e instanceof ShopifyAuthError && e.code === 'bad-store' && /port/.test(e.message) && e.message.includes(scopeGrammar()),
    );
  });

  test('["openid"] alone is an account request, anything more is not', () => {
    assert.equal(isAccountRequest(['openid']), true);
    assert.equal(isAccountRequest(['openid', 'partners']), false);
    assert.equal(isAccountRequest([]), false);
    assert.equal(isAccountRequest(undefined), false);
  });

  test('identity scopes: openid, every default of every API, then extras, once each', () => {
    const scopes = identityScopes([`${P}shop.admin.graphql`, `${P}extra.one`]);
    assert.equal(scopes[0], 'openid');
    assert.equal(new Set(scopes).size, scopes.length);
    for (const s of ['shop.admin.graphql', 'shop.admin.themes', 'partners.collaborator-relationships.readonly', 'shop.storefront-renderer.devtools', 'partners.app.cli.access', 'destinations.readonly', 'organization.store-management', 'organization.on-demand-user-access', 'organization.apps.manage', 'extra.one']) {
      assert.ok(scopes.includes(P + s), s);
    }
    assert.equal(scopes.length, 11);
  });

  test('session scopes read as the caller wrote them', () => {
    assert.deepEqual(sessionScopes('admin', 'a.myshopify.com', [`${P}b`, 'openid', `${P}a`]), ['admin', 'store:a.myshopify.com', `${P}a`, `${P}b`]);
    assert.deepEqual(sessionScopes('storefront-renderer', undefined, []), ['storefront']);
    // The defaults come with the API word: a plain request and its session read the same.
    assert.deepEqual(sessionScopes('partners', undefined, ['openid', `${P}partners.app.cli.access`]), ['partners']);
    assert.deepEqual(sessionScopes('admin', 'a.myshopify.com', [`${P}shop.admin.graphql`, `${P}shop.admin.themes`, `${P}x.y`]), ['admin', 'store:a.myshopify.com', `${P}x.y`]);
  });
});
