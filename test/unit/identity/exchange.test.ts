import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { APIS, API_NAMES, exchangeScopes, identityScopes } from '../../../src/shopify/identity/apis';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import type { IdentityTokens } from '../../../src/shopify/identity/client';
import type { IdentityServer } from '../../identity-server/types';
import { alice, UNSTAFFED_STORE } from '../../identity-server/users';
import { client, identityServer, resetServer, signedIn } from '../support/fixture';

describe('token exchange and refresh against the local identity server', () => {
  let server: IdentityServer;
  let tokens: IdentityTokens;

  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(async () => {
    await resetServer(server);
    tokens = await signedIn(server, client(server), identityScopes(['https://api.shopify.com/auth/shop.admin.extra']));
  });

  for (const api of API_NAMES) {
    test(`exchanges the identity token for a ${APIS[api].title} token with the exact parameters`, async () => {
      const store = APIS[api].perStore ? 'shop-one.myshopify.com' : undefined;
      const token = await client(server).exchange(tokens.accessToken, api, [], store);
      const record = (await server.control.issued()).find((t) => t.value === token.accessToken);
      assert.ok(record, 'the server has no record of this token');
      assert.equal(record.kind, 'app');
      assert.equal(record.api, api);
      assert.equal(record.audience, APIS[api].audience);
      assert.equal(record.store, store);
      assert.deepEqual([...record.scopes].sort(), exchangeScopes(api).sort());
      assert.deepEqual([...token.scopes].sort(), exchangeScopes(api).sort());
      assert.equal((await server.control.counts()).exchange[api], 1);
    });
  }

  test('extra scopes ride along with the defaults', async () => {
    const extra = 'https://api.shopify.com/auth/shop.admin.extra';
    const token = await client(server).exchange(tokens.accessToken, 'admin', [extra], 'shop-two.myshopify.com');
    assert.ok(token.scopes.includes(extra));
  });

  test('a store the user does not staff is refused with the three usual causes', async () => {
    await assert.rejects(client(server).exchange(tokens.accessToken, 'admin', [], UNSTAFFED_STORE), (e: unknown) => {
      assert.ok(e instanceof ShopifyAuthError);
      assert.equal(e.code, 'store-access');
      assert.match(e.message, /not-staff\.myshopify\.com/);
      assert.match(e.message, /never opened this store's admin/);
      assert.match(e.message, /no staff or collaborator account/);
      assert.match(e.message, /custom domain/);
      return true;
    });
  });

  test('an admin exchange without a store is refused before anything is sent', async () => {
    await assert.rejects(client(server).exchange(tokens.accessToken, 'admin', [], undefined), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'no-store');
    assert.equal((await server.control.counts()).exchange.total, 0);
  });

  test('refresh sends the current access token too, and the refresh token rotates', async () => {
    const identity = client(server);
    const next = await identity.refresh(tokens.refreshToken, tokens.accessToken, tokens.scopes);
    assert.notEqual(next.refreshToken, tokens.refreshToken);
    assert.notEqual(next.accessToken, tokens.accessToken);
    assert.deepEqual([...next.scopes].sort(), [...tokens.scopes].sort());
    // The old refresh token died with the rotation.
    await assert.rejects(identity.refresh(tokens.refreshToken, next.accessToken, tokens.scopes), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'session-expired' && /Sign in again/.test(e.message));
  });

  test('answers that list no scope: a refresh keeps the original grant, a sign-in gets what it asked for', async () => {
    assert.ok(tokens.scopes.includes('https://api.shopify.com/auth/shop.admin.extra'), 'the sign-in answer listed its scopes');
    await server.control.addFaults([{ on: 'refresh', body: 'no-scope' }]);
    const refreshed = await client(server).refresh(tokens.refreshToken, tokens.accessToken, tokens.scopes);
    assert.deepEqual([...refreshed.scopes].sort(), [...tokens.scopes].sort());

    const identity = client(server);
    const asked = identityScopes(['https://api.shopify.com/auth/shop.admin.extra']);
    const device = await identity.requestDeviceCode(asked);
    await server.control.approve(device.userCode);
    await server.control.addFaults([{ on: 'device_poll', body: 'no-scope' }]);
    const signedIn = await identity.waitForApproval(device);
    assert.deepEqual([...signedIn.scopes].sort(), [...asked].sort());
  });

  test('a refresh without a usable access token is invalid_request: the session is unusable', async () => {
    await assert.rejects(client(server).refresh(tokens.refreshToken, 'atkn_not_this_one', tokens.scopes), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'session-unusable');
  });

  test('a revoked session ends in session-expired', async () => {
    await server.control.revoke(alice.sub);
    await assert.rejects(client(server).refresh(tokens.refreshToken, tokens.accessToken, tokens.scopes), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'session-expired');
  });

  test('exchange with an expired identity token is refused with a sign-in-again message', async () => {
    await server.control.expire('identity');
    await assert.rejects(client(server).exchange(tokens.accessToken, 'partners', [], undefined), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'session-expired');
  });

  test('token answers without token_type are accepted (exchanges omit it by default)', async () => {
    await server.control.configure({ tokenType: 'never' });
    const next = await client(server).refresh(tokens.refreshToken, tokens.accessToken, tokens.scopes);
    const token = await client(server).exchange(next.accessToken, 'partners', [], undefined);
    assert.ok(token.accessToken.length > 10);
  });
});
