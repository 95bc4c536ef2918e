import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { identityScopes } from '../../../src/shopify/identity/apis';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import type { IdentityServer } from '../../identity-server/types';
import { alice as ALICE, bob as BOB } from '../../identity-server/users';
import { client, FAST_POLL_S, identityServer, resetServer } from '../support/fixture';

function failsWith(code: string, message?: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof ShopifyAuthError, `expected a ShopifyAuthError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message, message);
    return true;
  };
}

describe('device authorization flow against the local identity server', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(() => resetServer(server));

  test('asks for openid plus every default scope, shows the code, and signs in once approved', async () => {
    const identity = client(server);
    const device = await identity.requestDeviceCode(identityScopes());
    assert.match(device.userCode, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(device.verificationUri, `${server.url}/activate`);
    assert.equal(device.verificationUriComplete, `${server.url}/activate-with-code?device_code%5Buser_code%5D=${device.userCode}`);
    await server.control.approve(device.userCode, 'alice');
    const tokens = await identity.waitForApproval(device);
    assert.equal(tokens.userId, ALICE.sub);
    assert.equal(tokens.email, 'alice@example.com');
    assert.deepEqual([...tokens.scopes].sort(), identityScopes().sort());
    const issued = await server.control.issued();
    assert.ok(issued.some((t) => t.kind === 'identity' && t.value === tokens.accessToken && t.sub === ALICE.sub));
    assert.ok(issued.some((t) => t.kind === 'refresh' && t.value === tokens.refreshToken));
    assert.ok(tokens.expiresAt > Date.now() + 7000 * 1000);
  });

  test('keeps polling while authorization is pending, then signs in as whoever approved', async () => {
    const identity = client(server);
    const device = await identity.requestDeviceCode(identityScopes());
    const waiting = identity.waitForApproval(device);
    // Let a few polls come back pending before the user approves.
    while ((await server.control.counts()).devicePoll < 2) await new Promise((r) => setTimeout(r, 200));
    await server.control.approve(device.userCode, 'bob');
    assert.equal((await waiting).userId, BOB.sub);
  });

  test('slow_down makes it poll less often, and it still signs in', async () => {
    const identity = client(server);
    await server.control.addFaults([{ on: 'device_poll', status: 400, error: 'slow_down' }]);
    const device = await identity.requestDeviceCode(identityScopes());
    await server.control.approve(device.userCode);
    const started = Date.now();
    await identity.waitForApproval(device);
    // RFC 8628: 5 s more after slow_down (the interval + 5 s).
    assert.ok(Date.now() - started >= (FAST_POLL_S + 5) * 1000, 'polled again too soon after slow_down');
    assert.equal((await server.control.counts()).devicePoll, 2);
  });

  test('denial on the approval page ends with a message that says so', async () => {
    const identity = client(server);
    const device = await identity.requestDeviceCode(identityScopes());
    await server.control.deny(device.userCode);
    await assert.rejects(identity.waitForApproval(device), failsWith('access-denied', /denied.*Sign in again/));
  });

  test('a code nobody approves expires, and the wait ends with it', async () => {
    await server.control.configure({ deviceCodeLifetime: 2 });
    const identity = client(server);
    const device = await identity.requestDeviceCode(identityScopes());
    await assert.rejects(identity.waitForApproval(device), failsWith('code-expired', /expired/));
  });

  test('cancel stops the wait at once, even in the middle of a long slow_down wait', async () => {
    const identity = client(server);
    await server.control.addFaults([{ on: 'device_poll', status: 400, error: 'slow_down' }]);
    const device = await identity.requestDeviceCode(identityScopes());
    const cancel = new AbortController();
    const waiting = identity.waitForApproval(device, cancel.signal);
    while ((await server.control.counts()).devicePoll < 1) await new Promise((r) => setTimeout(r, 100));
    cancel.abort(new ShopifyAuthError('cancelled', 'Shopify sign-in cancelled.'));
    const started = Date.now();
    await assert.rejects(waiting, failsWith('cancelled'));
    assert.ok(Date.now() - started < 1000, 'cancel waited for the poll loop');
  });

  test('survives polls lost to the network and signs in when the network is back', async () => {
    const identity = client(server);
    await server.control.addFaults([{ on: 'device_poll', drop: 'before', times: 2 }]);
    const device = await identity.requestDeviceCode(identityScopes());
    await server.control.approve(device.userCode);
    const tokens = await identity.waitForApproval(device);
    assert.equal(tokens.userId, ALICE.sub);
    assert.equal((await server.control.counts()).devicePoll, 3);
  });

  test('a network lost for good while polling ends with a network message, not "expired"', async () => {
    await server.control.configure({ deviceCodeLifetime: 3 });
    const identity = client(server);
    const device = await identity.requestDeviceCode(identityScopes());
    await server.control.addFaults([{ on: 'device_poll', drop: 'before', times: -1 }]);
    await assert.rejects(identity.waitForApproval(device), (e: unknown) => {
      assert.ok(e instanceof ShopifyAuthError);
      assert.equal(e.code, 'network', e.message);
      assert.match(e.message, /expired while requests to Shopify's sign-in server were failing\. Could not reach .*Check your internet connection/);
      return true;
    });
    assert.ok((await server.control.counts()).devicePoll >= 1);
  });

  test('a network that drops and comes back before the code expires ends as "expired", as nothing was lost', async () => {
    await server.control.configure({ deviceCodeLifetime: 4 });
    const identity = client(server);
    const device = await identity.requestDeviceCode(identityScopes());
    await server.control.addFaults([{ on: 'device_poll', drop: 'before', times: 1 }]);
    await assert.rejects(identity.waitForApproval(device), failsWith('code-expired', /expired before it was approved/));
    assert.ok((await server.control.counts()).devicePoll >= 2, 'no poll after the drop was answered');
  });

  test('copes with an answer without token_type, and with an id_token it cannot verify', async () => {
    await server.control.configure({ tokenType: 'never', idToken: 'bad-signature' });
    const identity = client(server);
    const device = await identity.requestDeviceCode(identityScopes());
    await server.control.approve(device.userCode);
    const tokens = await identity.waitForApproval(device);
    assert.equal(tokens.userId, ALICE.sub);
    assert.equal(decodeJwt(tokens.idToken ?? '').sub, ALICE.sub);
  });

  for (const [mode, why] of [
    ['no-sub', /no subject/],
    ['absent', /no id_token/],
    ['malformed', /cannot be read/],
  ] as const) {
    test(`an id_token that is ${mode} ends with a clear message`, async () => {
      await server.control.configure({ idToken: mode });
      const identity = client(server);
      const device = await identity.requestDeviceCode(identityScopes());
      await server.control.approve(device.userCode);
      await assert.rejects(identity.waitForApproval(device), failsWith('bad-response', why));
    });
  }

  test('a server that refuses the device request says why', async () => {
    await server.control.addFaults([{ on: 'device_authorization', status: 400, error: 'invalid_scope', errorDescription: 'unknown scope' }]);
    await assert.rejects(client(server).requestDeviceCode(identityScopes()), failsWith('protocol', /invalid_scope/));
  });
});
