// The identity URL setting at its edges: each of user name, password, query and fragment alone is refused,
// and harmless variations of a good URL give the same endpoints.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { identityEndpoints } from '../../../src/shopify/identity/identityUrl';

/** Refused with a bad-setting error that quotes the setting as `shown` (credentials masked, never repeated). */
function refused(value: string, why: RegExp, shown = value): void {
  assert.throws(
    () => identityEndpoints(value),
    (e: unknown) => e instanceof ShopifyAuthError && e.code === 'bad-setting' && why.test(e.message) && e.message.includes(`("${shown}")`),
  );
}

describe('the identity URL setting, one flaw at a time', () => {
  test('a user name alone, or a password alone, is refused', () => {
    refused('https://user@accounts.shopify.com', /user name or password/, 'https://***:***@accounts.shopify.com');
    refused('https://:secret@accounts.shopify.com', /user name or password/, 'https://***:***@accounts.shopify.com');
  });

  test('a setting that is not a URL still never shows its password (a stray character before the scheme)', () => {
    for (const stray of ['1', '-', '.', '+']) {
      refused(`${stray}https://me:s3cr3t@accounts.shopify.com`, /is not a URL/, `${stray}https://***:***@accounts.shopify.com`);
    }
  });

  test('a fragment alone is refused', () => {
    refused('https://accounts.shopify.com/#top', /query or fragment/);
  });

  test('https off this machine is fine; plain http names the risk; other schemes are named', () => {
    assert.equal(identityEndpoints('https://accounts.example.com').loopback, false);
    refused('http://accounts.example.com', /plain http off this machine, which would expose tokens/);
    refused('ws://127.0.0.1:3000', /uses "ws:"/);
  });

  test('spaces around the value and trailing slashes do not change the endpoints', () => {
    const plain = identityEndpoints('http://127.0.0.1:3000/base');
    assert.deepEqual(identityEndpoints('  http://127.0.0.1:3000/base//  '), plain);
    assert.equal(plain.issuer, 'http://127.0.0.1:3000/base');
    assert.equal(plain.loopback, true);
    assert.equal(identityEndpoints('http://localhost:3000').loopback, true);
  });
});
