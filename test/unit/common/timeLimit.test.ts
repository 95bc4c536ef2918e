/** A wait bounded in time: what the caller gets when the work is too slow, and what is left behind when it is not. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { mayRetry } from '../../../src/shopify/common/retry';
import { timeLimit } from '../../../src/shopify/common/timeLimit';

/** Timers that keep this process alive: what would hold up the extension host's shutdown. */
const pendingTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('timeLimit', () => {
  test('work too slow ends in a timeout that may be tried again, with the message given', async () => {
    const error = await timeLimit(new Promise<never>(() => {}), 20, 'SecretStorage did not answer.').then(
      () => assert.fail('a wait that never ends resolved'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ShopifyAuthError);
    assert.equal(error.code, 'timeout');
    assert.equal(error.message, 'SecretStorage did not answer.');
    // A slow answer is no verdict: the retry rules must see it as worth another try.
    assert.equal(error.transient, true);
    assert.equal(mayRetry(error, 'idempotent'), true);
  });

  test('work done in time leaves no timer behind to keep the process alive', async () => {
    const before = pendingTimers();
    assert.equal(await timeLimit(Promise.resolve('kept'), 60_000, 'no answer'), 'kept');
    await assert.rejects(timeLimit(Promise.reject(new Error('refused')), 60_000, 'no answer'), /refused/);
    assert.equal(pendingTimers(), before);
  });
});
