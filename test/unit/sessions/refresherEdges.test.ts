import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { IdentityClient, type IdentityTokens } from '../../../src/shopify/identity/client';
import { SessionManager } from '../../../src/shopify/sessions/manager';
import { identityRecord } from '../../../src/shopify/sessions/refresher';
import { parseState, type StoredAccount } from '../../../src/shopify/storage/state';
import { StateStore } from '../../../src/shopify/storage/stateStore';
import type { IdentityServer } from '../../identity-server/types';
import { alice, bob } from '../../identity-server/users';
import { approvingUi, identityServer, MemorySlot, resetServer, window } from '../support/fixture';

/** Past every identity token's lifetime: a window on this clock refreshes before it mints. */
const later = () => Date.now() + 7200 * 1000;
/** How long a window that lost a refresh race waits for the winner's write (refresher.ts). */
const GRACE_MS = 1500;

const answer: IdentityTokens = {
  accessToken: 'access-new',
  refreshToken: 'refresh-new',
  expiresAt: 5000,
  scopes: ['openid'],
  userId: 'user-1',
};

function stored(slot: MemorySlot, id: string): StoredAccount | undefined {
  return parseState(slot.value).state.accounts.find((a) => a.id === id);
}

/**
 * A window whose identity client calls `onRefused` the moment a refresh is refused (HTTP 400 from the token
 * endpoint), before the refusal reaches the refresher: there the test makes another window's write land.
 */
function racingWindow(server: IdentityServer, slot: MemorySlot, onRefused: () => void): { manager: SessionManager; logs: string[] } {
  const logs: string[] = [];
  const log = { debug: (m: string) => logs.push(`debug ${m}`), info: (m: string) => logs.push(`info ${m}`), warn: (m: string) => logs.push(`warn ${m}`) };
  const identity = new IdentityClient({
    identityUrl: server.url,
    requestTimeoutMs: 5000,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      if (response.status === 400 && String(init.body).includes('grant_type=refresh_token')) onRefused();
      return response;
    },
  });
  const manager = new SessionManager({ client: () => identity, store: new StateStore(slot, (m) => logs.push(`warn ${m}`)), log, now: later });
  return { manager, logs };
}

