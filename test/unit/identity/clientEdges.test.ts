// The identity client at its edges, against the local identity server: the exact words of each refusal, what a
// refresh keeps when its id_token is missing or unreadable, the lifetime assumed when an answer gives none, what an
// admin exchange sends, and how the sign-in wait backs off, expires and is cancelled. The branches of translate()
// that no answer through the client reaches (no API named, 5xx bodies, bare TypeErrors) are called directly.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import { identityScopes } from '../../../src/shopify/identity/apis';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { IdentityClient, translate, type IdentityTokens } from '../../../src/shopify/identity/client';
import type { Fault, IdentityServer } from '../../identity-server/types';
import { alice, UNSTAFFED_STORE } from '../../identity-server/users';
import { identityServer, resetServer, signedIn } from '../support/fixture';

const STORE_CAUSES = 'this account may not develop on it. The usual causes: (1) you have never opened this store\'s admin with this account, so log in to it once in the browser; (2) you have no staff or collaborator account on it, so ask the owner for access; (3) you used a custom domain, so use the permanent *.myshopify.com domain (Settings > Domains).';

/** Rejects with a ShopifyAuthError of this code and exactly this message. */
function failsWith(code: string, message: string | RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof ShopifyAuthError, `expected a ShopifyAuthError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  };
}

/** A client that writes down its notes (the log lines the extension would keep). */
function noting(server: IdentityServer, extra: { now?: () => number; fetch?: (url: string, init: RequestInit) => Promise<Response> } = {}) {
  const notes: string[] = [];
  const identity = new IdentityClient({ identityUrl: server.url, requestTimeoutMs: 5000, onNote: (n) => notes.push(n), ...extra });
  return { identity, notes };
}

describe('what the identity client says and keeps, answer by answer', () => {
  let server: IdentityServer;
  let tokens: IdentityTokens;

  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(async () => {
    await resetServer(server);
    tokens = await signedIn(server, noting(server).identity);
  });

  async function exchangeFailsWith(fault: Omit<Fault, 'on'>, code: string, message: string | RegExp): Promise<void> {
    await server.control.addFaults([{ on: 'exchange', ...fault }]);
    await assert.rejects(noting(server).identity.exchange(tokens.accessToken, 'partners', [], undefined), failsWith(code, message));
  }

  test('a sign-in code the server calls expired says so and asks for a new one in time', async () => {
    const identity = noting(server).identity;
    const device = await identity.requestDeviceCode(identityScopes());
    await server.control.addFaults([{ on: 'device_poll', status: 400, error: 'expired_token' }]);
    await assert.rejects(identity.waitForApproval(device), failsWith('code-expired', 'The sign-in code expired before it was approved. Sign in again and approve the new code in time.'));
  });

  test('a refusal meant for the approval page is only a protocol error on a refresh or an exchange', async () => {
    await server.control.addFaults([{ on: 'refresh', status: 400, error: 'access_denied', errorDescription: 'nope' }]);
    await assert.rejects(
      noting(server).identity.refresh(tokens.refreshToken, tokens.accessToken, tokens.scopes),
      failsWith('protocol', 'Shopify\'s identity service answered "access_denied": nope. Try again; if it persists, report it.'),
    );
    await exchangeFailsWith({ status: 400, error: 'expired_token', errorDescription: 'gone' }, 'protocol', 'Shopify\'s identity service answered "expired_token": gone. Try again; if it persists, report it.');
    await exchangeFailsWith({ status: 400, error: 'access_denied', errorDescription: 'nope' }, 'protocol', 'Shopify\'s identity service answered "access_denied": nope. Try again; if it persists, report it.');
  });

  test('a refusal without a description quotes the server\'s error code alone', async () => {
    await server.control.configure({ answerStyle: 'sparse' });
    const stranger = new IdentityClient({ identityUrl: server.url, clientId: 'not-the-cli' });
    await assert.rejects(
      stranger.exchange(tokens.accessToken, 'partners', [], undefined),
      failsWith('protocol', 'Shopify\'s identity service answered "invalid_client". Try again; if it persists, report it.'),
    );
  });

  test('a refresh without a usable access token says the stored session cannot be used', async () => {
    await assert.rejects(
      noting(server).identity.refresh(tokens.refreshToken, 'atkn_not_this_one', tokens.scopes),
      failsWith('session-unusable', 'Your stored Shopify session cannot be used any more. Sign in again.'),
    );
  });

  test('refused scopes name the API, and the server\'s reason when it gives one', async () => {
    await exchangeFailsWith({ status: 400, error: 'invalid_scope', errorDescription: 'unknown scope' }, 'scope-rejected', 'Shopify refused the scopes asked for the Partners API (unknown scope). Ask for fewer or other scopes.');
    // The server's own refusal, without its description.
    await server.control.configure({ answerStyle: 'sparse' });
    await assert.rejects(
      noting(server).identity.exchange(tokens.accessToken, 'partners', ['https://api.shopify.com/auth/shop.admin.never-granted'], undefined),
      failsWith('scope-rejected', 'Shopify refused the scopes asked for the Partners API. Ask for fewer or other scopes.'),
    );
  });

  test('an exchange on an expired sign-in names the API', async () => {
    await server.control.expire('identity');
    await assert.rejects(
      noting(server).identity.exchange(tokens.accessToken, 'partners', [], undefined),
      failsWith('session-expired', 'Shopify refused to issue a token for the Partners API: the sign-in it was based on is no longer valid. Sign in again.'),
    );
  });

  test('an exchange the server no longer accepts names the API', async () => {
    await exchangeFailsWith({ status: 400, error: 'invalid_request' }, 'session-unusable', 'Shopify no longer accepts this sign-in for the Partners API. Sign in again.');
  });

  test('a store the account may not develop on is named with the API', async () => {
    await assert.rejects(
      noting(server).identity.exchange(tokens.accessToken, 'admin', [], UNSTAFFED_STORE),
      failsWith('store-access', `Shopify refused a token for the Admin API on ${UNSTAFFED_STORE}: ${STORE_CAUSES}`),
    );
  });

  test('an Admin exchange without a store says Admin tokens are per store', async () => {
    await assert.rejects(noting(server).identity.exchange(tokens.accessToken, 'admin', [], undefined), failsWith('no-store', 'Admin API tokens are per store, and no store was given.'));
  });

  test('an answer openid-client cannot use is a bad answer worth trying again', async () => {
    await server.control.addFaults([{ on: 'exchange', body: 'no-access-token' }]);
    await assert.rejects(noting(server).identity.exchange(tokens.accessToken, 'partners', [], undefined), (e: unknown) => {
      failsWith('bad-response', 'Shopify\'s identity service sent an answer that is not valid (invalid response encountered). Try again; if it persists, check shopifyAuth.identityUrl.')(e);
      assert.equal((e as ShopifyAuthError).transient, true);
      return true;
    });
  });

  test('an Admin exchange sends the store both as its admin destination and by name', async () => {
    const sent: URLSearchParams[] = [];
    const { identity } = noting(server, {
      fetch: (url, init) => {
        if (url.endsWith('/oauth/token')) sent.push(new URLSearchParams(String(init.body)));
        return fetch(url, init);
      },
    });
    await identity.exchange(tokens.accessToken, 'admin', [], 'shop-one.myshopify.com');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.get('destination'), 'https://shop-one.myshopify.com/admin');
    assert.equal(sent[0]?.get('store'), 'shop-one.myshopify.com');
  });

  test('an answer whose expires_in is 0 is trusted for 600 s, and the log says so', async () => {
    await server.control.configure({ appLifetime: 0 });
    const { identity, notes } = noting(server, { now: () => 1_000_000 });
    const token = await identity.exchange(tokens.accessToken, 'partners', [], undefined);
    assert.equal(token.expiresAt, 1_000_000 + 600_000);
    assert.ok(notes.includes('token answer had no usable expires_in; assuming 600 s'), notes.join('\n'));
    // The answer's own quirks are noted through the same log.
    assert.ok(notes.includes('token answer had no token_type; treated as bearer'), notes.join('\n'));
  });

  test('a refresh whose id_token is readable takes who it names', async () => {
    const next = await noting(server).identity.refresh(tokens.refreshToken, tokens.accessToken, tokens.scopes);
    assert.equal(next.userId, alice.sub);
    assert.equal(next.email, alice.email);
    assert.ok(next.idToken);
  });

  test('a refresh without an id_token keeps the new refresh token, names nobody, and notes nothing', async () => {
    await server.control.configure({ idToken: 'absent' });
    const { identity, notes } = noting(server);
    const next = await identity.refresh(tokens.refreshToken, tokens.accessToken, tokens.scopes);
    assert.notEqual(next.refreshToken, tokens.refreshToken);
    assert.equal(next.userId, '');
    assert.equal(next.email, undefined);
    assert.equal(next.idToken, undefined);
    assert.deepEqual(notes.filter((n) => /id_token/.test(n)), []);
  });

  test('a field the answer itself names x_unverified_id_token is not taken for its id_token', async () => {
    // That name is where our fetch adapter hides a real id_token from openid-client; an answer must not be able to
    // put a token there itself and so name whom it likes, unverified, past the id_token rules.
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const planted = `${part({ alg: 'none' })}.${part({ sub: 'mallory', email: 'mallory@example.com' })}.`;
    const answer = { access_token: 'atkn_refreshed_0001', refresh_token: 'atkr_refreshed_0001', token_type: 'bearer', expires_in: 3600, scope: tokens.scopes.join(' '), x_unverified_id_token: planted };
    await server.control.addFaults([{ on: 'refresh', status: 200, raw: { text: JSON.stringify(answer), contentType: 'application/json' } }]);
    const next = await noting(server).identity.refresh(tokens.refreshToken, tokens.accessToken, tokens.scopes);
    assert.equal(next.refreshToken, 'atkr_refreshed_0001');
    assert.deepEqual([next.userId, next.email, next.idToken], ['', undefined, undefined]);
  });

  test('a refresh with an unreadable id_token keeps the new refresh token and notes why nobody is named', async () => {
    await server.control.configure({ idToken: 'malformed' });
    const { identity, notes } = noting(server);
    const next = await identity.refresh(tokens.refreshToken, tokens.accessToken, tokens.scopes);
    assert.notEqual(next.refreshToken, tokens.refreshToken);
    assert.equal(next.userId, '');
    assert.equal(next.idToken, undefined);
    assert.ok(notes.includes('refresh answer carried an unreadable id_token; the account keeps the identity it had'), notes.join('\n'));
  });
});

/** Each with its own server, side by side: these wait on real time. */
describe('the sign-in wait: backing off, expiring, being cancelled', { concurrency: true }, () => {
  // Started together: a server takes a moment to start.
  let servers: IdentityServer[] = [];
  before(async () => (servers = await Promise.all([0, 1, 2, 3, 4, 5, 6].map(() => identityServer()))));
  after(() => Promise.all(servers.map((s) => s.close())));
  /** Test `index`'s own server, configured as it needs. */
  async function own(index: number, config: { interval?: number; deviceCodeLifetime?: number }): Promise<IdentityServer> {
    const server = servers[index];
    assert.ok(server);
    await server.control.configure(config);
    return server;
  }

  test('a failed poll waits as the server asks, later ones back off, and the log says how long', async () => {
    const server = await own(0, { interval: 0.5 });
    {
      const times: number[] = [];
      const notes: string[] = [];
      const identity = new IdentityClient({ identityUrl: server.url, onNote: (n) => (notes.push(n), times.push(Date.now())) });
      await server.control.addFaults([
        { on: 'device_poll', status: 503, headers: { 'retry-after': '1.55' } },
        { on: 'device_poll', drop: 'before' },
      ]);
      const tokens = await signedIn(server, identity);
      assert.equal(tokens.userId, alice.sub);
      const polls = notes.filter((n) => n.startsWith('sign-in poll failed'));
      // Retry-After 1.55 s, less the 0.5 s openid-client waits itself; then one interval more for the second failure.
      assert.deepEqual(polls, ['sign-in poll failed (server); polling again in 1.5 s', 'sign-in poll failed (network); polling again in 1.5 s']);
      const [first = 0, second = 0] = times;
      assert.ok(second - first >= 1400, `polled again after ${second - first} ms, before the server's Retry-After`);
    }
  });

  test('a code nobody approves ends naming the code, and asks for the new one within 10 minutes', async () => {
    const server = await own(1, { deviceCodeLifetime: 3 });
    {
      const identity = new IdentityClient({ identityUrl: server.url });
      const device = await identity.requestDeviceCode(identityScopes());
      // The client's deadline comes first (the server's own expired_token answer has its own message, tested above).
      await assert.rejects(
        identity.waitForApproval({ ...device, expiresAt: Date.now() + 1000 }),
        failsWith('code-expired', `The sign-in code ${device.userCode} expired before it was approved. Sign in again and approve the new code within 10 minutes.`),
      );
    }
  });

  test('a code that runs out while the last poll hangs after a failed one ends with that failure, worth trying again', async () => {
    const server = await own(2, { deviceCodeLifetime: 2 });
    {
      const notes: string[] = [];
      const identity = new IdentityClient({ identityUrl: server.url, onNote: (n) => notes.push(n) });
      const device = await identity.requestDeviceCode(identityScopes());
      await server.control.addFaults([
        { on: 'device_poll', drop: 'before' },
        { on: 'device_poll', hang: true },
      ]);
      await assert.rejects(identity.waitForApproval(device), (e: unknown) => {
        failsWith('network', /^The sign-in code [A-Z]{4}-[A-Z]{4} expired while requests to Shopify's sign-in server were failing\. Could not reach /)(e);
        const error = e as ShopifyAuthError;
        assert.equal(error.transient, true);
        assert.ok(error.cause instanceof ShopifyAuthError && error.cause.code === 'network', String(error.cause));
        return true;
      });
      // Only the poll that failed is noted: the one cut off by the expiry is not "polling again".
      assert.deepEqual(notes.filter((n) => n.startsWith('sign-in poll failed')), ['sign-in poll failed (network); polling again in 0.1 s']);
    }
  });

  /** A sign-in whose first poll fails with a long Retry-After; `onFailedPoll` runs when the client notes it. */
  async function cancelDuringBackoff(index: number, onFailedPoll: (cancel: AbortController) => void): Promise<void> {
    const server = await own(index, {});
    {
      const cancel = new AbortController();
      let cancelledAt = 0;
      const identity = new IdentityClient({
        identityUrl: server.url,
        onNote: (n) => {
          if (!n.startsWith('sign-in poll failed')) return;
          cancel.signal.addEventListener('abort', () => (cancelledAt = Date.now()));
          onFailedPoll(cancel);
        },
      });
      await server.control.addFaults([{ on: 'device_poll', status: 503, headers: { 'retry-after': '5' } }]);
      const device = await identity.requestDeviceCode(identityScopes());
      await assert.rejects(identity.waitForApproval(device, cancel.signal), failsWith('cancelled', 'Sign-in cancelled.'));
      assert.ok(cancelledAt > 0, 'never cancelled');
      assert.ok(Date.now() - cancelledAt < 2000, `the wait went on ${Date.now() - cancelledAt} ms after cancel`);
      assert.equal((await server.control.counts()).devicePoll, 1);
    }
  }

  test('after cancel during the wait between polls, no further request is even attempted', async () => {
    const server = await own(5, { interval: 0.5 });
    const cancel = new AbortController();
    let polls = 0;
    const identity = new IdentityClient({
      identityUrl: server.url,
      // Passes every request on to the network, counting the polls; cancels 0.1 s after the first is answered.
      fetch: async (url, init) => {
        if (url.endsWith('/oauth/token')) polls++;
        const answer = await fetch(url, init);
        if (url.endsWith('/oauth/token')) setTimeout(() => cancel.abort(), 100);
        return answer;
      },
    });
    const device = await identity.requestDeviceCode(identityScopes());
    await assert.rejects(identity.waitForApproval(device, cancel.signal), failsWith('cancelled', 'Sign-in cancelled.'));
    // Longer than the 0.5 s interval: a poll loop left running would have tried again by now.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(polls, 1);
  });

  test('ten failed polls in a row leave no cancel listeners behind (no leak warning)', async () => {
    const server = await own(6, { interval: 0.001 });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      const identity = new IdentityClient({ identityUrl: server.url });
      const device = await identity.requestDeviceCode(identityScopes());
      await server.control.addFaults([{ on: 'device_poll', drop: 'before', times: 10 }]);
      await server.control.approve(device.userCode);
      assert.equal((await identity.waitForApproval(device)).userId, alice.sub);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings.filter((w) => /MaxListeners/.test(w)), []);
    } finally {
      process.off('warning', onWarning);
    }
  });

  test('cancel during the back-off after a failed poll ends the sign-in at once', () => cancelDuringBackoff(3, (cancel) => setTimeout(() => cancel.abort(), 100)));

  test('a caller that cancels from the log line about a failed poll ends the sign-in at once', () => cancelDuringBackoff(4, (cancel) => cancel.abort()));
});

