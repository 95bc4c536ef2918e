/**
 * withRetries and the caller's signal: waits between tries let go of it, whether they run out or are cancelled
 * (one long-lived signal serves many requests; each listener left on it holds a wait and, past ten, makes Node
 * warn of a leak in the editor's log).
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { withRetries, type RetryPolicy } from '../../../src/shopify/common/retry';

const quick: RetryPolicy = { attempts: 2, baseDelayMs: 1, maxWaitMs: 1000 };
const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;
const flaky = () => {
  let calls = 0;
  return async () => {
    if (++calls === 1) throw new ShopifyAuthError('network', 'Connection reset.', { transient: true });
    return calls;
  };
};

describe('withRetries and the caller’s signal', () => {
  it('requests that waited between tries leave no listener on a signal that serves them all', async () => {
    const life = new AbortController();
    for (let i = 0; i < 12; i++) assert.equal(await withRetries(flaky(), 'idempotent', { policy: quick, signal: life.signal }), 2);
    assert.equal(listeners(life.signal), 0);
  });

  it('a wait cancelled between tries ends the request as cancelled and lets go of the signal', async () => {
    const a = new AbortController();
    let calls = 0;
    const request = withRetries(
      async () => {
        calls++;
        throw new ShopifyAuthError('network', 'Connection reset.', { transient: true });
      },
      'idempotent',
      { policy: { attempts: 3, baseDelayMs: 5_000, maxWaitMs: 60_000 }, signal: a.signal, onRetry: () => setTimeout(() => a.abort(), 10) },
    );
    await assert.rejects(request, (e) => e instanceof ShopifyAuthError && e.code === 'cancelled' && e.message === 'Cancelled.');
    assert.equal(calls, 1);
    assert.equal(listeners(a.signal), 0);
  });
});
