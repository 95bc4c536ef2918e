// The local identity server must behave like Shopify's identity as shopify-identity.md
// describes it. These tests speak to it with raw fetch only, and spell the protocol's
// constants out themselves rather than importing the server's copy.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { connectControl } from '../identity-server/controlHttpClient.ts';
import { startIdentityServer, type IdentityServer } from '../identity-server/server.ts';
import type { ApiName, TestUserName } from '../identity-server/types.ts';

const CLIENT_ID = 'fbdb2649-e327-4907-8f67-908d24cfd7e3';
const AUTH = 'https://api.shopify.com/auth/';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const AUTOMATION_TOKEN = 'atkn_automation_test_0123456789abcdef';
const ALICE_SUB = '3f1f6d2e-7b9a-4a51-9c1e-5d0c2a8b7e11';
const BOB_SUB = '8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e44';

const EXCHANGES: Record<ApiName, { audience: string; scopes: string[] }> = {
  admin: {
    audience: '7ee65a63608843c577db8b23c4d7316ea0a01bd2f7594f8a9c06ea668c1b775c',
    scopes: ['shop.admin.graphql', 'shop.admin.themes', 'partners.collaborator-relationships.readonly'],
  },
  'storefront-renderer': {
    audience: 'ee139b3d-5861-4d45-b387-1bc3ada7811c',
    scopes: ['shop.storefront-renderer.devtools', 'shop.admin.graphql'],
  },
  partners: { audience: '271e16d403dfa18082ffb3d197bd2b5f4479c3fc32736d69296829cbb28d41a6', scopes: ['partners.app.cli.access'] },
  'business-platform': {
    audience: '32ff8ee5-82b8-4d93-9f8a-c6997cefb7dc',
    scopes: ['destinations.readonly', 'organization.store-management', 'organization.on-demand-user-access'],
  },
  'app-management': {
    audience: '7ee65a63608843c577db8b23c4d7316ea0a01bd2f7594f8a9c06ea668c1b775c',
    scopes: ['organization.apps.manage'],
  },
};
const API_LIST = Object.keys(EXCHANGES) as ApiName[];
const LOGIN_SCOPE = ['openid', ...new Set(API_LIST.flatMap((api) => EXCHANGES[api].scopes.map((s) => AUTH + s)))].join(' ');

type Params = Record<string, string | undefined>;
interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

async function send(url: string, body: string, contentType = 'application/x-www-form-urlencoded', method = 'POST', signal?: AbortSignal): Promise<Reply> {
  const response = await fetch(url, { method, headers: { 'Content-Type': contentType }, body, ...(signal ? { signal } : {}) });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Non-JSON answers are checked through text.
  }
  return { status: response.status, headers: response.headers, text, json };
}

function encode(params: Params): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) form.append(key, value);
  return form.toString();
}

const post = (server: IdentityServer, path: string, params: Params): Promise<Reply> => send(server.url + path, encode(params));

function deviceAuthorization(server: IdentityServer, params: Params = {}): Promise<Reply> {
  return post(server, '/oauth/device_authorization', { client_id: CLIENT_ID, scope: LOGIN_SCOPE, ...params });
}

function poll(server: IdentityServer, deviceCode: string, params: Params = {}): Promise<Reply> {
  return post(server, '/oauth/token', { grant_type: DEVICE_GRANT, device_code: deviceCode, client_id: CLIENT_ID, ...params });
}

function refresh(server: IdentityServer, refreshToken: string, accessToken: string | undefined, params: Params = {}): Promise<Reply> {
  return post(server, '/oauth/token', {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: CLIENT_ID,
    access_token: accessToken,
    ...params,
  });
}

function exchangeParams(subjectToken: string, api: ApiName, store?: string): Params {
  const { audience, scopes } = EXCHANGES[api];
  return {
    grant_type: EXCHANGE_GRANT,
    requested_token_type: ACCESS_TOKEN_TYPE,
    subject_token_type: ACCESS_TOKEN_TYPE,
    client_id: CLIENT_ID,
    audience,
    scope: scopes.map((s) => AUTH + s).join(' '),
    subject_token: subjectToken,
    ...(store ? { destination: `https://${store}/admin`, store } : {}),
  };
}

function exchange(server: IdentityServer, subjectToken: string, api: ApiName, store?: string, params: Params = {}): Promise<Reply> {
  return post(server, '/oauth/token', { ...exchangeParams(subjectToken, api, store), ...params });
}

function assertOAuthError(reply: Reply, error: string, status = 400, mentions?: string): void {
  assert.equal(reply.json.error, error, `expected ${error}, got ${reply.text}`);
  assert.equal(reply.status, status);
  assert.equal(typeof reply.json.error_description, 'string');
  if (mentions !== undefined) assert.match(String(reply.json.error_description), new RegExp(mentions));
}

interface SignedIn {
  accessToken: string;
  refreshToken: string;
  idToken: string;
  reply: Reply;
}

async function signIn(server: IdentityServer, user?: TestUserName, scope = LOGIN_SCOPE): Promise<SignedIn> {
  const started = await deviceAuthorization(server, { scope });
  assert.equal(started.status, 200, started.text);
  await server.control.approve(String(started.json.user_code), user);
  const reply = await poll(server, String(started.json.device_code));
  assert.equal(reply.status, 200, reply.text);
  return {
    accessToken: String(reply.json.access_token),
    refreshToken: String(reply.json.refresh_token),
    idToken: String(reply.json.id_token),
    reply,
  };
}

async function verifyIdToken(server: IdentityServer, idToken: string) {
  const keys = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  return jwtVerify(idToken, createLocalJWKSet(keys), { issuer: server.url, audience: CLIENT_ID, algorithms: ['RS256'] });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the server has taken up every queued fault; fails instead of spinning forever. */
async function untilFaultsUsed(server: IdentityServer): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await server.control.faults()).length === 0) return;
    await sleep(10);
  }
  assert.fail('the server never took up the queued fault');
}

