import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { projectStores } from '../../../src/shopify/sessions/projectConfig';

describe('the store a Shopify CLI project names', () => {
  test('an app config names its dev store under [build]', () => {
    const text = ['client_id = "abc"', 'name = "My app"', '', '[build]', 'automatically_update_urls_on_dev = true', "dev_store_url = 'Shop-One.myshopify.com'  # mine"].join('\n');
    assert.deepEqual(projectStores('shopify.app.toml', text), { stores: [{ store: 'shop-one.myshopify.com', where: '[build] dev_store_url' }], refused: [] });
    assert.deepEqual(projectStores('/w/shopify.app.staging.toml', text).stores.map((s) => s.store), ['shop-one.myshopify.com']);
  });

  test('a theme config names one store per environment; its password is not a store', () => {
    const text = [
      '[environments.development]',
      'store = "shop-two"',
      'password = "shptka_0123456789abcdef"',
      '',
      '[environments."production"]',
      'store = "https://shop-one.myshopify.com/admin"',
      'theme = "123"',
      '[environments.copy]',
      'store = "shop-two.myshopify.com"',
    ].join('\r\n');
    const found = projectStores('shopify.theme.toml', text);
    assert.deepEqual(found.stores, [
      { store: 'shop-two.myshopify.com', where: '[environments.development] store' },
      { store: 'shop-one.myshopify.com', where: '[environments.production] store' },
    ]);
    assert.doesNotMatch(JSON.stringify(found), /shptka|123/);
  });

  test('a name that is not a store (another host, a port, a path) is refused, not offered', () => {
    const text = ['[environments.a]', 'store = "evil.example.com"', '[environments.b]', 'store = "shop-one.myshopify.com:8443"', '[environments.c]', 'store = ""'].join('\n');
    assert.deepEqual(projectStores('shopify.theme.toml', text), { stores: [], refused: ['[environments.a] store', '[environments.b] store'] });
  });

  test('keys outside their table, or the other kind of file, are ignored', () => {
    assert.deepEqual(projectStores('shopify.app.toml', 'dev_store_url = "shop-one"\n[environments.a]\nstore = "shop-two"').stores, []);
    assert.deepEqual(projectStores('shopify.theme.toml', '[build]\ndev_store_url = "shop-one"\nstore = "shop-two"').stores, []);
  });
});
