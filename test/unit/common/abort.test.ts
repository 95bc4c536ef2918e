/**
 * raceAbort lets go of the caller's signal: one long-lived signal (a window's, say) serves many waits, and each
 * listener left on it holds its wait's promise and, past ten, makes Node warn of a leak in the editor's log.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import { raceAbort } from '../../../src/shopify/common/abort';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';

const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('raceAbort and the caller’s signal', () => {
  it('waits that end with a value leave no listener on the signal, however many share it', async () => {
    const life = new AbortController();
    for (let i = 0; i < 15; i++) assert.equal(await raceAbort(Promise.resolve(i), life.signal), i);
    assert.equal(listeners(life.signal), 0);
  });

  it('waits that end with an error leave no listener on the signal either', async () => {
    const life = new AbortController();
    for (let i = 0; i < 15; i++) await assert.rejects(raceAbort(Promise.reject(new Error(`failure ${i}`)), life.signal), /failure/);
    assert.equal(listeners(life.signal), 0);
  });

  it('a cancelled wait lets go of the signal at once, while the work it stopped waiting for runs on', async () => {
    const a = new AbortController();
    let finish!: (v: string) => void;
    const waiting = raceAbort(new Promise<string>((r) => (finish = r)), a.signal, 'Gave up.');
    assert.equal(listeners(a.signal), 1, 'listening while it waits');
    a.abort();
    await assert.rejects(waiting, (e) => e instanceof ShopifyAuthError && e.message === 'Gave up.');
    assert.equal(listeners(a.signal), 0);
    finish('late');
  });
});
