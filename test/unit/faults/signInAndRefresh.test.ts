// Faults the first matrix (matrix.test.ts) leaves out: the start of a sign-in, polling that is told
// to slow down forever, a refresh that hangs or is rate limited, and id_tokens the server gets wrong.
// Each case: the message, the stored sessions untouched (or only the new account added), a bound.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseState } from '../../../src/shopify/storage/state';
import type { TextSlot } from '../../../src/shopify/storage/stateStore';
import type { Counts, IdentityServer } from '../../identity-server/types';
import { alice, bob } from '../../identity-server/users';
import { approvingUi, identityServer, MemorySlot, watchingUi } from '../support/fixture';
import { assertNothingLeaked, BOUND, closedPort, expectError, observed, twoAccountsStored } from './support';

const LATE = (): number => Date.now() + 7200 * 1000;

describe('more faults: sign-in start, endless slow_down, refresh that hangs or is throttled, odd id_tokens', () => {
  let server: IdentityServer;
  let slot: MemorySlot;
  let storedBefore: string | undefined;
  let base: Counts;
  const seen: string[] = [];

  before(async () => (server = await identityServer()));
  after(async () => {
    // Every message and log line of every case, against every token the server issued.
    assertNothingLeaked(seen, (await server.control.issued()).map((t) => t.value));
    await server.close();
  });
  beforeEach(async () => ({ slot, stored: storedBefore, base } = await twoAccountsStored(server)));

  const since = async (): Promise<{ deviceAuthorization: number; devicePoll: number; refresh: number }> => {
    const now = await server.control.counts();
    return {
      deviceAuthorization: now.deviceAuthorization - base.deviceAuthorization,
      devicePoll: now.devicePoll - base.devicePoll,
      refresh: now.refresh - base.refresh,
    };
  };
  const unchanged = (): void => assert.equal(slot.value, storedBefore, 'stored sessions changed');
  const accountIds = (): string[] => parseState(slot.value).state.accounts.map((a) => a.id).sort();
  /** Runs `work`, keeps what it said, and returns its error (or fails when it succeeded). */
  async function failure(o: ReturnType<typeof observed>, work: Promise<unknown>, check: (e: unknown) => true): Promise<void> {
    await assert.rejects(work, (e: unknown) => {
      seen.push(e instanceof Error ? e.message : String(e));
      return check(e);
    });
    seen.push(...o.said);
  }

  test('identity server down when a sign-in starts', BOUND, async () => {
    const o = observed(`http://127.0.0.1:${await closedPort()}`, slot);
    await failure(o, o.manager.signIn(watchingUi()), expectError('network', /Could not reach.*ECONNREFUSED/));
    unchanged();
  });

  for (const [fault, code, message] of [
    [{ status: 503 }, 'server', /HTTP 503.*Try again/],
    [{ status: 200, body: 'html' }, 'bad-response', /web page|text\/html/],
    [{ status: 200, body: 'empty' }, 'bad-response', /empty answer|no content type|instead of JSON/],
  ] as const) {
    test(`the device request answered with ${fault.status}${'body' in fault ? ` ${fault.body}` : ''}, every time`, BOUND, async () => {
      await server.control.addFaults([{ on: 'device_authorization', times: -1, ...fault }]);
      const ui = watchingUi();
      const o = observed(server, slot);
      await failure(o, o.manager.signIn(ui), expectError(code, message));
      assert.equal(ui.shown.length, 0, 'a code was shown for a request that failed');
      assert.ok((await since()).deviceAuthorization <= 3, 'retried more than three times');
      unchanged();
    });
  }

  test('slow_down on every poll until the code expires: few polls, no loop, a clear end', BOUND, async () => {
    await server.control.configure({ deviceCodeLifetime: 8 });
    await server.control.addFaults([{ on: 'device_poll', status: 400, error: 'slow_down', times: -1 }]);
    const o = observed(server, slot);
    await failure(o, o.manager.signIn(watchingUi()), expectError('code-expired', /expired/));
    // The interval grows by 5 s per slow_down: a well-behaved client polls at most three times in 8 s.
    const polls = (await since()).devicePoll;
    assert.ok(polls >= 1 && polls <= 3, `polled ${polls} times in 8 s`);
    unchanged();
  });

  test('429 with Retry-After while polling is waited out, and the sign-in completes', BOUND, async () => {
    await server.control.addFaults([{ on: 'device_poll', status: 429, headers: { 'Retry-After': '1' } }]);
    const o = observed(server, slot);
    const account = await o.manager.signIn(approvingUi(server, 'alice'));
    assert.equal(account.id, alice.sub);
    assert.deepEqual(accountIds(), [alice.sub, bob.sub].sort());
  });

  test('a refresh that never answers: timeout, sent once (it may have rotated), accounts kept', BOUND, async () => {
    await server.control.addFaults([{ on: 'refresh', hang: true, times: -1 }]);
    const o = observed(server, slot, { timeoutMs: 800, now: LATE });
    await failure(o, o.manager.getSessions(o.manager.resolve(['partners']), { accountId: alice.sub }), expectError('timeout', /did not answer in time/));
    assert.equal((await since()).refresh, 1);
    unchanged();
  });

  test('a refresh answered 429 with a short Retry-After is retried and succeeds', BOUND, async () => {
    await server.control.addFaults([{ on: 'refresh', status: 429, headers: { 'Retry-After': '1' } }]);
    const o = observed(server, slot, { now: LATE });
    const [session] = await o.manager.getSessions(o.manager.resolve(['partners']), { accountId: alice.sub });
    assert.equal(session?.account.id, alice.sub);
    assert.equal((await since()).refresh, 2);
    assert.deepEqual(accountIds(), [alice.sub, bob.sub].sort());
  });

  test('a refresh whose connection drops before an answer: one try, accounts kept', BOUND, async () => {
    await server.control.addFaults([{ on: 'refresh', drop: 'before', times: -1 }]);
    const o = observed(server, slot, { now: LATE });
    await failure(o, o.manager.getSessions(o.manager.resolve(['partners']), { accountId: alice.sub }), expectError('network', /Could not reach/));
    assert.ok((await since()).refresh <= 3, 'retried a refresh without end');
    unchanged();
  });

  // OpenID Connect lets a client skip the signature check of an id_token it got straight from the
  // token endpoint over TLS; we only read `sub` and `email` from it, so a bad signature is not an error.
  test('an id_token whose signature does not verify still signs in (read, not trusted)', BOUND, async () => {
    await server.control.configure({ idToken: 'bad-signature' });
    const fresh = new MemorySlot();
    const o = observed(server, fresh);
    const account = await o.manager.signIn(approvingUi(server, 'alice'));
    assert.equal(account.id, alice.sub);
    unchanged();
  });

  for (const [mode, message] of [
    ['absent', /no id_token/],
    ['malformed', /cannot be read/],
  ] as const) {
    test(`an id_token that is ${mode} fails the sign-in and keeps what was stored`, BOUND, async () => {
      await server.control.configure({ idToken: mode });
      const o = observed(server, slot);
      await failure(o, o.manager.signIn(approvingUi(server)), expectError('bad-response', message));
      unchanged();
    });
  }

  test('SecretStorage fails the first read: that call fails, the next reads again and finds both accounts', BOUND, async () => {
    let failures = 1;
    // Everything but the first read goes to the shared slot, so what this window writes is what `unchanged` checks.
    const flaky: TextSlot = {
      get: () => (failures-- > 0 ? Promise.reject(new Error('keychain locked')) : slot.get()),
      set: (value) => slot.set(value),
      keepUnreadable: (value) => slot.keepUnreadable(value),
    };
    const o = observed(server, flaky);
    await assert.rejects(o.manager.getSessions(o.manager.resolve(['partners'])), /keychain locked/);
    const sessions = await o.manager.getSessions(o.manager.resolve(['partners']));
    assert.deepEqual(sessions.map((s) => s.account.id).sort(), [alice.sub, bob.sub].sort());
    unchanged();
  });

  test('damaged stored data that cannot be set aside: no refresh is spent, nothing is written, and it works once keeping does', BOUND, async () => {
    const doc = JSON.parse(slot.value ?? '') as { accounts: unknown[] };
    doc.accounts.push({ id: 'damaged', identity: { refreshToken: 5 } });
    const damaged = JSON.stringify(doc);
    slot.value = damaged;
    let keepWorks = false;
    const locked: TextSlot = {
      get: () => slot.get(),
      set: (value) => slot.set(value),
      keepUnreadable: (value) => (keepWorks ? slot.keepUnreadable(value) : Promise.reject(new Error('keychain locked'))),
    };
    const o = observed(server, locked, { now: LATE });
    await failure(o, o.manager.getSessions(o.manager.resolve(['partners']), { accountId: alice.sub }), expectError('storage', /could not be set aside.*Try again/));
    assert.equal((await since()).refresh, 0, 'no refresh token was spent on an answer that could not be saved');
    assert.equal(slot.value, damaged, 'nothing was written');
    keepWorks = true;
    const [session] = await o.manager.getSessions(o.manager.resolve(['partners']), { accountId: alice.sub });
    assert.equal(session?.account.id, alice.sub, 'the next call keeps the damaged text aside and refreshes');
    assert.deepEqual(slot.kept, [damaged]);
    assert.equal((await server.control.counts()).rejected, base.rejected, 'the server never saw a spent refresh token');
    seen.push(...o.said);
  });

  test('invalid_grant on refresh says to sign in again and keeps the other account', BOUND, async () => {
    await server.control.revoke(alice.sub);
    const o = observed(server, slot, { now: LATE });
    assert.deepEqual(await o.manager.getSessions(o.manager.resolve(['partners']), { accountId: alice.sub }), []);
    seen.push(...o.said);
    assert.ok(o.said.some((m) => /alice@example\.com.*ended \(session-expired\).*Other accounts are kept/.test(m)), o.said.join('\n'));
    assert.deepEqual(accountIds(), [bob.sub]);
  });
});
