// One caller's Cancel ends that caller's wait only: work other callers share goes on, and a refresh is
// never cut short (the server may already have rotated the refresh token).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { parseState } from '../../../src/shopify/storage/state';
import type { IdentityServer } from '../../identity-server/types';
import { alice } from '../../identity-server/users';
import { approvingUi, identityServer, MemorySlot, resetServer, watchingUi, window } from '../support/fixture';

const LATE = () => Date.now() + 7200 * 1000;

function cancelAfter(ms: number, message: string): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new ShopifyAuthError('cancelled', message)), ms);
  return controller.signal;
}

const cancelledWith = (message: string) => (e: unknown) => e instanceof ShopifyAuthError && e.code === 'cancelled' && e.message === message;

describe('cancel ends one wait, not work that others share', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(() => resetServer(server));

  async function signedIn(slot: MemorySlot) {
    const w = window(server, slot);
    await w.manager.getOrCreate(w.manager.resolve(['partners']), approvingUi(server));
    return w;
  }

  test('a caller who cancels a token request does not fail another caller waiting on the same request', async () => {
    const { manager } = await signedIn(new MemorySlot());
    await server.control.addFaults([{ on: 'exchange', latencyMs: 600 }]);
    const request = manager.resolve(['storefront']);
    const copying = manager.getSessions(request, { signal: cancelAfter(100, 'Cancelled: no token was copied.') });
    const other = manager.getSessions(request);
    const started = Date.now();
    await assert.rejects(copying, cancelledWith('Cancelled: no token was copied.'));
    assert.ok(Date.now() - started < 400, 'the cancelled caller stopped waiting at once');
    const [session] = await other;
    assert.equal(session?.kind, 'storefront-renderer', 'the other caller still got its token');
    assert.equal((await server.control.counts()).exchange['storefront-renderer'], 1, 'one exchange served both');
  });

  test('when every caller cancels, the shared token request stops too', async () => {
    const { manager } = await signedIn(new MemorySlot());
    await server.control.addFaults([{ on: 'exchange', hang: true }]);
    const request = manager.resolve(['storefront']);
    const first = manager.getSessions(request, { signal: cancelAfter(100, 'first gave up') });
    const second = manager.getSessions(request, { signal: cancelAfter(200, 'second gave up') });
    await assert.rejects(first, cancelledWith('first gave up'));
    await assert.rejects(second, cancelledWith('second gave up'));
    // The hung request was abandoned, so a new caller starts a new one that the server answers.
    const [session] = await manager.getSessions(request);
    assert.equal(session?.kind, 'storefront-renderer');
    assert.equal((await server.control.counts()).exchange['storefront-renderer'], 2);
  });

  test('a refresh is not cut short by a cancel: the rotated refresh token is stored and the account stays', async () => {
    const slot = new MemorySlot();
    await signedIn(slot);
    const before = parseState(slot.value).state.accounts[0]?.identity.refreshToken;
    await server.control.addFaults([{ on: 'refresh', latencyMs: 600 }]);
    const late = window(server, slot, {}, LATE);
    await assert.rejects(late.manager.getSessions(late.manager.resolve(['partners']), { accountId: alice.sub, signal: cancelAfter(100, 'gave up') }), cancelledWith('gave up'));
    // The refresh goes on in the background and stores what the server rotated.
    for (let i = 0; i < 50 && parseState(slot.value).state.accounts[0]?.identity.refreshToken === before; i++) await new Promise((r) => setTimeout(r, 50));
    assert.notEqual(parseState(slot.value).state.accounts[0]?.identity.refreshToken, before, 'the rotated refresh token was stored');
    const [session] = await late.manager.getSessions(late.manager.resolve(['partners']), { accountId: alice.sub });
    assert.ok(session, 'still signed in');
    assert.equal((await server.control.counts()).rejected, 0, 'the server never saw a dead refresh token');
  });

  test('asking again right after a cancelled refresh joins the refresh under way instead of spending the old refresh token twice', async () => {
    const slot = new MemorySlot();
    await signedIn(slot);
    await server.control.addFaults([{ on: 'refresh', latencyMs: 600 }]);
    const late = window(server, slot, {}, LATE);
    const request = late.manager.resolve(['partners']);
    await assert.rejects(late.manager.getSessions(request, { accountId: alice.sub, signal: cancelAfter(100, 'gave up') }), cancelledWith('gave up'));
    const [session] = await late.manager.getSessions(request, { accountId: alice.sub });
    assert.ok(session, 'the second ask got a session');
    const counts = await server.control.counts();
    assert.equal(counts.refresh, 1, 'one refresh served both asks');
    assert.equal(counts.rejected, 0, 'the server never saw a refresh token twice');
  });

  test('a caller who has already cancelled starts no refresh and no exchange', async () => {
    const slot = new MemorySlot();
    await signedIn(slot);
    const stored = slot.value;
    const gone = () => AbortSignal.abort(new ShopifyAuthError('cancelled', 'already gone'));
    const late = window(server, slot, {}, LATE);
    await assert.rejects(late.manager.getSessions(late.manager.resolve(['partners']), { accountId: alice.sub, signal: gone() }), cancelledWith('already gone'));
    const { manager } = window(server, slot);
    await assert.rejects(manager.getSessions(manager.resolve(['storefront']), { accountId: alice.sub, signal: gone() }), cancelledWith('already gone'));
    await new Promise((r) => setTimeout(r, 500)); // anything started in the background would have reached the server by now
    const counts = await server.control.counts();
    assert.equal(counts.refresh, 0, 'no refresh');
    assert.equal(counts.exchange['storefront-renderer'] ?? 0, 0, 'no exchange');
    assert.equal(slot.value, stored);
  });

  test('someone who joins a sign-in under way can cancel their own wait; the sign-in goes on for the one who started it', { timeout: 15_000 }, async () => {
    const { manager } = window(server, new MemorySlot());
    const starter = watchingUi();
    const started = manager.signIn(starter);
    const device = await starter.codeShown;
    const joiner = watchingUi(cancelAfter(100, 'joiner gave up'));
    const t0 = Date.now();
    await assert.rejects(manager.signIn(joiner), cancelledWith('joiner gave up'));
    assert.ok(Date.now() - t0 < 1000, 'the joiner stopped waiting at once, not when the code expired');
    await server.control.approve(device.userCode);
    const account = await started;
    assert.equal(account.id, alice.sub);
  });
});