describe('translate: the failures no answer through the client reaches', () => {
  function bodyError(status: number, error: string, errorDescription?: string): oidc.ResponseBodyError {
    return new oidc.ResponseBodyError('server error', {
      cause: { error, ...(errorDescription === undefined ? {} : { error_description: errorDescription }) },
      response: new Response(null, { status }),
    });
  }

  test('an exchange refusal for an unnamed API says "a token" or says nothing of the API', () => {
    assert.equal(translate(bodyError(400, 'invalid_scope'), 'exchange').message, 'Shopify refused the scopes asked for. Ask for fewer or other scopes.');
    assert.equal(translate(bodyError(400, 'invalid_scope', 'too many'), 'exchange').message, 'Shopify refused the scopes asked for (too many). Ask for fewer or other scopes.');
    assert.equal(translate(bodyError(400, 'invalid_grant'), 'exchange').message, 'Shopify refused to issue a token: the sign-in it was based on is no longer valid. Sign in again.');
    assert.equal(translate(bodyError(400, 'invalid_request'), 'exchange').message, 'Shopify no longer accepts this sign-in. Sign in again.');
  });

  test('a store refusal names the store when it is known, and "this store" when not', () => {
    const storeOnly = translate(bodyError(400, 'invalid_target'), 'exchange', { store: 'shop-one.myshopify.com' });
    assert.equal(storeOnly.code, 'store-access');
    assert.equal(storeOnly.message, `Shopify refused a token for shop-one.myshopify.com: ${STORE_CAUSES}`);
    assert.equal(translate(bodyError(400, 'invalid_target'), 'exchange').message, `Shopify refused a token for this store: ${STORE_CAUSES}`);
  });

  test('an OAuth error body with HTTP 500 or more is a server problem worth trying again; 499 is not', () => {
    const server = translate(bodyError(500, 'server_error'), 'refresh');
    assert.equal(server.code, 'server');
    assert.equal(server.transient, true);
    assert.equal(server.message, 'Shopify\'s identity service had a problem (HTTP 500, server_error). Try again in a moment.');
    assert.equal(translate(bodyError(499, 'server_error'), 'refresh').code, 'protocol');
  });

  test('a TypeError is a connection that failed, worth trying again, keeping its cause', () => {
    const cause = new TypeError('fetch failed');
    const error = translate(cause, 'device');
    assert.equal(error.code, 'network');
    assert.equal(error.transient, true);
    assert.equal(error.cause, cause);
    assert.equal(error.message, 'Could not reach Shopify\'s identity service (fetch failed). Check your connection and try again.');
  });

  test('an argument openid-client refuses is not called a lost connection, and nothing is sent', async () => {
    // Storage never holds an empty refresh token; if a bug ever passed one, "could not reach Shopify" would send the
    // user to check a network that was never used.
    const server = await identityServer();
    try {
      await assert.rejects(new IdentityClient({ identityUrl: server.url }).refresh('', 'access', ['openid']), (e: unknown) => {
        assert.ok(e instanceof ShopifyAuthError, String(e));
        assert.deepEqual([e.code, e.transient], ['protocol', false]);
        assert.equal(e.message, 'Sign-in failed unexpectedly: "refreshToken" must not be empty.');
        return true;
      });
      assert.equal((await server.control.counts()).refresh, 0);
    } finally {
      await server.close();
    }
  });

  test('anything else is an unexpected failure, named', () => {
    assert.equal(translate(new Error('boom'), 'device').message, 'Sign-in failed unexpectedly: boom.');
    // A bug shows as a TypeError too; "could not reach Shopify" would send the user to check a network that worked.
    const bug = translate(new TypeError("Cannot read properties of undefined (reading 'scope')"), 'refresh');
    assert.deepEqual([bug.code, bug.transient, bug.message], ['protocol', false, "Sign-in failed unexpectedly: Cannot read properties of undefined (reading 'scope')."]);
    assert.equal(translate('plain text', 'device').message, 'Sign-in failed unexpectedly: plain text.');
  });
});
