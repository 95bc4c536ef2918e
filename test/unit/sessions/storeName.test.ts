import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { normalizeStore } from '../../../src/shopify/sessions/storeName';

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
    ['shop1.myshopify.io', 'shop1.myshopify.io'],
    ['shop1.shop.dev', 'shop1.shop.dev'],
    ['admin.shopify.com/store/my-store', 'my-store.myshopify.com'],
    ['https://admin.shopify.com/store/my-store/products/123', 'my-store.myshopify.com'],
    ['a'.repeat(63), `${'a'.repeat(63)}.myshopify.com`],
    [`${'a.'.repeat(120)}myshopify.com`, `${'a.'.repeat(120)}myshopify.com`], // exactly 253 characters
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
  ];
  for (const [input, why] of rejected) {
    test(`rejects ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`, () => {
      assert.throws(
        () => normalizeStore(input),
        (e: unknown) => e instanceof ShopifyAuthError && e.code === 'bad-store' && why.test(e.message) && /myshopify\.com/.test(e.message),
      );
    });
  }
});
