/**
 * Coalescer edges: a caller that arrives already cancelled, a caller that gives up just as the shared run ends,
 * and what a caller's signal is left holding (one long-lived signal serves many runs; each listener left on it
 * holds a run's promise and, past ten, makes Node warn of a leak in the editor's log).
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import { Coalescer } from '../../../src/shopify/common/coalesce';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';

/** Work that ends when told, and records how often it started and whether it was told to stop. */
function controllable<T>() {
  let finish!: (value: T) => void;
  const state = { starts: 0, stopped: false };
  const work = (signal: AbortSignal): Promise<T> => {
    state.starts++;
    signal.addEventListener('abort', () => (state.stopped = true));
    return new Promise<T>((resolve) => (finish = resolve));
  };
  return { work, state, finish: (v: T) => finish(v) };
}

const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('Coalescer edges', () => {
  it('a caller already cancelled when it joins does not keep the work alive once the others give up', async () => {
    const c = new Coalescer<string>();
    const one = controllable<string>();
    const live = new AbortController();
    const gone = new AbortController();
    gone.abort();
    const waiting = c.run('k', one.work, live.signal);
    await assert.rejects(c.run('k', one.work, gone.signal), (e) => e instanceof ShopifyAuthError && e.code === 'cancelled');
    assert.equal(one.state.stopped, false);
    live.abort();
    await assert.rejects(waiting);
    assert.equal(one.state.stopped, true, 'nobody waits any more, so the work is told to stop');
    assert.equal(c.size, 0);
  });

  it('runs that succeed or fail leave no listener on a signal that serves them all', async () => {
    const c = new Coalescer<number>();
    const life = new AbortController();
    for (let i = 0; i < 15; i++) {
      assert.equal(await c.run('k', async () => i, life.signal), i);
      await assert.rejects(c.run('k', async () => Promise.reject(new Error(`failure ${i}`)), life.signal), /failure/);
    }
    assert.equal(listeners(life.signal), 0);
  });

  it('a caller that gives up is let go of at once, while the others keep the work running', async () => {
    const c = new Coalescer<string>();
    const one = controllable<string>();
    const a = new AbortController();
    const b = new AbortController();
    const first = c.run('k', one.work, a.signal);
    const second = c.run('k', one.work, b.signal);
    a.abort();
    await assert.rejects(first);
    assert.equal(listeners(a.signal), 0);
    assert.equal(one.state.stopped, false);
    one.finish('done');
    assert.equal(await second, 'done');
  });

  it('a caller giving up just as the shared run ends does not drop the run that replaced it', async () => {
    const c = new Coalescer<string>();
    const old = controllable<string>();
    const a = new AbortController();
    const first = c.run('k', old.work, a.signal);
    old.finish('old');
    // The ended run is forgotten a few microtasks before its callers hear of it.
    while (c.size !== 0) await Promise.resolve();
    const fresh = controllable<string>();
    const b = new AbortController();
    const second = c.run('k', fresh.work, b.signal);
    assert.equal(listeners(a.signal), 2, 'the first caller has not heard yet: it still listens, and so does its run');
    a.abort();
    await first.catch(() => undefined); // either outcome is fair for a cancel that raced the answer
    const third = c.run('k', fresh.work);
    assert.equal(fresh.state.starts, 1, 'the third caller joined the fresh run');
    assert.equal(fresh.state.stopped, false);
    fresh.finish('fresh');
    assert.deepEqual(await Promise.all([second, third]), ['fresh', 'fresh']);
  });
});
