import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { DEVELOPMENT_STORES, normalizeStore, storeRulesFor } from '../../../src/shopify/sessions/storeName';
import { SessionManager } from '../../../src/shopify/sessions/manager';
import { IdentityClient } from '../../../src/shopify/identity/client';
import { StateStore } from '../../../src/shopify/storage/stateStore';
import { MemorySlot } from '../support/fixture';

describe('store names (the Shopify CLI rules, plus admin.shopify.com addresses)', () => {
  const accepted: Array<[string, string]> = [
    ['mystore', 'mystore.myshopify.com'],
    ['  my-store  ', 'my-store.myshopify.com'],
    ['MyStore', 'mystore.myshopify.com'],
    ['my-store.myshopify.com', 'my-store.myshopify.com'],
    ['https://my-store.myshopify.com', 'my-store.myshopify.com'],
    ['http://My-Store.MyShopify.com/', 'my-store.myshopify.com'],
    ['https://my-store.myshopify.com/admin', 'my-store.myshopify.com'],
    ['my-store.myshopify.com/admin/', 'my-store.myshopify.com'],
    ['admin.shopify.com/store/my-store', 'my-store.myshopify.com'],
    ['https://admin.shopify.com/store/my-store/products/123', 'my-store.myshopify.com'],
    ['a'.repeat(63), `${'a'.repeat(63)}.myshopify.com`],
    [`${'a'.repeat(63)}.myshopify.com/admin`, `${'a'.repeat(63)}.myshopify.com`],
  ];
  for (const [input, host] of accepted) {
    test(`accepts ${JSON.stringify(input)} as ${host}`, () => assert.equal(normalizeStore(input), host));
  }

  const rejected: Array<[string, RegExp]> = [
    ['', /empty/],
    ['   ', /empty/],
    ['/my-store', /starts with "\/"/],
    ['my-store.myshopify.com:8443', /port/],
    ['user:pass@my-store.myshopify.com', /user name or password/],
    ['my-store.myshopify.com?x=1', /query/],
    ['my-store.myshopify.com#top', /fragment/],
    ['my-store.myshopify.com/products', /path "\/products"/],
    ['my-store.myshopify.com.', /ends with a dot/],
    ['mystоre', /U\+043E/], // Cyrillic "о"
    ['my store', /U\+0020/],
    ['my_store', /letters, digits and inner hyphens/],
    ['-store', /letters, digits and inner hyphens/],
    ['store-', /letters, digits and inner hyphens/],
    ['a'.repeat(64), /longer than 63/],
    ['a'.repeat(301), /longer than any domain/],
    [`${'a.'.repeat(125)}myshopify.com`, /longer than 253/],
    ['www.example.com', /custom domain/],
    ['ftp://my-store.myshopify.com', /not a web address/],
    ['admin.shopify.com/products', /admin\.shopify\.com\/store\/<handle>/],
    ['xn--80ak6aa92e.myshopify.com', /punycode/],
    ['.myshopify.com', /./],
    // Development environments' stores, against production Shopify (the default).
    ['shop1.myshopify.io', /development environments.*production Shopify/],
    ['shop1.shop.dev', /development environments.*production Shopify/],
    // A handle is one label.
    ['admin.shopify.com/store/evil.example', /handle "evil\.example" .* one word/],
    ['a.b.myshopify.com', /one word before its Shopify domain/],
    ['shop.evil.myshopify.com', /one word before its Shopify domain/],
    ['x.y.shop.dev', /one word before its Shopify domain/],
  ];
  for (const [input, why] of rejected) {
    test(`rejects ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`, () => {
      assert.throws(
        () => normalizeStore(input),
        (e: unknown) => e instanceof ShopifyAuthError && e.code === 'bad-store' && why.test(e.message) && /myshopify\.com/.test(e.message),
      );
    });
  }

  test('development stores are accepted only with a non-production identity server', () => {
    assert.equal(normalizeStore('shop1.myshopify.io', DEVELOPMENT_STORES), 'shop1.myshopify.io');
    assert.equal(normalizeStore('https://shop1.shop.dev/admin', DEVELOPMENT_STORES), 'shop1.shop.dev');
    assert.throws(() => normalizeStore('a.b.shop.dev', DEVELOPMENT_STORES), /one word/);
    assert.deepEqual(storeRulesFor('https://accounts.shopify.com'), { developmentStores: false });
    assert.deepEqual(storeRulesFor('http://127.0.0.1:3000'), { developmentStores: true });
  });

  test('the session manager reads store names by the identity URL it is configured with', () => {
    const managerFor = (identityUrl: string) =>
      new SessionManager({ client: () => new IdentityClient({ identityUrl }), store: new StateStore(new MemorySlot(), () => {}), log: { debug() {}, info() {}, warn() {} }, env: {} });
    const production = managerFor('https://accounts.shopify.com');
    assert.throws(() => production.resolve(['admin', 'store:shop1.shop.dev']), /development environments/);
    assert.throws(() => production.normalizeStore('shop1.myshopify.io'), /development environments/);
    assert.equal(production.resolve(['admin', 'store:shop1']).store, 'shop1.myshopify.com');
    const local = managerFor('http://127.0.0.1:3000');
    assert.equal(local.resolve(['admin', 'store:shop1.shop.dev']).store, 'shop1.shop.dev');
    // The production rules also apply to SHOPIFY_FLAG_STORE when it is the store used.
    const fromEnv = new SessionManager({ client: () => new IdentityClient({ identityUrl: 'https://accounts.shopify.com' }), store: new StateStore(new MemorySlot(), () => {}), log: { debug() {}, info() {}, warn() {} }, env: { SHOPIFY_FLAG_STORE: 'shop1.shop.dev' } });
    assert.throws(() => fromEnv.resolve(['admin']), /development environments/);
  });
});
