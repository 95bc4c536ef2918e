/** One shared run per key, and who may stop it: each caller's cancel ends only its own wait. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abortReason, raceAbort } from '../../../src/shopify/common/abort';
import { Coalescer } from '../../../src/shopify/common/coalesce';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';

/** Work that ends when told, and records whether it was told to stop. */
function controllable<T>() {
  let finish!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const state = { starts: 0, stopped: false, signal: undefined as AbortSignal | undefined };
  const work = (signal: AbortSignal): Promise<T> => {
    state.starts++;
    state.signal = signal;
    signal.addEventListener('abort', () => (state.stopped = true));
    return new Promise<T>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { work, state, finish: (v: T) => finish(v), fail: (e: unknown) => fail(e) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('abortReason and raceAbort', () => {
  it('a cancelled wait ends with the caller’s own ShopifyAuthError, else a cancelled one with the fallback text', () => {
    const own = new ShopifyAuthError('timeout', 'Took too long.');
    const a = new AbortController();
    a.abort(own);
    assert.equal(abortReason(a.signal), own);
    const b = new AbortController();
    b.abort(new Error('not ours'));
    const reason = abortReason(b.signal, 'Sign-in cancelled.');
    assert.equal(reason.code, 'cancelled');
    assert.equal(reason.message, 'Sign-in cancelled.');
    assert.equal(abortReason(b.signal).message, 'Cancelled.');
  });

  it('without a signal it is the work itself', () => {
    const work = Promise.resolve(1);
    assert.equal(raceAbort(work, undefined), work);
  });

  it('an already cancelled signal rejects at once, and the work’s later failure is not left unhandled', async () => {
    const a = new AbortController();
    a.abort();
    const work = Promise.reject(new Error('later'));
    await assert.rejects(raceAbort(work, a.signal, 'Stopped.'), (e) => e instanceof ShopifyAuthError && e.message === 'Stopped.');
    await tick(); // an unhandled rejection would fail this test file
  });

  it('passes the work’s value or error on, and a later cancel changes nothing', async () => {
    const a = new AbortController();
    assert.equal(await raceAbort(Promise.resolve('v'), a.signal), 'v');
    const boom = new Error('boom');
    await assert.rejects(raceAbort(Promise.reject(boom), a.signal), (e) => e === boom);
    a.abort();
  });

  it('a cancel while waiting rejects, whatever the work does later', async () => {
    const a = new AbortController();
    let finish!: (v: string) => void;
    const waiting = raceAbort(new Promise<string>((r) => (finish = r)), a.signal, 'Gave up.');
    a.abort();
    finish('too late');
    await assert.rejects(waiting, (e) => e instanceof ShopifyAuthError && e.code === 'cancelled' && e.message === 'Gave up.');
  });
});

describe('Coalescer', () => {
  it('callers of one key share one run and its result; another key runs on its own', async () => {
    const c = new Coalescer<string>();
    const one = controllable<string>();
    const first = c.run('k', one.work);
    const second = c.run('k', one.work);
    const other = c.run('other', async () => 'other');
    assert.equal(one.state.starts, 1);
    assert.equal(c.size, 2);
    one.finish('shared');
    assert.deepEqual(await Promise.all([first, second, other]), ['shared', 'shared', 'other']);
    assert.equal(c.size, 0, 'finished work is forgotten');
  });

  it('a failed run is forgotten too: the next caller starts afresh', async () => {
    const c = new Coalescer<string>();
    const boom = new Error('boom');
    await assert.rejects(c.run('k', async () => Promise.reject(boom)), (e) => e === boom);
    assert.equal(c.size, 0);
    assert.equal(await c.run('k', async () => 'again'), 'again');
  });

  it('one caller giving up ends only its own wait; the others still get the result and the work is not stopped', async () => {
    const c = new Coalescer<string>();
    const one = controllable<string>();
    const a = new AbortController();
    const b = new AbortController();
    const first = c.run('k', one.work, a.signal);
    const second = c.run('k', one.work, b.signal);
    a.abort();
    await assert.rejects(first, (e) => e instanceof ShopifyAuthError && e.code === 'cancelled');
    assert.equal(one.state.stopped, false);
    one.finish('done');
    assert.equal(await second, 'done');
  });

  it('the work is told to stop when every caller gave up, with the last one’s reason, and the next caller starts afresh', async () => {
    const c = new Coalescer<string>();
    const one = controllable<string>();
    const a = new AbortController();
    const b = new AbortController();
    const first = c.run('k', one.work, a.signal);
    const second = c.run('k', one.work, b.signal);
    a.abort();
    const reason = new ShopifyAuthError('cancelled', 'Window closed.');
    b.abort(reason);
    await assert.rejects(first);
    await assert.rejects(second, (e) => e === reason);
    assert.equal(one.state.stopped, true);
    assert.equal(one.state.signal?.reason, reason);
    assert.equal(c.size, 0, 'abandoned work is not joined');
    const next = controllable<string>();
    const third = c.run('k', next.work);
    assert.equal(next.state.starts, 1);
    next.finish('fresh');
    assert.equal(await third, 'fresh');
    one.finish('stale'); // the abandoned run ending late does not drop the new one
    await tick();
  });

  it('the abandoned run ending late does not forget the run that replaced it', async () => {
    const c = new Coalescer<string>();
    const old = controllable<string>();
    const a = new AbortController();
    const first = c.run('k', old.work, a.signal);
    a.abort();
    await assert.rejects(first);
    const fresh = controllable<string>();
    const second = c.run('k', fresh.work);
    old.finish('stale');
    await tick();
    assert.equal(c.size, 1, 'the fresh run is still shared');
    const third = c.run('k', fresh.work);
    assert.equal(fresh.state.starts, 1, 'joined, not started again');
    fresh.finish('fresh');
    assert.deepEqual(await Promise.all([second, third]), ['fresh', 'fresh']);
  });

  it('a caller without a signal keeps the work alive even when the others give up', async () => {
    const c = new Coalescer<string>();
    const one = controllable<string>();
    const a = new AbortController();
    const patient = c.run('k', one.work);
    const hasty = c.run('k', one.work, a.signal);
    a.abort();
    await assert.rejects(hasty);
    assert.equal(one.state.stopped, false);
    one.finish('kept');
    assert.equal(await patient, 'kept');
  });

  it('a caller already cancelled starts nothing; joining running work it leaves at once', async () => {
    const c = new Coalescer<string>();
    const gone = new AbortController();
    gone.abort();
    const idle = controllable<string>();
    await assert.rejects(c.run('k', idle.work, gone.signal), (e) => e instanceof ShopifyAuthError && e.code === 'cancelled');
    assert.equal(idle.state.starts, 0);
    assert.equal(c.size, 0);

    const one = controllable<string>();
    const live = new AbortController();
    const waiting = c.run('k', one.work, live.signal);
    await assert.rejects(c.run('k', one.work, gone.signal));
    assert.equal(one.state.stopped, false, 'the live caller still waits');
    one.finish('ok');
    assert.equal(await waiting, 'ok');
  });

  it('a caller whose wait ended normally cancelling later does not stop anyone else’s run', async () => {
    const c = new Coalescer<string>();
    const a = new AbortController();
    assert.equal(await c.run('k', async () => 'first', a.signal), 'first');
    const one = controllable<string>();
    const b = new AbortController();
    const second = c.run('k', one.work, b.signal);
    a.abort();
    await tick();
    assert.equal(one.state.stopped, false);
    one.finish('second');
    assert.equal(await second, 'second');
  });
});
