// Asking for more than a stored token or a sign-in was granted: the caller must get what it asked for,
// not a token that lacks a scope (a 403 from Shopify later, far from the cause).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { SCOPE_PREFIX } from '../../../src/shopify/identity/apis';
import type { IdentityServer } from '../../identity-server/types';
import { approvingUi, identityServer, MemorySlot, window, resetServer } from '../support/fixture';

// Part of every sign-in (a Business Platform default) but not of a Partners token unless asked for.
const DESTINATIONS = `${SCOPE_PREFIX}destinations.readonly`;
// Not part of any API's defaults, so a plain sign-in never has it.
const EXTRA = 'partners.apps.write';

async function grantedTo(server: IdentityServer, accessToken: string): Promise<string[] | undefined> {
  return (await server.control.issued()).find((t) => t.value === accessToken)?.scopes;
}

describe('extra scopes: a token or sign-in lacking one is not handed out', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(() => resetServer(server));

  test('a stored token is not reused for a request that adds a scope it was never asked for: a new exchange grants it', async () => {
    const { manager } = window(server, new MemorySlot());
    const plain = await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server));
    assert.ok(!(await grantedTo(server, plain.accessToken))?.includes(DESTINATIONS));

    const [wider] = await manager.getSessions(manager.resolve(['partners', 'destinations']));
    assert.ok(wider, 'no session although the sign-in covers the extra scope');
    assert.notEqual(wider.accessToken, plain.accessToken, 'the token without the extra scope was handed out');
    assert.ok((await grantedTo(server, wider.accessToken))?.includes(DESTINATIONS), 'the new token lacks the extra scope');
    assert.ok(wider.scopes.includes(DESTINATIONS), `session scopes ${JSON.stringify(wider.scopes)}`);
    const counts = await server.control.counts();
    assert.equal(counts.exchange.partners, 2);
    assert.equal(counts.deviceAuthorization, 1, 'the sign-in covered the scope, so no new one was needed');

    // The wider token now serves both requests, without another exchange.
    const [again] = await manager.getSessions(manager.resolve(['partners']));
    assert.equal(again?.accessToken, wider.accessToken);
    assert.equal((await server.control.counts()).exchange.partners, 2);
  });

  test('a sign-in that lacks a requested scope is not used to mint a token without it: the user signs in again', async () => {
    const { manager } = window(server, new MemorySlot());
    await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server));

    // Without UI there is nothing usable: only a new sign-in can add the scope.
    assert.deepEqual(await manager.getSessions(manager.resolve(['partners', EXTRA])), []);
    assert.equal((await server.control.counts()).exchange.partners, 1, 'a token was minted from a sign-in without the scope');

    const ui = approvingUi(server);
    const session = await manager.getOrCreate(manager.resolve(['partners', EXTRA]), ui);
    assert.equal(ui.shown.length, 1, 'no new sign-in was shown');
    assert.ok((await grantedTo(server, session.accessToken))?.includes(`${SCOPE_PREFIX}${EXTRA}`), 'the token lacks the extra scope');
    assert.ok(session.scopes.includes(`${SCOPE_PREFIX}${EXTRA}`), `session scopes ${JSON.stringify(session.scopes)}`);
    assert.equal((await server.control.counts()).deviceAuthorization, 2);
  });
});
