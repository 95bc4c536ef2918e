import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { identityScopes } from '../../../src/shopify/identity/apis';
import { parseState } from '../../../src/shopify/storage/state';
import { ANSWER_STYLES } from '../../identity-server/answerStyles';
import type { IdentityServer } from '../../identity-server/types';
import { alice, UNSTAFFED_STORE } from '../../identity-server/users';
import { client, FAST_POLL_S, identityServer, MemorySlot, resetServer, watchingUi, window } from '../support/fixture';

/** Both the identity token and every app token are due for renewal at this time. */
const LATE = () => Date.now() + 7200 * 1000;

async function until(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('answers phrased in every legal way read the same', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(() => resetServer(server));

  for (const style of ANSWER_STYLES.filter((s) => s !== 'standard')) {
    test(`${style}: sign-in through a pending poll, token reuse, refresh, a new exchange and a refusal`, { timeout: 60_000 }, async () => {
      await server.control.configure({ answerStyle: style });
      const slot = new MemorySlot();
      const { manager } = window(server, slot);
      const ui = watchingUi();
      const signingIn = manager.getOrCreate(manager.resolve(['partners']), ui);
      const code = await ui.codeShown;
      // At least one authorization_pending answer (an OAuth error answer) is read before the approval.
      await until(async () => (await server.control.counts()).devicePoll >= 1, 'the first poll');
      await server.control.approve(code.userCode, 'alice');
      const first = await signingIn;
      assert.equal(first.account.id, alice.sub);
      assert.deepEqual(first.scopes, ['partners'], 'VS Code matches sessions word for word: the scopes are the caller\'s');

      // Reuse by what was asked, however the server phrased what it granted.
      const [again] = await manager.getSessions(manager.resolve(['partners']));
      assert.equal(again?.accessToken, first.accessToken);
      assert.equal((await server.control.counts()).exchange.total, 1, 'the token was exchanged again instead of reused');
      // The identity grant is read as asked too: an API token for another API needs no new sign-in.
      const [storefront] = await manager.getSessions(manager.resolve(['storefront']));
      assert.equal(storefront?.kind, 'storefront-renderer');

      // Everything due: one refresh (its answer phrased the same way), then a new exchange.
      const later = window(server, slot, {}, LATE).manager;
      const [renewed] = await later.getSessions(later.resolve(['partners']));
      assert.ok(renewed, 'no session after the refresh');
      assert.notEqual(renewed.accessToken, first.accessToken);
      assert.equal(renewed.account.label, alice.email);
      const counts = await server.control.counts();
      assert.equal(counts.refresh, 1);
      assert.equal(counts.deviceAuthorization, 1, 'a second sign-in was needed');

      // An OAuth refusal is still read as the refusal it is, with its own message.
      await assert.rejects(later.getSessions(later.resolve(['admin', `store:${UNSTAFFED_STORE}`])), (e: unknown) => {
        assert.ok(e instanceof ShopifyAuthError, String(e));
        assert.equal(e.code, 'store-access', e.message);
        return true;
      });
      // Last, as it spends it: the refresh token the server holds now is the one stored (rotated or, when the answer left it out, kept).
      const stored = parseState(slot.value).state.accounts[0];
      assert.ok(stored);
      await client(server).refresh(stored.identity.refreshToken, stored.identity.accessToken, stored.identity.scopes);
    });
  }

  test('rails: a WWW-Authenticate header on an error does not hide the error (denied sign-in)', async () => {
    await server.control.configure({ answerStyle: 'rails' });
    const identity = client(server);
    const device = await identity.requestDeviceCode(identityScopes());
    await server.control.deny(device.userCode);
    await assert.rejects(identity.waitForApproval(device), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'access-denied');
  });

  test('strings: expires_in sent as a string sets the real expiry, not the 10-minute guess', async () => {
    await server.control.configure({ answerStyle: 'strings', identityLifetime: 3600, appLifetime: 1800 });
    const identity = client(server);
    const device = await identity.requestDeviceCode(identityScopes());
    assert.equal(device.intervalS, FAST_POLL_S, 'the interval sent as a string is read as a number');
    await server.control.approve(device.userCode);
    const before = Date.now();
    const tokens = await identity.waitForApproval(device);
    assert.ok(Math.abs(tokens.expiresAt - before - 3600_000) < 5000, `identity expiry off: ${tokens.expiresAt - before} ms`);
    const app = await identity.exchange(tokens.accessToken, 'partners', [], undefined);
    assert.ok(Math.abs(app.expiresAt - Date.now() - 1800_000) < 5000, `app expiry off: ${app.expiresAt - Date.now()} ms`);
  });

  test('content types in any casing or flavour of JSON, on answers and on refusals', async () => {
    const identity = client(server);
    const device = await identity.requestDeviceCode(identityScopes());
    await server.control.approve(device.userCode);
    const tokens = await identity.waitForApproval(device);
    for (const type of ['Application/JSON; Charset=UTF-8', 'application/json;charset=UTF-8', 'text/json', 'application/vnd.api+json']) {
      await server.control.addFaults([{ on: 'exchange', headers: { 'Content-Type': type } }]);
      const token = await identity.exchange(tokens.accessToken, 'partners', [], undefined);
      assert.ok(token.accessToken, type);
      await server.control.addFaults([{ on: 'exchange', error: 'invalid_target', headers: { 'Content-Type': type, 'WWW-Authenticate': 'Bearer error="invalid_target"' } }]);
      await assert.rejects(identity.exchange(tokens.accessToken, 'admin', [], UNSTAFFED_STORE), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'store-access', type);
    }
  });

  test('a stored token from before scopes asked were recorded is still reused', async () => {
    const slot = new MemorySlot();
    const { manager } = window(server, slot);
    const ui = watchingUi();
    const signingIn = manager.getOrCreate(manager.resolve(['partners']), ui);
    await server.control.approve((await ui.codeShown).userCode);
    const first = await signingIn;
    const doc = JSON.parse(slot.value ?? '{}') as { accounts: { apps: Record<string, Record<string, unknown>> }[] };
    for (const account of doc.accounts) for (const app of Object.values(account.apps)) delete app['requestedScopes'];
    slot.value = JSON.stringify(doc);
    const fresh = window(server, slot).manager;
    const [again] = await fresh.getSessions(fresh.resolve(['partners']));
    assert.equal(again?.accessToken, first.accessToken);
    assert.equal((await server.control.counts()).exchange.total, 1);
  });
});
