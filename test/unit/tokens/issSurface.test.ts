/**
 * issSurface, the allocation-free question family recognition asks, answers as readIss's path would; readIss and
 * readDest, which cut by position after one test, read hosts and paths as the capturing expressions did.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issSurface, readDest, readIss } from '../../../src/shopify/tokens/shop';

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

const DESTS = [...SAMPLES, 'https://my-store.myshopify.com/', 'https://', 'https:///', 'https://x//', 'my-store.myshopify.com', 'https://My-Store.myshopify.com', 'http://my-store.myshopify.com'];

describe('readIss and readDest', () => {
  for (const text of DESTS) {
    it(`read ${JSON.stringify(text)} as the capturing expressions did`, () => {
      const iss = /^https:\/\/([^/?#]*)(\/[^?#]*)?$/.exec(text);
      const issReading = readIss(text);
      assert.deepEqual(issReading.ok ? [issReading.host, issReading.path] : null, iss ? [iss[1] ?? '', iss[2] ?? ''] : null);
      const origin = /^https:\/\/([^/?#]*)\/?$/.exec(text);
      const destReading = readDest(text);
      if (destReading.ok) assert.equal(destReading.host, origin ? origin[1] : text);
      if (destReading.ok) assert.equal(destReading.form, origin ? 'origin' : 'bare');
    });
  }
});
