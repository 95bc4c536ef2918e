import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { IdentityClient } from '../../../src/shopify/identity/client';
import { identityEndpoints } from '../../../src/shopify/identity/identityUrl';

describe('the identity server setting', () => {
  test('production and local servers give the two endpoints', () => {
    assert.deepEqual(identityEndpoints('https://accounts.shopify.com'), {
      issuer: 'https://accounts.shopify.com',
      deviceAuthorization: 'https://accounts.shopify.com/oauth/device_authorization',
      token: 'https://accounts.shopify.com/oauth/token',
      loopback: false,
    });
    assert.equal(identityEndpoints('http://127.0.0.1:3000/').token, 'http://127.0.0.1:3000/oauth/token');
    assert.equal(identityEndpoints('http://localhost:3000/base/').deviceAuthorization, 'http://localhost:3000/base/oauth/device_authorization');
    assert.equal(identityEndpoints('http://[::1]:3000').loopback, true);
  });

  for (const [value, why] of [
    ['http://accounts.example.com', /plain http off this machine/],
    ['http://192.168.1.10:3000', /plain http off this machine/],
    ['not a url', /is not a URL/],
    ['', /is not a URL/],
    ['ftp://127.0.0.1', /uses "ftp:"/],
    ['https://user:pw@accounts.shopify.com', /user name or password/],
    ['https://accounts.shopify.com/?x=1', /query or fragment/],
    ['http://127.0.0.1.evil.example:3000', /plain http off this machine/],
  ] as const) {
    test(`refuses ${JSON.stringify(value)} before any token is sent`, () => {
      assert.throws(
        () => new IdentityClient({ identityUrl: value }),
        (e: unknown) => e instanceof ShopifyAuthError && e.code === 'bad-setting' && why.test(e.message) && /shopifyAuth\.identityUrl/.test(e.message),
      );
    });
  }
});