describe('the refresher: what a refresh stores, says, and how a lost race with another window ends', () => {
  test('a refresh answer with a new id_token stores the new one', () => {
    assert.equal(identityRecord({ ...answer, idToken: 'id-new' }, 1000, 'id-old').idToken, 'id-new');
  });

  test('a refresh answer without an id_token keeps the one stored before', () => {
    const record = identityRecord(answer, 1000, 'id-old');
    assert.equal(record.idToken, 'id-old');
    assert.deepEqual(record, { accessToken: 'access-new', refreshToken: 'refresh-new', expiresAt: 5000, obtainedAt: 1000, scopes: ['openid'], idToken: 'id-old' });
  });

  describe('over the local identity server', () => {
    let server: IdentityServer;
    before(async () => (server = await identityServer()));
    after(() => server.close());
    beforeEach(() => resetServer(server));

    test('refreshing one account leaves another account\'s session as it was', async () => {
      const slot = new MemorySlot();
      const first = window(server, slot).manager;
      await first.signIn(approvingUi(server, 'alice'));
      await first.signIn(approvingUi(server, 'bob'));
      const bobBefore = stored(slot, bob.sub);
      const second = window(server, slot, {}, later).manager;
      const [session] = await second.getSessions(second.resolve(['partners']), { accountId: alice.sub });
      assert.equal(session?.account.id, alice.sub);
      assert.equal((await server.control.counts()).refresh, 1);
      assert.deepEqual(stored(slot, bob.sub), bobBefore);
      assert.notEqual(stored(slot, alice.sub)?.identity.accessToken, stored(slot, bob.sub)?.identity.accessToken);
    });

    test('an email first told in a refresh answer becomes the account\'s label, and the refresh is logged without the token', async () => {
      await server.control.configure({ idToken: 'no-email' });
      const slot = new MemorySlot();
      const first = window(server, slot).manager;
      await first.signIn(approvingUi(server));
      assert.equal(stored(slot, alice.sub)?.email, undefined);
      await server.control.configure({ idToken: 'valid' });
      const { manager, logs } = window(server, slot, {}, later);
      const [session] = await manager.getSessions(manager.resolve(['partners']));
      assert.equal(session?.account.label, alice.email);
      assert.equal(stored(slot, alice.sub)?.email, alice.email);
      const line = logs.find((l) => l.startsWith('info Session of '));
      assert.match(line ?? logs.join('\n'), /^info Session of alice@example\.com refreshed \(.+ is the new refresh token\)$/);
      const refreshToken = stored(slot, alice.sub)?.identity.refreshToken ?? '';
      assert.ok(refreshToken !== '' && !logs.join('\n').includes(refreshToken), 'the refresh token was logged');
    });

    test('a refresh the server asks to slow down is tried again, and the wait is logged', async () => {
      const slot = new MemorySlot();
      await window(server, slot).manager.signIn(approvingUi(server));
      await server.control.addFaults([{ on: 'refresh', status: 429 }]);
      const { manager, logs } = window(server, slot, {}, later);
      const [session] = await manager.getSessions(manager.resolve(['partners']));
      assert.equal(session?.account.id, alice.sub);
      const warned = logs.filter((l) => l.startsWith('warn Session refresh failed'));
      assert.equal(warned.length, 1, logs.join('\n'));
      assert.match(warned[0] ?? '', /^warn Session refresh failed \(rate-limited\); trying again in \d+ ms$/);
    });

    /** Alice signed in on `slot`; another window (over a copy) has refreshed since: the stored refresh token is dead. Returns that window's state. */
    async function refreshedElsewhere(slot: MemorySlot): Promise<string> {
      await window(server, slot).manager.signIn(approvingUi(server));
      const copy = new MemorySlot();
      copy.value = slot.value;
      const winner = window(server, copy, {}, later).manager;
      await winner.getSessions(winner.resolve(['partners']));
      assert.notEqual(stored(copy, alice.sub)?.identity.refreshToken, stored(slot, alice.sub)?.identity.refreshToken);
      return copy.value ?? '';
    }

    test('a lost refresh race whose winner wrote a moment later is won back after the grace wait, without a sign-in', async () => {
      const slot = new MemorySlot();
      const winnerState = await refreshedElsewhere(slot);
      const { manager } = racingWindow(server, slot, () => setTimeout(() => (slot.value = winnerState), 300));
      const [session] = await manager.getSessions(manager.resolve(['partners']));
      assert.equal(session?.account.id, alice.sub);
      assert.equal(manager.accounts.length, 1);
    });

    test('a lost refresh race whose winner has already written is settled at once, not after the grace wait', async () => {
      const slot = new MemorySlot();
      const winnerState = await refreshedElsewhere(slot);
      const { manager } = racingWindow(server, slot, () => (slot.value = winnerState));
      const started = Date.now();
      const [session] = await manager.getSessions(manager.resolve(['partners']));
      assert.ok(Date.now() - started < GRACE_MS, `took ${Date.now() - started} ms`);
      assert.equal(session?.account.id, alice.sub);
    });

    test('an account signed out in another window while its refresh was refused is given up at once', async () => {
      const slot = new MemorySlot();
      await refreshedElsewhere(slot);
      const signedOut = JSON.stringify({ ...(JSON.parse(slot.value ?? '{}') as object), accounts: [] });
      const { manager } = racingWindow(server, slot, () => (slot.value = signedOut));
      const started = Date.now();
      assert.deepEqual(await manager.getSessions(manager.resolve(['partners'])), []);
      assert.ok(Date.now() - started < GRACE_MS, `took ${Date.now() - started} ms`);
    });
  });
});
