// A sign-in answer without a refresh token cannot be kept (every later token comes from it): the user is told
// so plainly and nothing half-made is stored. A refresh answer may leave it out (refreshWithoutNewRefreshToken).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { parseState } from '../../../src/shopify/storage/state';
import type { IdentityServer } from '../../identity-server/types';
import { approvingUi, identityServer, MemorySlot, window } from '../support/fixture';

let server: IdentityServer;
before(async () => {
  server = await identityServer();
});
after(() => server.close());

test('a sign-in answered without a refresh token fails with a message that says so, and stores no account', async () => {
  await server.control.addFaults([{ on: 'device_poll', body: 'no-refresh-token' }]);
  const slot = new MemorySlot();
  const { manager } = window(server, slot);
  await assert.rejects(
    manager.signIn(approvingUi(server)),
    (e: unknown) => e instanceof ShopifyAuthError && e.code === 'bad-response' && e.message.startsWith("Shopify's sign-in answer had no refresh token, so the session could not be kept."),
  );
  assert.equal(slot.value === undefined ? 0 : parseState(slot.value).state.accounts.length, 0);
});