/** 'pending' if the promise has neither resolved nor rejected after a short while. */
async function stateAfterAWhile(promise: Promise<unknown>): Promise<'answered' | 'failed' | 'pending'> {
  return Promise.race([
    promise.then(
      () => 'answered' as const,
      () => 'failed' as const,
    ),
    sleep(200).then(() => 'pending' as const),
  ]);
}

describe('identity server', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer({ interval: 0 });
  });
  after(() => server.close());
  beforeEach(() => server.control.reset());

  describe('device authorization', () => {
    it('answers the documented fields with the production shapes', async () => {
      const reply = await deviceAuthorization(server);
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get('content-type'), 'application/json');
      assert.equal(reply.headers.get('cache-control'), 'no-store');
      const userCode = String(reply.json.user_code);
      assert.match(userCode, /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
      assert.ok(String(reply.json.device_code).length >= 32);
      assert.equal(reply.json.verification_uri, `${server.url}/activate`);
      assert.equal(reply.json.verification_uri_complete, `${server.url}/activate-with-code?device_code%5Buser_code%5D=${userCode}`);
      assert.equal(reply.json.expires_in, 600);
      assert.equal(reply.json.interval, 0);
      const [pending] = await server.control.pending();
      assert.equal(pending?.userCode, userCode);
      assert.equal(pending?.status, 'pending');
    });

    it('rejects a missing or unknown client_id with 401 invalid_client', async () => {
      assertOAuthError(await deviceAuthorization(server, { client_id: undefined }), 'invalid_client', 401, 'client_id');
      assertOAuthError(await deviceAuthorization(server, { client_id: 'someone-else' }), 'invalid_client', 401);
    });

    it('requires scope with openid and well-formed Shopify scope URLs', async () => {
      assertOAuthError(await deviceAuthorization(server, { scope: undefined }), 'invalid_request', 400, 'scope');
      assertOAuthError(await deviceAuthorization(server, { scope: `${AUTH}shop.admin.graphql` }), 'invalid_scope', 400, 'openid');
      for (const bad of ['shop.admin.graphql', `${AUTH}`, `http://api.shopify.com/auth/shop.admin.graphql`, `${AUTH}shop admin`, `${AUTH}shop.admin.graphql?x=1`]) {
        assertOAuthError(await deviceAuthorization(server, { scope: `openid ${bad}` }), 'invalid_scope', 400);
      }
      // An extra, well-formed scope a caller appended is fine.
      assert.equal((await deviceAuthorization(server, { scope: `${LOGIN_SCOPE} ${AUTH}shop.admin.extra-thing` })).status, 200);
    });

    it('refuses repeated parameters, non-form bodies and other methods', async () => {
      const twice = await send(`${server.url}/oauth/device_authorization`, `client_id=${CLIENT_ID}&client_id=${CLIENT_ID}&scope=openid`);
      assertOAuthError(twice, 'invalid_request', 400, 'client_id');
      const json = await send(`${server.url}/oauth/device_authorization`, JSON.stringify({ client_id: CLIENT_ID, scope: 'openid' }), 'application/json');
      assertOAuthError(json, 'invalid_request');
      const get = await fetch(`${server.url}/oauth/device_authorization`);
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST');
      assert.equal((await server.control.pending()).length, 0);
    });
  });

  describe('device code polling', () => {
    it('with the tests\' 0.1 s interval, a poll right after the last one is still told slow_down', async () => {
      await server.control.configure({ interval: 0.1 });
      const deviceCode = String((await deviceAuthorization(server)).json.device_code);
      assertOAuthError(await poll(server, deviceCode), 'authorization_pending');
      assertOAuthError(await poll(server, deviceCode), 'slow_down');
      assert.equal((await server.control.pending())[0]?.interval, 5.1);
    });

    it('goes pending, slow_down, then succeeds once after approval', async () => {
      await server.control.configure({ interval: 1 });
      const started = await deviceAuthorization(server);
      const deviceCode = String(started.json.device_code);
      assertOAuthError(await poll(server, deviceCode), 'authorization_pending');
      assertOAuthError(await poll(server, deviceCode), 'slow_down');
      assert.equal((await server.control.pending())[0]?.interval, 6);

      await server.control.approve(String(started.json.user_code));
      const reply = await poll(server, deviceCode);
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.headers.get('cache-control'), 'no-store');
      assert.match(String(reply.json.access_token), /^atkn_/);
      assert.equal(typeof reply.json.refresh_token, 'string');
      assert.notEqual(reply.json.refresh_token, reply.json.access_token);
      assert.equal(reply.json.expires_in, 7200);
      assert.equal(reply.json.scope, LOGIN_SCOPE);
      assert.equal(reply.json.token_type, 'bearer');
      const { payload } = await verifyIdToken(server, String(reply.json.id_token));
      assert.equal(payload.sub, ALICE_SUB);
      assert.equal(payload.email, 'alice@example.com');
      assert.equal(payload.email_verified, true);
      assert.equal(typeof payload.auth_time, 'number');
      assert.equal(payload.exp, Number(payload.iat) + 7200);

      assertOAuthError(await poll(server, deviceCode), 'invalid_grant');
      assert.equal((await server.control.pending())[0]?.status, 'used');
    });

    it('checks device_code and client_id', async () => {
      assertOAuthError(await poll(server, 'x', { device_code: undefined }), 'invalid_request', 400, 'device_code');
      assertOAuthError(await poll(server, 'no-such-code'), 'invalid_grant');
      const deviceCode = String((await deviceAuthorization(server)).json.device_code);
      assertOAuthError(await poll(server, deviceCode, { client_id: undefined }), 'invalid_client', 401);
      assertOAuthError(await poll(server, deviceCode, { client_id: 'other' }), 'invalid_client', 401);
    });

    it('answers access_denied after a denial', async () => {
      const started = await deviceAuthorization(server);
      await server.control.deny(String(started.json.user_code));
      assertOAuthError(await poll(server, String(started.json.device_code)), 'access_denied');
      assertOAuthError(await poll(server, String(started.json.device_code)), 'access_denied');
      assert.equal((await server.control.counts()).denials, 1);
      await assert.rejects(server.control.approve(String(started.json.user_code)), /already denied/);
    });

    it('signs in whichever test user approved', async () => {
      const { idToken } = await signIn(server, 'bob');
      assert.equal((await verifyIdToken(server, idToken)).payload.sub, BOB_SUB);
      await assert.rejects(server.control.approve('BBBB-BBBB'), /unknown user code/);
    });
  });

  describe('id_token and token_type variants', () => {
    it('publishes discovery without device_authorization_endpoint, and a JWKS', async () => {
      const discovery = (await (await fetch(`${server.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      assert.equal(discovery.issuer, server.url);
      assert.equal(discovery.token_endpoint, `${server.url}/oauth/token`);
      assert.equal(discovery.jwks_uri, `${server.url}/.well-known/jwks.json`);
      assert.equal('device_authorization_endpoint' in discovery, false);
      const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
      assert.equal(jwks.keys.length, 1);
      assert.equal(jwks.keys[0]?.kty, 'RSA');
      assert.equal('d' in (jwks.keys[0] ?? {}), false, 'the private part must not be published');
    });

    it('can answer with a bad signature, no sub, no id_token or a malformed one', async () => {
      await server.control.configure({ idToken: 'bad-signature' });
      const bad = await signIn(server);
      assert.equal(decodeJwt(bad.idToken).sub, ALICE_SUB);
      await assert.rejects(verifyIdToken(server, bad.idToken));

      await server.control.configure({ idToken: 'no-sub' });
      const noSub = await signIn(server);
      assert.equal((await verifyIdToken(server, noSub.idToken)).payload.sub, undefined);

      await server.control.configure({ idToken: 'absent' });
      assert.equal('id_token' in (await signIn(server)).reply.json, false);

      await server.control.configure({ idToken: 'malformed' });
      const malformed = (await signIn(server)).idToken;
      assert.throws(() => decodeJwt(malformed));
    });

    it('leaves token_type out when configured never, and adds it to exchanges when always', async () => {
      await server.control.configure({ tokenType: 'never' });
      const session = await signIn(server);
      assert.equal('token_type' in session.reply.json, false);
      assert.equal('token_type' in (await refresh(server, session.refreshToken, session.accessToken)).json, false);

      await server.control.configure({ tokenType: 'always' });
      const reply = await exchange(server, session.accessToken, 'partners');
      assert.equal(reply.json.token_type, 'bearer');
      assert.equal(reply.json.issued_token_type, ACCESS_TOKEN_TYPE);
    });
  });

  describe('refresh', () => {
    it('rotates the refresh token: the old one dies at once', async () => {
      const session = await signIn(server);
      const first = await refresh(server, session.refreshToken, session.accessToken);
      assert.equal(first.status, 200, first.text);
      assert.notEqual(first.json.refresh_token, session.refreshToken);
      assert.notEqual(first.json.access_token, session.accessToken);
      assert.match(String(first.json.access_token), /^atkn_/);
      assert.equal(first.json.scope, LOGIN_SCOPE);
      assert.equal(first.json.expires_in, 7200);
      assert.equal(first.json.token_type, 'bearer');
      const idToken = await verifyIdToken(server, String(first.json.id_token));
      assert.equal(idToken.payload.sub, ALICE_SUB);
      assert.equal(idToken.payload.auth_time, decodeJwt(session.idToken).auth_time);

      assertOAuthError(await refresh(server, session.refreshToken, String(first.json.access_token)), 'invalid_grant');
      const second = await refresh(server, String(first.json.refresh_token), String(first.json.access_token));
      assert.equal(second.status, 200, second.text);
      assert.equal((await server.control.counts()).refresh, 3);
    });

    it('keeps the refresh token when rotation is off', async () => {
      await server.control.configure({ rotateRefreshTokens: false });
      const session = await signIn(server);
      const first = await refresh(server, session.refreshToken, session.accessToken);
      assert.equal(first.json.refresh_token, session.refreshToken);
      assert.equal((await refresh(server, session.refreshToken, String(first.json.access_token))).status, 200);
    });

    it('may leave an unrotated refresh token out of the answer, but never a rotated one', async () => {
      await server.control.configure({ rotateRefreshTokens: false, omitUnrotatedRefreshToken: true });
      const session = await signIn(server);
      const first = await refresh(server, session.refreshToken, session.accessToken);
      assert.equal(first.status, 200, first.text);
      assert.equal('refresh_token' in first.json, false);
      assert.equal((await refresh(server, session.refreshToken, String(first.json.access_token))).status, 200);
      await server.control.configure({ rotateRefreshTokens: true });
      const rotated = await refresh(server, session.refreshToken, String(first.json.access_token));
      assert.match(String(rotated.json.refresh_token), /^atkr_/);
      assert.notEqual(rotated.json.refresh_token, session.refreshToken);
    });

    it('requires Shopify\'s access_token parameter, from the same session', async () => {
      const session = await signIn(server);
      const other = await signIn(server, 'bob');
      assertOAuthError(await refresh(server, session.refreshToken, undefined), 'invalid_request', 400, 'access_token');
      assertOAuthError(await refresh(server, session.refreshToken, other.accessToken), 'invalid_request', 400, 'access_token');
      assertOAuthError(await refresh(server, session.refreshToken, 'atkn_unknown'), 'invalid_request');
      // None of these used the refresh token up.
      assert.equal((await refresh(server, session.refreshToken, session.accessToken)).status, 200);
    });

    it('checks refresh_token and client_id', async () => {
      const session = await signIn(server);
      assertOAuthError(await refresh(server, 'x', session.accessToken, { refresh_token: undefined }), 'invalid_request', 400, 'refresh_token');
      assertOAuthError(await refresh(server, 'atkr_unknown', session.accessToken), 'invalid_grant');
      assertOAuthError(await refresh(server, session.refreshToken, session.accessToken, { client_id: undefined }), 'invalid_client', 401);
      assertOAuthError(await refresh(server, session.refreshToken, session.accessToken, { client_id: 'other' }), 'invalid_client', 401);
    });

    it('refuses a revoked user\'s refresh tokens', async () => {
      const alice = await signIn(server);
      const bob = await signIn(server, 'bob');
      assert.deepEqual(await server.control.revoke(ALICE_SUB), { revoked: 1 });
      assertOAuthError(await refresh(server, alice.refreshToken, alice.accessToken), 'invalid_grant');
      assert.equal((await refresh(server, bob.refreshToken, bob.accessToken)).status, 200);
    });
  });

  describe('token exchange', () => {
    it('mints a token per API, with only access_token, expires_in and scope', async () => {
      const { accessToken } = await signIn(server);
      for (const api of API_LIST) {
        const reply = await exchange(server, accessToken, api, api === 'admin' ? 'shop-one.myshopify.com' : undefined);
        assert.equal(reply.status, 200, `${api}: ${reply.text}`);
        assert.deepEqual(Object.keys(reply.json).sort(), ['access_token', 'expires_in', 'scope']);
        assert.equal(reply.json.expires_in, 7200);
        assert.equal(reply.json.scope, EXCHANGES[api].scopes.map((s) => AUTH + s).join(' '));
      }
      const counts = await server.control.counts();
      assert.deepEqual(counts.exchange, { total: 5, admin: 1, partners: 1, 'storefront-renderer': 1, 'business-platform': 1, 'app-management': 1 });
      const apps = (await server.control.issued()).filter((t) => t.kind === 'app');
      assert.deepEqual(apps.map((t) => t.api), API_LIST);
      assert.equal(apps[0]?.store, 'shop-one.myshopify.com');
      assert.equal(apps[0]?.audience, EXCHANGES.admin.audience);
      assert.equal(apps[0]?.sub, ALICE_SUB);
      assert.equal(apps[4]?.store, undefined);
    });

    it('honours appLifetime and keeps admin tokens per store', async () => {
      await server.control.configure({ appLifetime: 90 });
      const { accessToken } = await signIn(server);
      const one = await exchange(server, accessToken, 'admin', 'shop-one.myshopify.com');
      const two = await exchange(server, accessToken, 'admin', 'shop-two.myshopify.com');
      assert.equal(one.json.expires_in, 90);
      assert.notEqual(one.json.access_token, two.json.access_token);
      const stores = (await server.control.issued()).filter((t) => t.kind === 'app').map((t) => t.store);
      assert.deepEqual(stores, ['shop-one.myshopify.com', 'shop-two.myshopify.com']);
    });

    it('rejects each missing or wrong parameter with invalid_request naming it', async () => {
      const { accessToken } = await signIn(server);
      const good = exchangeParams(accessToken, 'admin', 'shop-one.myshopify.com');
      for (const name of ['requested_token_type', 'subject_token_type', 'audience', 'scope', 'subject_token', 'destination']) {
        assertOAuthError(await post(server, '/oauth/token', { ...good, [name]: undefined }), 'invalid_request', 400, name);
      }
      for (const name of ['requested_token_type', 'subject_token_type']) {
        const wrong = { ...good, [name]: 'urn:ietf:params:oauth:token-type:id_token' };
        assertOAuthError(await post(server, '/oauth/token', wrong), 'invalid_request', 400, name);
      }
      assertOAuthError(await post(server, '/oauth/token', { ...good, audience: 'not-an-api' }), 'invalid_request', 400, 'audience');
      for (const destination of ['shop-one.myshopify.com', 'https://shop-one.myshopify.com', 'https://shop-one.myshopify.com/admin/x', 'http://shop-one.myshopify.com/admin']) {
        assertOAuthError(await post(server, '/oauth/token', { ...good, destination, store: undefined }), 'invalid_request', 400, 'destination');
      }
      assertOAuthError(await post(server, '/oauth/token', { ...good, store: 'shop-two.myshopify.com' }), 'invalid_request', 400, 'store');
      assertOAuthError(await post(server, '/oauth/token', { ...good, client_id: undefined }), 'invalid_client', 401);
      assertOAuthError(await post(server, '/oauth/token', { ...good, client_id: 'other' }), 'invalid_client', 401);
      // destination alone is enough; the CLI's store= is optional.
      assert.equal((await post(server, '/oauth/token', { ...good, store: undefined })).status, 200);
      assert.equal((await server.control.issued()).filter((t) => t.kind === 'app').length, 1);
    });

    it('refuses an unknown or expired subject token with invalid_grant', async () => {
      assertOAuthError(await exchange(server, 'atkn_nobody', 'partners'), 'invalid_grant');
      const { accessToken } = await signIn(server);
      assert.deepEqual(await server.control.expire('identity'), { expired: 1 });
      assertOAuthError(await exchange(server, accessToken, 'partners'), 'invalid_grant');
      const identity = (await server.control.issued()).find((t) => t.kind === 'identity');
      assert.ok(identity && identity.expiresAt <= Date.now());
    });

    it('refuses scopes beyond the subject token\'s with invalid_scope', async () => {
      const { accessToken } = await signIn(server, 'alice', `openid ${AUTH}partners.app.cli.access`);
      assert.equal((await exchange(server, accessToken, 'partners')).status, 200);
      assertOAuthError(await exchange(server, accessToken, 'business-platform'), 'invalid_scope', 400, 'destinations.readonly');
      assertOAuthError(await exchange(server, accessToken, 'partners', undefined, { scope: 'partners.app.cli.access' }), 'invalid_scope');
    });

    it('answers invalid_target for a store the user does not staff', async () => {
      const alice = await signIn(server);
      const bob = await signIn(server, 'bob');
      assertOAuthError(await exchange(server, alice.accessToken, 'admin', 'not-staff.myshopify.com'), 'invalid_target');
      assertOAuthError(await exchange(server, alice.accessToken, 'admin', 'bob-store.myshopify.com'), 'invalid_target');
      assert.equal((await exchange(server, bob.accessToken, 'admin', 'bob-store.myshopify.com')).status, 200);
      // A vanity domain is not the permanent store domain.
      const vanity = await exchange(server, alice.accessToken, 'admin', undefined, { destination: 'https://shop-one.com/admin' });
      assertOAuthError(vanity, 'invalid_target', 400, 'myshopify');
    });

    it('accepts automation tokens for partners, business platform and app management only', async () => {
      for (const api of ['partners', 'business-platform', 'app-management'] as const) {
        assert.equal((await exchange(server, AUTOMATION_TOKEN, api)).status, 200, api);
      }
      const anyScope = await exchange(server, AUTOMATION_TOKEN, 'partners', undefined, { scope: `${AUTH}partners.app.cli.access ${AUTH}something.else` });
      assert.equal(anyScope.status, 200);
      assertOAuthError(await exchange(server, AUTOMATION_TOKEN, 'admin', 'shop-one.myshopify.com'), 'invalid_grant');
      assertOAuthError(await exchange(server, AUTOMATION_TOKEN, 'storefront-renderer'), 'invalid_grant');
      assert.ok((await server.control.issued()).every((t) => t.sub === 'automation'));

      await server.control.configure({ automationTokens: ['atkn_other'] });
      assertOAuthError(await exchange(server, AUTOMATION_TOKEN, 'partners'), 'invalid_grant');
      assert.equal((await exchange(server, 'atkn_other', 'partners')).status, 200);
    });
  });

  describe('token endpoint in general', () => {
    it('answers like an OAuth server to unknown grants, paths and methods', async () => {
      assertOAuthError(await post(server, '/oauth/token', { grant_type: 'password', client_id: CLIENT_ID }), 'unsupported_grant_type');
      assertOAuthError(await post(server, '/oauth/token', { client_id: CLIENT_ID }), 'invalid_request', 400, 'grant_type');
      assert.equal((await post(server, '/oauth/authorize', {})).status, 404);
      const get = await fetch(`${server.url}/oauth/token`);
      assert.equal(get.status, 405);
      assert.equal((await server.control.counts()).rejected, 4);
    });
  });

  describe('faults', () => {
    it('answers an injected error once, with its status and headers', async () => {
      await server.control.addFaults([
        { on: 'device_authorization', status: 503, error: 'temporarily_unavailable', errorDescription: 'try later', headers: { 'Retry-After': '3' } },
      ]);
      const faulted = await deviceAuthorization(server);
      assert.equal(faulted.status, 503);
      assert.equal(faulted.json.error, 'temporarily_unavailable');
      assert.equal(faulted.json.error_description, 'try later');
      assert.equal(faulted.headers.get('retry-after'), '3');
      assert.equal((await server.control.pending()).length, 0, 'an error fault does not process the request');
      assert.equal((await deviceAuthorization(server)).status, 200);
      const counts = await server.control.counts();
      assert.equal(counts.deviceAuthorization, 2);
      assert.equal(counts.rejected, 0);
    });

    it('applies faults in order, `times` times, or forever with -1', async () => {
      await server.control.addFaults([
        { on: 'device_authorization', times: 2, error: 'first' },
        { on: 'device_authorization', error: 'second' },
      ]);
      assert.equal((await deviceAuthorization(server)).json.error, 'first');
      assert.equal((await deviceAuthorization(server)).json.error, 'first');
      assert.equal((await deviceAuthorization(server)).json.error, 'second');
      assert.equal((await deviceAuthorization(server)).status, 200);

      await server.control.addFaults([{ on: 'any', times: -1, status: 500 }]);
      for (let i = 0; i < 3; i++) assertOAuthError(await deviceAuthorization(server), 'server_error', 500);
      assert.equal((await server.control.faults()).length, 1);
      await server.control.clearFaults();
      assert.equal((await deviceAuthorization(server)).status, 200);
    });

    it('targets one API\'s exchanges with `api`', async () => {
      const { accessToken } = await signIn(server);
      await server.control.addFaults([{ on: 'exchange', api: 'partners', status: 502 }]);
      assert.equal((await exchange(server, accessToken, 'admin', 'shop-one.myshopify.com')).status, 200);
      assert.equal((await refresh(server, 'x', accessToken)).json.error, 'invalid_grant');
      assert.equal((await exchange(server, accessToken, 'partners')).status, 502);
      assert.equal((await exchange(server, accessToken, 'partners')).status, 200);
    });

    it('bends a successful answer: html, empty, malformed JSON', async () => {
      const { accessToken } = await signIn(server);
      await server.control.addFaults([
        { on: 'exchange', body: 'html', status: 502 },
        { on: 'exchange', body: 'empty' },
        { on: 'exchange', body: 'malformed-json' },
      ]);
      const html = await exchange(server, accessToken, 'partners');
      assert.equal(html.status, 502);
      assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(html.text, /<html/);
      const empty = await exchange(server, accessToken, 'partners');
      assert.equal(empty.status, 200);
      assert.equal(empty.text, '');
      const malformed = await exchange(server, accessToken, 'partners');
      assert.equal(malformed.status, 200);
      assert.match(malformed.text, /^\{"access_token"/);
      assert.throws(() => JSON.parse(malformed.text));
    });

    it('bends a successful answer: no access_token, no token_type, an id_token without sub', async () => {
      const { accessToken } = await signIn(server);
      await server.control.addFaults([
        { on: 'exchange', body: 'no-access-token' },
        { on: 'device_poll', body: 'no-token-type' },
        { on: 'refresh', body: 'no-id-token-sub' },
      ]);
      const noAccess = await exchange(server, accessToken, 'partners');
      assert.equal(noAccess.status, 200);
      assert.equal('access_token' in noAccess.json, false);
      assert.equal(noAccess.json.expires_in, 7200);

      const noType = await signIn(server);
      assert.equal('token_type' in noType.reply.json, false);
      assert.match(noType.accessToken, /^atkn_/);

      const noSub = await refresh(server, noType.refreshToken, noType.accessToken);
      const { payload } = await verifyIdToken(server, String(noSub.json.id_token));
      assert.equal(payload.sub, undefined);
      assert.equal(payload.email, 'alice@example.com');
    });

    it('drops the connection before processing: nothing happened', async () => {
      const session = await signIn(server);
      await server.control.addFaults([{ on: 'refresh', drop: 'before' }]);
      await assert.rejects(refresh(server, session.refreshToken, session.accessToken));
      assert.equal((await server.control.counts()).refresh, 1);
      assert.equal((await refresh(server, session.refreshToken, session.accessToken)).status, 200);
    });

    it('drops the connection after processing: the refresh token was rotated anyway', async () => {
      const session = await signIn(server);
      await server.control.addFaults([{ on: 'refresh', drop: 'after' }]);
      await assert.rejects(refresh(server, session.refreshToken, session.accessToken));
      assertOAuthError(await refresh(server, session.refreshToken, session.accessToken), 'invalid_grant');
      const refreshTokens = (await server.control.issued()).filter((t) => t.kind === 'refresh');
      assert.equal(refreshTokens.length, 2, 'the lost answer carried a new refresh token');
    });

    it('delays an answer by latencyMs and still answers it', async () => {
      await server.control.addFaults([{ on: 'device_authorization', latencyMs: 50 }]);
      assert.equal((await deviceAuthorization(server)).status, 200);
      assert.equal((await server.control.faults()).length, 0);
    });

    it('hangs until the client gives up', async () => {
      await server.control.addFaults([{ on: 'device_authorization', hang: true }]);
      const controller = new AbortController();
      const hanging = send(`${server.url}/oauth/device_authorization`, encode({ client_id: CLIENT_ID, scope: 'openid' }), undefined, 'POST', controller.signal);
      try {
        await untilFaultsUsed(server);
        assert.equal(await stateAfterAWhile(hanging), 'pending');
      } finally {
        controller.abort();
      }
      await assert.rejects(hanging, { name: 'AbortError' });
      assert.equal((await deviceAuthorization(server)).status, 200);
    });

    it('hangs until the server closes', async () => {
      const other = await startIdentityServer({ interval: 0 });
      await other.control.addFaults([{ on: 'any', hang: true }]);
      const hanging = deviceAuthorization(other);
      try {
        await untilFaultsUsed(other);
        assert.equal(await stateAfterAWhile(hanging), 'pending');
      } finally {
        await other.close();
      }
      await assert.rejects(hanging);
    });

    it('refuses malformed faults', async () => {
      const bad: unknown[] = [{ on: 'everything' }, { on: 'refresh', times: 0 }, { on: 'refresh', body: 'xml' }, { on: 'refresh', drop: 'middle' }, { on: 'refresh', colour: 'red' }];
      for (const fault of bad) {
        const reply = await send(`${server.url}/__control/faults`, JSON.stringify({ faults: [fault] }), 'application/json');
        assert.equal(reply.status, 400, JSON.stringify(fault));
      }
      assert.deepEqual(await server.control.faults(), []);
    });
  });

  describe('counts and reset', () => {
    it('counts every request by kind', async () => {
      const started = await deviceAuthorization(server);
      await poll(server, String(started.json.device_code));
      await server.control.approve(String(started.json.user_code));
      const ok = await poll(server, String(started.json.device_code));
      const accessToken = String(ok.json.access_token);
      await refresh(server, String(ok.json.refresh_token), accessToken);
      await exchange(server, accessToken, 'admin', 'shop-one.myshopify.com');
      await exchange(server, accessToken, 'admin', 'not-staff.myshopify.com');
      await exchange(server, accessToken, 'storefront-renderer');
      await server.control.deny(String((await deviceAuthorization(server)).json.user_code));
      assert.deepEqual(await server.control.counts(), {
        deviceAuthorization: 2,
        devicePoll: 2,
        refresh: 1,
        exchange: { total: 3, admin: 2, partners: 0, 'storefront-renderer': 1, 'business-platform': 0, 'app-management': 0 },
        approvals: 1,
        denials: 1,
        rejected: 1,
      });
    });

    it('takes a polling interval in fractions of a second (RFC 8628 sends a number), and refuses a negative one', async () => {
      await server.control.configure({ interval: 0.1 });
      const started = await deviceAuthorization(server);
      assert.equal(started.json.interval, 0.1);
      await assert.rejects(server.control.configure({ interval: -1 }), /interval must be a non-negative number of seconds/);
      await assert.rejects(server.control.configure({ identityLifetime: 0.5 }), /identityLifetime must be a non-negative integer/);
    });

    it('reset forgets counts, faults, codes, sessions, tokens and config', async () => {
      const session = await signIn(server);
      await server.control.configure({ interval: 9, tokenType: 'never' });
      await server.control.addFaults([{ on: 'any', times: -1, status: 500 }]);
      await server.control.reset();
      assert.deepEqual(await server.control.faults(), []);
      assert.deepEqual(await server.control.pending(), []);
      assert.deepEqual(await server.control.issued(), []);
      assert.equal((await server.control.counts()).deviceAuthorization, 0);
      const config = await server.control.config();
      assert.equal(config.interval, 0, 'back to the start options');
      assert.equal(config.tokenType, 'not-on-exchange');
      assertOAuthError(await refresh(server, session.refreshToken, session.accessToken), 'invalid_grant');
    });

    it('lists every issued token in order', async () => {
      const session = await signIn(server);
      const renewed = await refresh(server, session.refreshToken, session.accessToken);
      const app = await exchange(server, String(renewed.json.access_token), 'partners');
      const issued = await server.control.issued();
      assert.deepEqual(
        issued.map((t) => [t.kind, t.value]),
        [
          ['refresh', session.refreshToken],
          ['identity', session.accessToken],
          ['refresh', renewed.json.refresh_token],
          ['identity', renewed.json.access_token],
          ['app', app.json.access_token],
        ],
      );
      assert.deepEqual(issued[4]?.scopes, [`${AUTH}partners.app.cli.access`]);
      assert.ok(issued.every((t) => t.expiresAt > t.issuedAt));
    });
  });

  describe('control over HTTP', () => {
    it('serves the same methods as JSON', async () => {
      const remote = connectControl(server.url);
      assert.equal((await remote.configure({ interval: 2 })).interval, 2);
      const started = await deviceAuthorization(server);
      assert.equal((await remote.pending())[0]?.interval, 2);
      assert.equal((await remote.approve(String(started.json.user_code), 'bob')).user, 'bob');
      assert.equal((await poll(server, String(started.json.device_code))).status, 200);
      assert.deepEqual(await remote.counts(), await server.control.counts());
      assert.equal((await remote.issued()).length, 2);
      assert.deepEqual(await remote.expire('all'), { expired: 1 });
      assert.deepEqual(await remote.revoke(BOB_SUB), { revoked: 1 });
      await remote.addFaults([{ on: 'refresh' }]);
      assert.equal((await remote.faults()).length, 1);
      await remote.clearFaults();
      await remote.reset();
      assert.equal((await server.control.config()).interval, 0);
    });

    it('refuses bad control requests clearly', async () => {
      assert.equal((await fetch(`${server.url}/__control/nothing`)).status, 404);
      assert.equal((await fetch(`${server.url}/__control/counts`, { method: 'POST' })).status, 405);
      assert.equal((await send(`${server.url}/__control/configure`, '{', 'application/json')).status, 400);
      assert.equal((await send(`${server.url}/__control/configure`, '{"interval":-1}', 'application/json')).status, 400);
      assert.equal((await send(`${server.url}/__control/configure`, '{"colour":"red"}', 'application/json')).status, 400);
      assert.equal((await send(`${server.url}/__control/approve`, '{"userCode":"BBBB-BBBB"}', 'application/json')).status, 404);
      await assert.rejects(connectControl(server.url).deny('BBBB-BBBB'), /unknown user code/);
    });
  });

  describe('approval page', () => {
    it('shows the prefilled code, approves as the chosen user and says so', async () => {
      const started = await deviceAuthorization(server);
      const userCode = String(started.json.user_code);
      const pageReply = await fetch(String(started.json.verification_uri_complete));
      assert.equal(pageReply.status, 200);
      assert.match(pageReply.headers.get('content-type') ?? '', /^text\/html/);
      const html = await pageReply.text();
      assert.match(html, new RegExp(`id="user-code">${userCode}<`));
      assert.match(html, /<select id="user" name="user">.*value="alice".*value="bob"/s);
      assert.match(html, />Approve<\/button>/);
      assert.match(html, />Deny<\/button>/);
      assert.doesNotMatch(html, /<script|https?:\/\/(?!127\.0\.0\.1)/);

      const done = await send(`${server.url}/activate`, encode({ user_code: userCode, user: 'bob', action: 'approve' }));
      assert.equal(done.status, 200);
      assert.match(done.text, /<h1>Approved<\/h1>/);
      assert.match(done.text, /You can close this tab and return to VS Code\./);
      const reply = await poll(server, String(started.json.device_code));
      assert.equal(decodeJwt(String(reply.json.id_token)).sub, BOB_SUB);
    });

    it('takes a typed code in any case, and denies', async () => {
      const form = await (await fetch(`${server.url}/activate`)).text();
      assert.match(form, /<input id="user-code" name="user_code"/);
      const started = await deviceAuthorization(server);
      const typed = String(started.json.user_code).toLowerCase().replace('-', '');
      const done = await send(`${server.url}/activate`, encode({ user_code: typed, user: 'alice', action: 'deny' }));
      assert.match(done.text, /<h1>Denied<\/h1>/);
      assert.match(done.text, /You can close this tab and return to VS Code\./);
      assertOAuthError(await poll(server, String(started.json.device_code)), 'access_denied');
    });

    it('says when a code is unknown or used, and escapes what it echoes', async () => {
      const unknown = await fetch(`${server.url}/activate-with-code?device_code%5Buser_code%5D=%3Cscript%3Ealert(1)%3C/script%3E`);
      assert.equal(unknown.status, 404);
      const text = await unknown.text();
      assert.match(text, /Unknown code/);
      assert.doesNotMatch(text, /<script>/);
      assert.match(text, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);

      const started = await deviceAuthorization(server);
      await server.control.approve(String(started.json.user_code));
      const again = await fetch(String(started.json.verification_uri_complete));
      assert.equal(again.status, 409);
      assert.match(await again.text(), /already approved/);
      const twice = await send(`${server.url}/activate`, encode({ user_code: String(started.json.user_code), action: 'deny' }));
      assert.equal(twice.status, 409);
      assert.doesNotMatch(twice.text, /<h1>Denied/);
      assert.equal((await server.control.counts()).denials, 0);
    });
  });

  describe('session tokens', () => {
    const secret = 'test-app-secret';
    const key = new TextEncoder().encode(secret);
    const clientId = 'test-app-client-id';

    it('mints an admin token shaped like App Bridge\'s', async () => {
      const { token } = await server.control.mintSessionToken({ family: 'admin', shop: 'shop-one.myshopify.com', clientId, secret, sub: '77' });
      const { payload, protectedHeader } = await jwtVerify(token, key, { algorithms: ['HS256'], audience: clientId });
      assert.deepEqual(protectedHeader, { alg: 'HS256', typ: 'JWT' });
      assert.deepEqual(Object.keys(payload), ['iss', 'dest', 'aud', 'sub', 'exp', 'nbf', 'iat', 'jti', 'sid']);
      assert.equal(payload.iss, 'https://shop-one.myshopify.com/admin');
      assert.equal(payload.dest, 'https://shop-one.myshopify.com');
      assert.equal(payload.sub, '77');
      assert.equal(Number(payload.exp) - Number(payload.iat), 60);
    });

    it('mints checkout, customer-account and pos tokens', async () => {
      const shop = 'shop-one.myshopify.com';
      const checkout = decodeJwt((await server.control.mintSessionToken({ family: 'checkout', shop, clientId, secret, sub: '123' })).token);
      assert.equal(checkout.dest, shop);
      assert.equal(checkout.iss, `https://${shop}/checkouts`);
      assert.equal(checkout.sub, 'gid://shopify/Customer/123');
      assert.equal(Number(checkout.exp) - Number(checkout.iat), 300);
      const customer = decodeJwt((await server.control.mintSessionToken({ family: 'customer-account', shop, clientId, secret })).token);
      assert.equal(customer.iss, undefined);
      assert.equal(customer.sub, undefined);
      assert.equal(typeof customer.jti, 'string');
      const pos = decodeJwt((await server.control.mintSessionToken({ family: 'pos', shop, clientId, secret, sub: '9' })).token);
      assert.equal(pos.sub, '9');
      assert.equal(pos.aud, clientId);
    });

    it('applies claim and header overrides, including removal and alg none', async () => {
      const { token } = await server.control.mintSessionToken({
        family: 'admin',
        shop: 'shop-one.myshopify.com',
        clientId,
        secret,
        lifetime: 5,
        claims: { exp: null, extra: 'yes' },
        header: { kid: 'k1' },
      });
      const claims = decodeJwt(token);
      assert.equal(claims.exp, undefined);
      assert.equal(claims.extra, 'yes');
      assert.equal(decodeProtectedHeader(token).kid, 'k1');
      await jwtVerify(token, key); // still validly signed

      const none = (await server.control.mintSessionToken({ family: 'pos', shop: 'x.myshopify.com', clientId, secret, header: { alg: 'none' } })).token;
      assert.equal(none.split('.')[2], '');
      const confused = (await server.control.mintSessionToken({ family: 'pos', shop: 'x.myshopify.com', clientId, secret, header: { alg: 'RS256' } })).token;
      assert.equal(decodeProtectedHeader(confused).alg, 'RS256');

      const overHttp = await send(`${server.url}/__control/session-token`, JSON.stringify({ family: 'admin', shop: 's.myshopify.com', clientId, secret }), 'application/json');
      assert.equal(typeof overHttp.json.token, 'string');
      const bad = await send(`${server.url}/__control/session-token`, JSON.stringify({ family: 'web', shop: 's', clientId, secret }), 'application/json');
      assert.equal(bad.status, 400);
    });
  });
});

// Tests that must wait for real time to pass. Each server is started with the short
// lifetimes it needs, and the tests run side by side so the waits overlap.
describe('identity server over time', { concurrency: true }, () => {
  let fast: IdentityServer; // interval 1 s, identity tokens live 1 s
  let brief: IdentityServer; // device codes live 1 s
  before(async () => {
    [fast, brief] = await Promise.all([
      startIdentityServer({ interval: 1, identityLifetime: 1 }),
      startIdentityServer({ deviceCodeLifetime: 1, interval: 7, appLifetime: 45 }),
    ]);
  });
  after(() => Promise.all([fast.close(), brief.close()]));

  it('uses the lifetimes and interval given at start', async () => {
    const reply = await deviceAuthorization(brief);
    assert.equal(reply.json.expires_in, 1);
    assert.equal(reply.json.interval, 7);
    const config = await brief.control.config();
    assert.equal(config.appLifetime, 45);
    assert.equal(config.identityLifetime, 7200);
  });

  it('enforces the interval grown by slow_down', async () => {
    const started = await deviceAuthorization(fast);
    const deviceCode = String(started.json.device_code);
    assertOAuthError(await poll(fast, deviceCode), 'authorization_pending');
    assertOAuthError(await poll(fast, deviceCode), 'slow_down');
    // Past the original 1 s interval but well within the grown 6 s one.
    await sleep(1100);
    assertOAuthError(await poll(fast, deviceCode), 'slow_down');
    const code = (await fast.control.pending()).find((c) => c.userCode === started.json.user_code);
    assert.equal(code?.interval, 11);
  });

  it('answers expired_token once expires_in has passed', async () => {
    const started = await deviceAuthorization(brief);
    await sleep(1100);
    assertOAuthError(await poll(brief, String(started.json.device_code)), 'expired_token');
    await assert.rejects(brief.control.approve(String(started.json.user_code)), /expired/);
    const code = (await brief.control.pending()).find((c) => c.userCode === started.json.user_code);
    assert.equal(code?.status, 'expired');
  });

  it('shows an expired code as expired on the approval page', async () => {
    const started = await deviceAuthorization(brief);
    await sleep(1100);
    const expired = await fetch(String(started.json.verification_uri_complete));
    assert.equal(expired.status, 410);
    assert.match(await expired.text(), /expired/);
    const late = await send(`${brief.url}/activate`, encode({ user_code: String(started.json.user_code), action: 'approve' }));
    assert.equal(late.status, 410);
    assert.doesNotMatch(late.text, /<h1>Approved/);
  });

  it('refuses an expired identity token, and refreshes with it', async () => {
    const session = await signIn(fast);
    assert.equal(session.reply.json.expires_in, 1);
    await sleep(1100);
    assertOAuthError(await exchange(fast, session.accessToken, 'partners'), 'invalid_grant', 400, 'expired');
    const renewed = await refresh(fast, session.refreshToken, session.accessToken);
    assert.equal(renewed.status, 200, renewed.text);
    assert.equal((await exchange(fast, String(renewed.json.access_token), 'partners')).status, 200);
  });
});

describe('identity server CLI', () => {
  it('prints its URL, serves with a poll interval of half a second, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/identity-server/main.ts', '--interval', '0.5', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /Shopify identity server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        void exited.then(() => reject(new Error(`exited early: ${output}`)));
      });
      assert.match(output, /\/activate/);
      const reply = await send(`${url}/oauth/device_authorization`, encode({ client_id: CLIENT_ID, scope: 'openid' }));
      assert.equal(reply.json.interval, 0.5);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, output);
  });
});
