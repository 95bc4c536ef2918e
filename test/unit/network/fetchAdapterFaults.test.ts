// Every answer the fetch adapter turns into an error or hands to openid-client, fast: each case is one request
// to the local identity server with one fault, no retries and no waiting (the retry waits live in
// faults/matrix.test.ts, which the mutation run leaves out).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { shopifyFetch, UNVERIFIED_ID_TOKEN, type AdapterOptions } from '../../../src/shopify/identity/fetchAdapter';
import { CLI_CLIENT_ID } from '../../identity-server/shopifyData';
import type { Fault, IdentityServer } from '../../identity-server/types';
import { identityServer, resetServer } from '../support/fixture';

const BOUND = { timeout: 5_000 };
const FIX = 'Check the setting shopifyAuth.identityUrl, or your proxy.';
const TRY_AGAIN = 'Try again; if it persists, check shopifyAuth.identityUrl.';

function form(fields: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) };
}

async function failure(answer: Promise<unknown>): Promise<ShopifyAuthError> {
  try {
    await answer;
  } catch (error) {
    assert.ok(error instanceof ShopifyAuthError, `not our error: ${String(error)}`);
    return error;
  }
  assert.fail('the request did not fail');
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

describe('the fetch adapter: what each kind of answer becomes', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(() => resetServer(server));

  /** A device authorization request (the first request of a sign-in), with `fault` on its answer. */
  async function deviceCode(fault?: Omit<Fault, 'on'>, options: Partial<AdapterOptions> = {}, init: RequestInit = {}): Promise<Response> {
    if (fault) await server.control.addFaults([{ on: 'device_authorization', ...fault }]);
    const adapter = shopifyFetch({ timeoutMs: 3000, ...options });
    return adapter(`${server.url}/oauth/device_authorization`, { ...form({ client_id: CLI_CLIENT_ID, scope: 'openid' }), ...init });
  }
  const raw = (status: number, text: string, contentType?: string): Omit<Fault, 'on'> => ({ status, raw: { text, ...(contentType ? { contentType } : {}) } });

  describe('overload (429) and outages (5xx) are classified whatever the body says', () => {
    const rateLimited = async (retryAfter: string) => failure(deviceCode({ status: 429, headers: { 'Retry-After': retryAfter } }));

    test('429 with Retry-After in seconds: the wait is named and kept for the retry', BOUND, async () => {
      const e = await rateLimited('7');
      assert.equal(e.code, 'rate-limited');
      assert.equal(e.message, "Shopify's identity service is limiting requests (HTTP 429); it asks to wait 7 s. Try again in a moment.");
      assert.equal(e.transient, true);
      assert.equal(e.retryAfterMs, 7000);
    });

    test('429 with Retry-After 0.0: no wait, but still a stated one', BOUND, async () => {
      const e = await rateLimited('0.0');
      assert.match(e.message, /asks to wait 0 s\./);
      assert.equal(e.retryAfterMs, 0);
    });

    test('429 with Retry-After as an HTTP date a minute ahead', BOUND, async () => {
      const e = await rateLimited(new Date(Date.now() + 60_000).toUTCString());
      assert.match(e.message, /asks to wait (59|60) s\./);
      assert.ok(e.retryAfterMs !== undefined && e.retryAfterMs > 57_000 && e.retryAfterMs <= 60_000, String(e.retryAfterMs));
    });

    test('429 with Retry-After as a date already past: retry at once', BOUND, async () => {
      const e = await rateLimited(new Date(Date.now() - 60_000).toUTCString());
      assert.match(e.message, /asks to wait 0 s\./);
      assert.equal(e.retryAfterMs, 0);
    });

    for (const header of ['-30', 'Infinity', 'soon']) {
      test(`429 with an unusable Retry-After (${header}) names no wait`, BOUND, async () => {
        const e = await rateLimited(header);
        assert.equal(e.code, 'rate-limited');
        assert.equal(e.message, "Shopify's identity service is limiting requests (HTTP 429). Try again in a moment.");
        assert.equal(e.transient, true);
        assert.equal(e.retryAfterMs, undefined);
      });
    }

    test('503 with an OAuth error body and Retry-After: a server problem, transient, with the wait', BOUND, async () => {
      const e = await failure(deviceCode({ status: 503, headers: { 'Retry-After': '3' } }));
      assert.equal(e.code, 'server');
      assert.equal(e.message, "Shopify's identity service had a problem (HTTP 503). Try again in a moment; if it persists, check https://www.shopifystatus.com.");
      assert.equal(e.transient, true);
      assert.equal(e.retryAfterMs, 3000);
    });

    test('500 with an OAuth error body and no Retry-After', BOUND, async () => {
      const e = await failure(deviceCode({ status: 500 }));
      assert.equal(e.code, 'server');
      assert.match(e.message, /had a problem \(HTTP 500\)/);
      assert.equal(e.transient, true);
      assert.equal(e.retryAfterMs, undefined);
    });
  });

  describe('a 4xx that is not an OAuth error names what came instead', () => {
    test('a web page', BOUND, async () => {
      const e = await failure(deviceCode({ status: 404, body: 'html' }));
      assert.equal(e.code, 'bad-response');
      assert.equal(e.message, `The identity server answered HTTP 404 with a web page instead of an OAuth answer. ${FIX}`);
      assert.equal(e.transient, false);
    });

    test('another content type, named without its parameters', BOUND, async () => {
      const e = await failure(deviceCode(raw(403, 'Forbidden', 'text/plain; charset=utf-8')));
      assert.equal(e.message, `The identity server answered HTTP 403 with "text/plain" instead of an OAuth answer. ${FIX}`);
    });

    test('no content type', BOUND, async () => {
      const e = await failure(deviceCode(raw(403, 'Forbidden')));
      assert.equal(e.message, `The identity server answered HTTP 403 with an answer with no content type instead of an OAuth answer. ${FIX}`);
    });

    test('an empty JSON answer', BOUND, async () => {
      const e = await failure(deviceCode({ status: 400, body: 'empty' }));
      assert.equal(e.code, 'bad-response');
      assert.equal(e.message, `The identity server answered HTTP 400 with an empty answer instead of an OAuth answer. ${FIX}`);
      assert.equal(e.transient, false);
    });

    test('JSON that is not an object', BOUND, async () => {
      const e = await failure(deviceCode(raw(400, '[]', 'application/json')));
      assert.equal(e.message, `The identity server answered HTTP 400 with "application/json" instead of an OAuth answer. ${FIX}`);
    });

    test('a JSON object without an OAuth error code', BOUND, async () => {
      const e = await failure(deviceCode(raw(400, '{"message":"Bad Request"}', 'application/json')));
      assert.equal(e.code, 'bad-response');
      assert.equal(e.message, `The identity server answered HTTP 400 with "application/json" instead of an OAuth answer. ${FIX}`);
    });
  });

  describe('a 200 that is not a JSON object is refused', () => {
    test('a web page', BOUND, async () => {
      const e = await failure(deviceCode({ body: 'html' }));
      assert.equal(e.code, 'bad-response');
      assert.equal(e.message, `The identity server answered with "text/html" instead of JSON. ${FIX}`);
      assert.equal(e.transient, false);
    });

    test('no content type, even with a JSON body', BOUND, async () => {
      const e = await failure(deviceCode(raw(200, '{"device_code":"d"}')));
      assert.equal(e.message, `The identity server answered with no content type instead of JSON. ${FIX}`);
    });

    test('an empty answer: transient', BOUND, async () => {
      const e = await failure(deviceCode({ body: 'empty' }));
      assert.equal(e.code, 'bad-response');
      assert.equal(e.message, `The identity server sent an empty answer (HTTP 200). ${TRY_AGAIN}`);
      assert.equal(e.transient, true);
    });

    test('cut-off JSON: transient, with its length', BOUND, async () => {
      const e = await failure(deviceCode({ body: 'malformed-json' }));
      assert.equal(e.code, 'bad-response');
      assert.match(e.message, /^The identity server sent JSON that cannot be read \(HTTP 200, \d+ bytes\)\. Try again; if it persists, check shopifyAuth\.identityUrl\.$/);
      assert.equal(e.transient, true);
    });

    for (const text of ['null', '[1,2]', '"text"']) {
      test(`JSON ${text}: not an object, transient`, BOUND, async () => {
        const e = await failure(deviceCode(raw(200, text, 'application/json')));
        assert.equal(e.code, 'bad-response');
        assert.equal(e.message, `The identity server sent JSON that is not an object (HTTP 200). ${TRY_AGAIN}`);
        assert.equal(e.transient, true);
      });
    }
  });

  describe('what openid-client is given', () => {
    test('an OAuth error answer reaches it without WWW-Authenticate (which it would take for a challenge)', BOUND, async () => {
      const answer = await deviceCode({ status: 400, error: 'invalid_scope', headers: { 'WWW-Authenticate': 'Bearer realm="shopify", error="invalid_scope"' } });
      assert.equal(answer.status, 400);
      assert.equal(answer.headers.get('www-authenticate'), null);
      assert.equal((await json(answer))['error'], 'invalid_scope');
    });

    test("a token answer's id_token is set aside, and a missing token_type is noted", BOUND, async () => {
      const notes: string[] = [];
      const device = await json(await deviceCode());
      await server.control.approve(String(device['user_code']), 'alice');
      await server.control.addFaults([{ on: 'device_poll', body: 'no-token-type' }]);
      const adapter = shopifyFetch({ timeoutMs: 3000, onNote: (note) => notes.push(note) });
      const answer = await json(
        await adapter(`${server.url}/oauth/token`, form({ client_id: CLI_CLIENT_ID, grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: String(device['device_code']) })),
      );
      assert.equal(answer['id_token'], undefined, 'openid-client would verify it');
      assert.equal(typeof answer[UNVERIFIED_ID_TOKEN], 'string');
      assert.equal(answer['token_type'], 'bearer');
      assert.deepEqual(notes, ['token answer had no token_type; treated as bearer']);
    });

    test('a refusal from the token endpoint is passed on as sent, an id_token in it and a field of our own name included', BOUND, async () => {
      const sent = { error: 'invalid_grant', id_token: 'not-a-token', [UNVERIFIED_ID_TOKEN]: 'planted' };
      await server.control.addFaults([{ on: 'refresh', ...raw(400, JSON.stringify(sent), 'application/json') }]);
      const adapter = shopifyFetch({ timeoutMs: 3000 });
      const answer = await json(await adapter(`${server.url}/oauth/token`, form({ client_id: CLI_CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'atkr_unknown_0001' })));
      assert.deepEqual(answer, sent);
    });

    test('an id_token outside a token answer is left as sent', BOUND, async () => {
      const sent = { device_code: 'd', user_code: 'ABCD-EFGH', verification_uri: `${server.url}/activate`, expires_in: 600, id_token: 'not-a-token' };
      const answer = await json(await deviceCode(raw(200, JSON.stringify(sent), 'application/json')));
      assert.equal(answer['id_token'], 'not-a-token');
      assert.equal(answer[UNVERIFIED_ID_TOKEN], undefined);
    });
  });

  describe('deadlines and cancellation', () => {
    test('a reply that never comes ends at the per-request deadline', BOUND, async () => {
      const e = await failure(deviceCode({ hang: true }, { timeoutMs: 100 }));
      assert.equal(e.code, 'timeout');
      assert.equal(e.message, "Shopify's identity service did not answer in time. Check your connection and try again.");
      assert.equal(e.transient, true);
      assert.ok(e.cause instanceof Error && e.cause.name === 'TimeoutError', String(e.cause));
    });

    test("a request aborted by its own signal (openid-client's) counts as a timeout too", BOUND, async () => {
      const e = await failure(deviceCode(undefined, {}, { signal: AbortSignal.abort() }));
      assert.equal(e.code, 'timeout');
      assert.equal(e.transient, true);
    });

    test('the user cancelling ends the request as cancelled, not as a timeout', BOUND, async () => {
      const e = await failure(deviceCode(undefined, { signal: AbortSignal.abort() }));
      assert.equal(e.code, 'cancelled');
      assert.equal(e.message, 'Cancelled.');
      assert.equal(e.transient, false);
      assert.ok(e.cause instanceof Error && e.cause.name === 'AbortError', String(e.cause));
    });

    test('a cancel that carries its own error ends the request with that error', BOUND, async () => {
      const reason = new ShopifyAuthError('cancelled', 'Shopify sign-in cancelled.');
      const e = await failure(deviceCode(undefined, { signal: AbortSignal.abort(reason) }));
      assert.equal(e, reason);
    });
  });
});
