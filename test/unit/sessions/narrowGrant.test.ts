// Shopify may grant a sign-in fewer scopes than it asked for (RFC 6749 §3.3), as for an account without access
// to one API: the user approved once, so they are signed in once, not shown one device code after another.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { scopeUrl } from '../../../src/shopify/identity/apis';
import type { DeviceCodeView, SignInUi } from '../../../src/shopify/sessions/manager';
import type { IdentityServer } from '../../identity-server/types';
import { identityServer, MemorySlot, resetServer, window } from '../support/fixture';

const WITHHELD = scopeUrl('partners.app.cli.access');

let server: IdentityServer;
before(async () => {
  server = await identityServer();
});
after(() => server.close());
beforeEach(() => resetServer(server));

/** Approves the first code shown; a second code means the user is asked again, which ends the sign-in. */
function approveOnce(): SignInUi & { shown: DeviceCodeView[] } {
  const controller = new AbortController();
  const shown: DeviceCodeView[] = [];
  return {
    shown,
    signal: controller.signal,
    showCode: (device) => {
      shown.push(device);
      if (shown.length === 1) server.control.approve(device.userCode, 'alice').catch(() => undefined);
      else controller.abort(new Error('asked to sign in a second time'));
    },
  };
}

test('a sign-in granted fewer scopes than it asked for ends after the one approval, with the scopes granted', async () => {
  await server.control.configure({ withheldScopes: [WITHHELD] });
  const { manager } = window(server, new MemorySlot());
  const ui = approveOnce();
  const account = await manager.signIn(ui);
  assert.equal(ui.shown.length, 1);
  assert.ok(account.identity.scopes.includes('openid'));
  assert.ok(!account.identity.scopes.includes(WITHHELD), 'the stored account claims only what was granted');
});

test('asking for the API whose scope was withheld: one sign-in, then a refusal naming the API, not a loop', async () => {
  await server.control.configure({ withheldScopes: [WITHHELD] });
  const { manager } = window(server, new MemorySlot());
  const ui = approveOnce();
  await assert.rejects(
    manager.getOrCreate({ api: 'partners', extraScopes: [] }, ui),
    (e: unknown) => e instanceof ShopifyAuthError && e.code === 'scope-rejected' && e.message.startsWith('Shopify refused the scopes asked for the Partners API'),
  );
  assert.equal(ui.shown.length, 1);
});

test('the local server refuses to withhold openid, which every sign-in is granted', async () => {
  await assert.rejects(server.control.configure({ withheldScopes: ['openid'] }), /withheldScopes cannot hold openid/);
});
