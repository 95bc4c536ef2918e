// A refresh answer may leave out refresh_token when the server does not rotate it (RFC 6749 §6). The Shopify
// CLI stores whatever the answer carries; we keep the refresh token we have, so the session goes on working.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseState } from '../../../src/shopify/storage/state';
import type { IdentityServer } from '../../identity-server/types';
import { alice } from '../../identity-server/users';
import { approvingUi, identityServer, MemorySlot, window, resetServer } from '../support/fixture';

const HOUR = 3600_000;

describe('a refresh answer without a new refresh token', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(() => resetServer(server));

  test('keeps the old refresh token: the session is renewed, and renewed again later, without a new sign-in', async () => {
    await server.control.configure({ rotateRefreshTokens: false, omitUnrotatedRefreshToken: true });
    // The manager's clock runs ahead in steps of an hour, so its two-hour identity token falls due without waiting.
    let ahead = 0;
    const slot = new MemorySlot();
    const { manager, logs } = window(server, slot, {}, () => Date.now() + ahead);
    const first = await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server));
    const refreshToken = parseState(slot.value).state.accounts[0]?.identity.refreshToken;
    assert.ok(refreshToken);

    for (const step of [1, 2]) {
      ahead = step * 2 * HOUR;
      const [renewed] = await manager.getSessions(manager.resolve(['partners']));
      assert.ok(renewed, `renewal ${step} gave no session; log:\n${logs.join('\n')}`);
      assert.notEqual(renewed.accessToken, first.accessToken);
      assert.equal(renewed.account.id, alice.sub);
      assert.equal((await server.control.counts()).refresh, step);
      const stored = parseState(slot.value).state.accounts[0]?.identity;
      assert.equal(stored?.refreshToken, refreshToken, 'the refresh token the server kept was not kept here');
    }
    const counts = await server.control.counts();
    assert.equal(counts.deviceAuthorization, 1, 'a new sign-in was needed');
    assert.equal(counts.rejected, 0);
  });

});
