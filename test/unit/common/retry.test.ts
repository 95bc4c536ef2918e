/** When a failed request is sent again, how long it waits first, and when it gives up: without a server, so each rule is pinned where it lives. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { DEFAULT_RETRY, mayRetry, withRetries, type RetryPolicy } from '../../../src/shopify/common/retry';

const transient = (code: ShopifyAuthError['code'] = 'server', details: { neverSent?: boolean; retryAfterMs?: number } = {}) =>
  new ShopifyAuthError(code, `${code} failure.`, { transient: true, ...details });

describe('mayRetry', () => {
  it('never retries what is not ours or not transient', () => {
    assert.equal(mayRetry(new Error('boom'), 'idempotent'), false);
    assert.equal(mayRetry(new ShopifyAuthError('server', 'x'), 'idempotent'), false);
    assert.equal(mayRetry(new ShopifyAuthError('network', 'x', { neverSent: true }), 'once'), false);
  });

  it('retries any transient failure of an idempotent request', () => {
    assert.equal(mayRetry(transient('network'), 'idempotent'), true);
    assert.equal(mayRetry(transient('timeout'), 'idempotent'), true);
  });

  it('retries a request that may rotate a token only when the server surely did nothing', () => {
    assert.equal(mayRetry(transient('network', { neverSent: true }), 'once'), true, 'never sent');
    assert.equal(mayRetry(transient('rate-limited'), 'once'), true, 'refused for the rate');
    assert.equal(mayRetry(transient('server', { retryAfterMs: 1000 }), 'once'), true, 'a server error that asked us to come back');
    assert.equal(mayRetry(transient('server'), 'once'), false, 'a server error without Retry-After may have done the work');
    assert.equal(mayRetry(transient('network'), 'once'), false, 'sent, then the connection broke');
    assert.equal(mayRetry(transient('timeout', { retryAfterMs: 1000 }), 'once'), false, 'Retry-After counts only on a server error');
  });
});

describe('withRetries', () => {
  const quick: RetryPolicy = { attempts: 3, baseDelayMs: 20, maxWaitMs: 1000 };

  it('the default tries three times, from 400 ms, and waits at most 10 s for a server', () => {
    assert.deepEqual(DEFAULT_RETRY, { attempts: 3, baseDelayMs: 400, maxWaitMs: 10_000 });
  });

  it('answers with the first success, after as many tries as the policy allows', async () => {
    let calls = 0;
    const delays: number[] = [];
    const value = await withRetries(
      async () => {
        calls++;
        if (calls < 3) throw transient('network');
        return 'ok';
      },
      'idempotent',
      { policy: quick, onRetry: (_e, delay) => delays.push(delay) },
    );
    assert.equal(value, 'ok');
    assert.equal(calls, 3);
    // Exponential with ±25% jitter: about 20 ms, then about 40 ms.
    assert.equal(delays.length, 2);
    assert.ok(delays[0]! >= 15 && delays[0]! <= 25, `first wait ${delays[0]}`);
    assert.ok(delays[1]! >= 30 && delays[1]! <= 50, `second wait ${delays[1]}`);
  });

  it('spreads retries: the first wait varies from one request to the next, within a quarter of the base', async () => {
    const firstWaits = new Set<number>();
    for (let i = 0; i < 8; i++) {
      let calls = 0;
      await withRetries(
        async () => {
          if (++calls === 1) throw transient('network');
          return 'ok';
        },
        'idempotent',
        { policy: { ...quick, baseDelayMs: 4 }, onRetry: (_e, delay) => firstWaits.add(delay) },
      );
    }
    assert.ok(firstWaits.size > 1, 'eight requests that failed alike all waited exactly as long: no jitter');
    for (const wait of firstWaits) assert.ok(wait >= 3 && wait <= 5, `wait ${wait}`);
  });

  it('gives up after the last try with that try’s error', async () => {
    let calls = 0;
    const last = transient('server');
    await assert.rejects(
      withRetries(async () => {
        calls++;
        throw calls === 3 ? last : transient('network');
      }, 'idempotent', { policy: quick }),
      (error) => error === last,
    );
    assert.equal(calls, 3);
  });

  it('does not try again after a failure that may not be retried', async () => {
    let calls = 0;
    const refusal = new ShopifyAuthError('access-denied', 'Denied.');
    await assert.rejects(
      withRetries(async () => {
        calls++;
        throw refusal;
      }, 'idempotent', { policy: quick }),
      (error) => error === refusal,
    );
    assert.equal(calls, 1);
  });

  it('waits as long as the server asks when that is longer than the backoff', async () => {
    const delays: number[] = [];
    let calls = 0;
    const started = Date.now();
    await withRetries(
      async () => {
        if (++calls === 1) throw transient('rate-limited', { retryAfterMs: 150 });
        return 'ok';
      },
      'once',
      { policy: quick, onRetry: (_e, delay) => delays.push(delay) },
    );
    assert.deepEqual(delays, [150]);
    assert.ok(Date.now() - started >= 140, 'the wait really happened');
  });

  it('does not wait longer than the policy allows: the error is given back at once', async () => {
    let calls = 0;
    const slow = transient('rate-limited', { retryAfterMs: 5_000 });
    const started = Date.now();
    await assert.rejects(
      withRetries(async () => {
        calls++;
        throw slow;
      }, 'idempotent', { policy: quick }),
      (error) => error === slow,
    );
    assert.equal(calls, 1);
    assert.ok(Date.now() - started < 1_000);
    // Exactly at the limit it still waits.
    calls = 0;
    await withRetries(
      async () => {
        if (++calls === 1) throw transient('rate-limited', { retryAfterMs: 100 });
        return 'ok';
      },
      'idempotent',
      { policy: { ...quick, maxWaitMs: 100 } },
    );
    assert.equal(calls, 2);
  });

  it('a single-attempt policy never retries', async () => {
    let calls = 0;
    await assert.rejects(
      withRetries(async () => {
        calls++;
        throw transient('network');
      }, 'idempotent', { policy: { ...quick, attempts: 1 } }),
    );
    assert.equal(calls, 1);
  });

  it('stops when cancelled: before a retry, and during the wait, with a cancelled error', async () => {
    const early = new AbortController();
    early.abort();
    let calls = 0;
    const first = transient('network');
    await assert.rejects(
      withRetries(async () => {
        calls++;
        throw first;
      }, 'idempotent', { policy: quick, signal: early.signal }),
      (error) => error === first,
    );
    assert.equal(calls, 1, 'no retry once cancelled');

    const during = new AbortController();
    calls = 0;
    const started = Date.now();
    const run = withRetries(
      async () => {
        calls++;
        throw transient('rate-limited', { retryAfterMs: 800 });
      },
      'idempotent',
      { policy: quick, signal: during.signal, onRetry: () => setTimeout(() => during.abort(), 20) },
    );
    await assert.rejects(run, (error) => error instanceof ShopifyAuthError && error.code === 'cancelled' && error.message === 'Cancelled.');
    assert.equal(calls, 1);
    assert.ok(Date.now() - started < 700, 'the wait ended when cancelled');
  });
});
