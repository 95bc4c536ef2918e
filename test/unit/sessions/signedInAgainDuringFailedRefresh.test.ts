// Window A's refresh is refused (its session was revoked) while window B signs the same user in again. B's
// fresh sign-in must survive A's clean-up, whether A notices it while re-checking or only as it writes.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseState } from '../../../src/shopify/storage/state';
import type { IdentityServer } from '../../identity-server/types';
import { alice } from '../../identity-server/users';
import { approvingUi, identityServer, MemorySlot, window, resetServer } from '../support/fixture';

const HOUR = 3600_000;

/** Window A's storage, where window B's write lands just before A's n-th read after the refusal. */
class SharedWithB extends MemorySlot {
  private landing: { readonly onRead: number; readonly text: string } | undefined;
  private readsSinceRefusal: number | undefined;
  landAt(onRead: number, text: string): void {
    this.landing = { onRead, text };
  }
  refused(): void {
    this.readsSinceRefusal ??= 0;
  }
  override get(): Promise<string | undefined> {
    if (this.landing && this.readsSinceRefusal !== undefined && ++this.readsSinceRefusal === this.landing.onRead) {
      this.value = this.landing.text;
      this.landing = undefined;
    }
    return super.get();
  }
}

describe('an account signed in again by another window while this one\'s refresh is refused', () => {
  let server: IdentityServer;
  let onLog: (line: string) => void = () => undefined;
  before(async () => (server = await identityServer({ log: (line) => onLog(line) })));
  after(() => server.close());
  beforeEach(() => resetServer(server));

  /** A signed in with a Partners token, then revoked; B (real clock) signs alice in again; A's clock is past expiry. */
  async function setUp() {
    let ahead = 0;
    const slot = new SharedWithB();
    onLog = (line) => {
      if (/refresh/.test(line) && /invalid_grant/.test(line)) slot.refused();
    };
    const a = window(server, slot, {}, () => Date.now() + ahead);
    await a.manager.getOrCreate(a.manager.resolve(['partners']), approvingUi(server));
    await server.control.revoke(alice.sub);
    const bSlot = new MemorySlot();
    bSlot.value = slot.value;
    const b = window(server, bSlot);
    await b.manager.signIn(approvingUi(server));
    const bText = bSlot.value;
    const bRefreshToken = parseState(bText).state.accounts[0]?.identity.refreshToken;
    assert.ok(bText && bRefreshToken);
    ahead = 2 * HOUR;
    return { a, slot, bText, bRefreshToken };
  }

  test('B\'s sign-in seen while A re-checks: A carries on with it and hands out a token, no third sign-in', async () => {
    const { a, slot, bText } = await setUp();
    slot.landAt(1, bText);
    const [session] = await a.manager.getSessions(a.manager.resolve(['partners']));
    assert.ok(session, `no session; log:\n${a.logs.join('\n')}`);
    assert.equal(session.account.id, alice.sub);
    assert.equal((await server.control.counts()).deviceAuthorization, 2);
  });

  test('B\'s sign-in landing just before A writes: A does not drop it, and the next request uses it without a sign-in', async () => {
    const { a, slot, bText, bRefreshToken } = await setUp();
    slot.landAt(3, bText);
    // This request may fail (A's own refresh was refused); what matters is what is left afterwards.
    await a.manager.getSessions(a.manager.resolve(['partners'])).catch(() => []);
    const stored = parseState(slot.value).state.accounts.find((acc) => acc.id === alice.sub);
    assert.equal(stored?.identity.refreshToken, bRefreshToken, `B's sign-in was dropped; log:\n${a.logs.join('\n')}`);
    const [session] = await a.manager.getSessions(a.manager.resolve(['partners']));
    assert.equal(session?.account.id, alice.sub, 'the account is gone from window A');
    assert.equal((await server.control.counts()).deviceAuthorization, 2);
  });
});
