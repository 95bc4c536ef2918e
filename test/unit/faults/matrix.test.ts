import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { IdentityClient } from '../../../src/shopify/identity/client';
import { SessionManager } from '../../../src/shopify/sessions/manager';
import { parseState } from '../../../src/shopify/storage/state';
import { StateStore } from '../../../src/shopify/storage/stateStore';
import type { Counts, Fault, IdentityServer } from '../../identity-server/types';
import { alice, bob } from '../../identity-server/users';
import { approvingUi, identityServer, MemorySlot, watchingUi, window } from '../support/fixture';
import { BOUND, expectError, signInTwoAccounts, twoAccountsStored } from './support';

const LATE = () => Date.now() + 7200 * 1000;

describe('fault matrix: each fault ends with its message, within a bound, with nothing stored lost', () => {
  let server: IdentityServer;
  let slot: MemorySlot;
  let storedBefore: string | undefined;
  let base: Counts;

  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(async () => ({ slot, stored: storedBefore, base } = await twoAccountsStored(server)));

  const counted = async () => {
    const now = await server.control.counts();
    return { exchanges: now.exchange.total - base.exchange.total, refreshes: now.refresh - base.refresh };
  };

  const unchanged = () => assert.equal(slot.value, storedBefore, 'stored sessions changed');
  const accountsKept = () =>
    assert.deepEqual(parseState(slot.value).state.accounts.map((a) => a.id).sort(), [alice.sub, bob.sub].sort(), 'an account was lost');

  /** A Storefront token for alice (needs one exchange) with a fault on the way. */
  async function exchangeWith(faults: Fault[], timeoutMs = 3000) {
    await server.control.addFaults(faults);
    const logs: string[] = [];
    const identity = new IdentityClient({ identityUrl: server.url, requestTimeoutMs: timeoutMs });
    const manager = new SessionManager({ client: () => identity, store: new StateStore(slot, (m) => logs.push(m)), log: { debug: () => {}, info: () => {}, warn: (m) => logs.push(m) } });
    return manager.getSessions(manager.resolve(['storefront']));
  }

  test('identity server down (connection refused)', BOUND, async () => {
    // The same server that issued the tokens goes away (tokens are only ever sent to their issuer).
    const gone = await identityServer();
    slot = new MemorySlot();
    await signInTwoAccounts(window(gone, slot).manager, gone);
    storedBefore = slot.value;
    await gone.close();
    const identity = new IdentityClient({ identityUrl: gone.url, requestTimeoutMs: 2000 });
    const manager = new SessionManager({ client: () => identity, store: new StateStore(slot, () => {}), log: { debug: () => {}, info: () => {}, warn: () => {} } });
    await assert.rejects(manager.getSessions(manager.resolve(['storefront'])), expectError('network', /Could not reach.*ECONNREFUSED.*connection/));
    unchanged();
  });

  test('a dropped connection, every time', BOUND, async () => {
    await assert.rejects(exchangeWith([{ on: 'exchange', drop: 'before', times: -1 }]), expectError('network', /Could not reach/));
    assert.equal((await counted()).exchanges, 3, 'an exchange is safe to retry: three tries, then stop');
    unchanged();
  });

  test('a dropped connection once is retried and succeeds', BOUND, async () => {
    const [session] = await exchangeWith([{ on: 'exchange', drop: 'before' }]);
    assert.equal(session?.kind, 'storefront-renderer');
    accountsKept();
  });

  test('a reply that never comes', BOUND, async () => {
    await assert.rejects(exchangeWith([{ on: 'exchange', hang: true, times: -1 }], 500), expectError('timeout', /did not answer in time/));
    unchanged();
  });

  for (const status of [500, 502, 503]) {
    for (const body of ['html', undefined] as const) {
      test(`HTTP ${status} with ${body ? 'a web page' : 'an OAuth error body'}`, BOUND, async () => {
        await assert.rejects(exchangeWith([{ on: 'exchange', status, ...(body ? { body } : {}), times: -1 }]), expectError('server', new RegExp(`HTTP ${status}.*Try again`)));
        assert.equal((await counted()).exchanges, 3);
        unchanged();
      });
    }
  }

  test('429 with a short Retry-After is waited out', BOUND, async () => {
    const started = Date.now();
    const [session] = await exchangeWith([{ on: 'exchange', status: 429, headers: { 'Retry-After': '1' } }]);
    assert.ok(session);
    assert.ok(Date.now() - started >= 1000, 'did not wait as asked');
  });

  test('429 with a long Retry-After is reported, not waited for', BOUND, async () => {
    await assert.rejects(exchangeWith([{ on: 'exchange', status: 429, headers: { 'Retry-After': '120' }, times: -1 }]), expectError('rate-limited', /wait 120 s/));
    assert.equal((await counted()).exchanges, 1);
    unchanged();
  });

  for (const [body, code, message] of [
    ['html', 'bad-response', /web page|text\/html/],
    ['empty', 'bad-response', /empty answer|no content type|instead of JSON/],
    ['malformed-json', 'bad-response', /cannot be read/],
    ['no-access-token', 'bad-response', /not valid/],
  ] as const) {
    test(`a 200 answer with ${body} body`, BOUND, async () => {
      await assert.rejects(exchangeWith([{ on: 'exchange', body, times: -1 }]), expectError(code, message));
      unchanged();
    });
  }

  test('a reply without token_type still works', BOUND, async () => {
    const [session] = await exchangeWith([{ on: 'exchange', body: 'no-token-type' }]);
    assert.ok(session);
  });

  test('invalid_grant on refresh: that session ends, the other account stays', BOUND, async () => {
    await server.control.revoke(alice.sub);
    const w = window(server, slot, {}, LATE);
    assert.deepEqual(await w.manager.getSessions(w.manager.resolve(['partners']), { accountId: alice.sub }), []);
    assert.deepEqual(parseState(slot.value).state.accounts.map((a) => a.id), [bob.sub]);
  });

  for (const mode of ['malformed', 'no-sub'] as const) {
    test(`a refresh answered with a ${mode} id_token: the rotated refresh token is kept, and so is the account`, BOUND, async () => {
      const before = parseState(slot.value).state.accounts.find((a) => a.id === alice.sub);
      await server.control.configure({ idToken: mode });
      const w = window(server, slot, {}, LATE);
      const [session] = await w.manager.getSessions(w.manager.resolve(['partners']), { accountId: alice.sub });
      assert.equal(session?.account.label, 'alice@example.com', 'the account keeps who it was');
      const after = parseState(slot.value).state.accounts.find((a) => a.id === alice.sub);
      assert.notEqual(after?.identity.refreshToken, before?.identity.refreshToken, 'the rotated refresh token was stored');
      accountsKept();
      // The next refresh uses what was stored: had the rotated token been dropped, this would end the session.
      await server.control.configure({ idToken: 'valid' });
      const later = window(server, slot, {}, () => Date.now() + 10 * 24 * 3600 * 1000);
      const [next] = await later.manager.getSessions(later.manager.resolve(['partners']), { accountId: alice.sub });
      assert.ok(next, 'still signed in after the next refresh');
      assert.equal((await counted()).refreshes, 2);
      accountsKept();
    });
  }

  test('invalid_request on refresh drops only that account', BOUND, async () => {
    await server.control.addFaults([{ on: 'refresh', status: 400, error: 'invalid_request' }]);
    const w = window(server, slot, {}, LATE);
    assert.deepEqual(await w.manager.getSessions(w.manager.resolve(['partners']), { accountId: alice.sub }), []);
    assert.deepEqual(parseState(slot.value).state.accounts.map((a) => a.id), [bob.sub]);
    assert.ok(w.logs.some((l) => /session-unusable/.test(l)));
  });

  test('a refresh that fails on the server is not retried blindly (it may have rotated)', BOUND, async () => {
    await server.control.addFaults([{ on: 'refresh', status: 500, body: 'html', times: -1 }]);
    const w = window(server, slot, {}, LATE);
    await assert.rejects(w.manager.getSessions(w.manager.resolve(['partners']), { accountId: alice.sub }), expectError('server', /HTTP 500/));
    assert.equal((await counted()).refreshes, 1);
    unchanged();
  });

  test('a refresh refused with 503 and Retry-After is retried', BOUND, async () => {
    await server.control.addFaults([{ on: 'refresh', status: 503, headers: { 'Retry-After': '1' } }]);
    const w = window(server, slot, {}, LATE);
    const [session] = await w.manager.getSessions(w.manager.resolve(['partners']), { accountId: alice.sub });
    assert.ok(session);
    assert.equal((await counted()).refreshes, 2);
  });

  test('a refresh whose reply is lost after the server rotated: the account is kept, then honestly ends', BOUND, async () => {
    await server.control.addFaults([{ on: 'refresh', drop: 'after' }]);
    const w = window(server, slot, {}, LATE);
    await assert.rejects(w.manager.getSessions(w.manager.resolve(['partners']), { accountId: alice.sub }), expectError('network', /Could not reach/));
    accountsKept();
    // The server killed the old refresh token with the rotation we never heard about.
    assert.deepEqual(await w.manager.getSessions(w.manager.resolve(['partners']), { accountId: alice.sub }), []);
    assert.deepEqual(parseState(slot.value).state.accounts.map((a) => a.id), [bob.sub]);
  });

  test('invalid_target on an admin exchange names the three causes', BOUND, async () => {
    const w = window(server, slot);
    await assert.rejects(w.manager.getSessions(w.manager.resolve(['admin', 'store:not-staff'])), expectError('store-access', /not-staff\.myshopify\.com.*never opened.*staff or collaborator.*custom domain/));
    unchanged();
  });

  test('authorization_pending until the code expires', BOUND, async () => {
    await server.control.configure({ deviceCodeLifetime: 2 });
    const w = window(server, slot);
    await assert.rejects(w.manager.signIn(watchingUi()), expectError('code-expired', /expired/));
    unchanged();
  });

  test('expired_token while polling', BOUND, async () => {
    await server.control.addFaults([{ on: 'device_poll', status: 400, error: 'expired_token' }]);
    await assert.rejects(window(server, slot).manager.signIn(watchingUi()), expectError('code-expired', /expired/));
    unchanged();
  });

  test('access_denied on the approval page', BOUND, async () => {
    const ui = watchingUi();
    void ui.codeShown.then((d) => server.control.deny(d.userCode));
    await assert.rejects(window(server, slot).manager.signIn(ui), expectError('access-denied', /denied/));
    unchanged();
  });

  test('the user closes the prompt (cancel)', BOUND, async () => {
    const cancel = new AbortController();
    const ui = watchingUi(cancel.signal);
    void ui.codeShown.then(() => cancel.abort(new ShopifyAuthError('cancelled', 'Shopify sign-in cancelled.')));
    await assert.rejects(window(server, slot).manager.signIn(ui), expectError('cancelled', /cancelled/));
    unchanged();
  });

  test('the network drops during polling, then comes back', BOUND, async () => {
    await server.control.addFaults([{ on: 'device_poll', drop: 'before', times: 2 }]);
    const account = await window(server, slot).manager.signIn(approvingUi(server, 'alice'));
    assert.equal(account.id, alice.sub);
    accountsKept();
  });

  test('an id_token without sub fails the sign-in and keeps what was stored', BOUND, async () => {
    await server.control.configure({ idToken: 'no-sub' });
    await assert.rejects(window(server, slot).manager.signIn(approvingUi(server)), expectError('bad-response', /no subject/));
    unchanged();
  });

  for (const offsetMin of [5, -5]) {
    test(`the machine's clock ${offsetMin > 0 ? 'ahead' : 'behind'} by five minutes`, BOUND, async () => {
      const fresh = new MemorySlot();
      const w = window(server, fresh, {}, () => Date.now() + offsetMin * 60_000);
      const session = await w.manager.getOrCreate(w.manager.resolve(['partners']), approvingUi(server));
      const again = await w.manager.getSessions(w.manager.resolve(['partners']));
      assert.equal(again[0]?.accessToken, session.accessToken, 'expiry is kept relative to our own clock');
      assert.equal((await counted()).refreshes, 0);
    });
  }

  test('a partners token from the environment that the server rejects', BOUND, async () => {
    const w = window(server, slot, { SHOPIFY_APP_AUTOMATION_TOKEN: 'atkn_revoked_automation_token_000' });
    await assert.rejects(w.manager.getSessions(w.manager.resolve(['partners'])), expectError('automation-token', /SHOPIFY_APP_AUTOMATION_TOKEN/));
    unchanged();
  });
});
