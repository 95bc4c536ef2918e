/** What a ShopifyAuthError carries to the caller (retry hints, cause) and how one is found inside another library's error. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findShopifyError, isShopifyError, ShopifyAuthError } from '../../../src/shopify/common/errors';

describe('ShopifyAuthError', () => {
  it('is neither transient nor unsent unless told, with no wait and no cause', () => {
    const e = new ShopifyAuthError('server', 'Shopify answered 500.');
    assert.equal(e.name, 'ShopifyAuthError');
    assert.equal(e.message, 'Shopify answered 500.');
    assert.equal(e.code, 'server');
    assert.equal(e.transient, false);
    assert.equal(e.neverSent, false);
    assert.equal(e.retryAfterMs, undefined);
    assert.ok(!('cause' in e), 'no cause member when none was given');
    assert.ok(e instanceof Error);
  });

  it('keeps the details it is given', () => {
    const cause = new Error('ECONNREFUSED');
    const e = new ShopifyAuthError('network', 'No connection.', { transient: true, neverSent: true, retryAfterMs: 3000, cause });
    assert.equal(e.transient, true);
    assert.equal(e.neverSent, true);
    assert.equal(e.retryAfterMs, 3000);
    assert.equal(e.cause, cause);
  });
});

describe('isShopifyError', () => {
  it('tells ours from others, and by code when one is given', () => {
    const e = new ShopifyAuthError('timeout', 'Timed out.');
    assert.equal(isShopifyError(e), true);
    assert.equal(isShopifyError(e, 'timeout'), true);
    assert.equal(isShopifyError(e, 'network'), false);
    assert.equal(isShopifyError(new Error('Timed out.')), false);
    assert.equal(isShopifyError(new Error('x'), 'timeout'), false);
    assert.equal(isShopifyError({ code: 'timeout', message: 'x' }, 'timeout'), false);
  });
});

describe('findShopifyError', () => {
  const wrap = (inner: unknown, times: number): unknown => {
    let e = inner;
    for (let i = 0; i < times; i++) e = new Error(`wrapper ${i}`, { cause: e });
    return e;
  };

  it('finds ours itself or up to five wrappers down', () => {
    const ours = new ShopifyAuthError('tls', 'Certificate refused.');
    assert.equal(findShopifyError(ours), ours);
    assert.equal(findShopifyError(wrap(ours, 1)), ours);
    assert.equal(findShopifyError(wrap(ours, 5)), ours);
  });

  it('gives up past five wrappers, at a cause that is no Error, and when there is none', () => {
    const ours = new ShopifyAuthError('tls', 'Certificate refused.');
    assert.equal(findShopifyError(wrap(ours, 6)), undefined);
    assert.equal(findShopifyError(new Error('x', { cause: { cause: ours } })), undefined);
    assert.equal(findShopifyError(wrap(new Error('plain'), 2)), undefined);
    assert.equal(findShopifyError('text'), undefined);
    assert.equal(findShopifyError(undefined), undefined);
  });
});
