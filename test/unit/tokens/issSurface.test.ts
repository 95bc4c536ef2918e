/** issSurface, the allocation-free question family recognition asks, answers as readIss's path would. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issSurface, readIss } from '../../../src/shopify/tokens/shop';

const SAMPLES = [
  'https://my-store.myshopify.com/admin',
  'https://my-store.myshopify.com/checkouts',
  'https://my-store.myshopify.com/admin/',
  'https://my-store.myshopify.com/x/admin',
  'https://my-store.myshopify.com/checkouts?x',
  'https://my-store.myshopify.com#/admin',
  'https://my-store.myshopify.com?/admin',
  'https://my-store.myshopify.com',
  'https:///admin',
  'https:///checkouts',
  'http://my-store.myshopify.com/admin',
  'HTTPS://my-store.myshopify.com/admin',
  'https://a/admin/checkouts',
  'https://a/checkouts/admin',
  'https://admin',
  '/admin',
  '',
];

describe('issSurface', () => {
  for (const iss of SAMPLES) {
    it(`reads ${JSON.stringify(iss)} as readIss does`, () => {
      const reading = readIss(iss);
      const expected = reading.ok && (reading.path === '/admin' || reading.path === '/checkouts') ? reading.path : undefined;
      assert.equal(issSurface(iss), expected);
    });
  }
});
