/** Names listed inside a sentence ("admin and partners"), as the scope errors quote them. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { andList } from '../../../src/shopify/common/lists';

describe('andList', () => {
  test('joins any number of names, and an empty list is empty text rather than an error', () => {
    assert.equal(andList([]), '');
    assert.equal(andList(['admin']), 'admin');
    assert.equal(andList(['admin', 'partners', 'storefront']), 'admin and partners and storefront');
  });
});
