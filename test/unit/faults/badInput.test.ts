// Bad input through the whole session manager, against the real identity server: every case ends
// in a clear message, sends no request at all (so no token goes anywhere), and leaves what was stored.
// The parsers' own tables are in test/unit/core; this proves nothing slips past them on the way out.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseState, STATE_KEY } from '../../../src/shopify/storage/state';
import type { Counts, IdentityServer } from '../../identity-server/types';
import { alice, bob } from '../../identity-server/users';
import { approvingUi, identityServer, MemorySlot } from '../support/fixture';
import { BOUND, expectError, observed, TOKEN_SHAPE, twoAccountsStored } from './support';

const STORES = [
  'my-store.myshopify.com:8443',
  'my-store.myshopify.com/admin/products',
  'my-store.myshopify.com?x=1',
  'user:pw@my-store.myshopify.com',
  'mу-store', // Cyrillic "у"
  'my-store.myshopify.com.',
  'a'.repeat(300),
  'admin.shopify.com/products',
  '',
];

const SCOPES: string[][] = [[], ['admin', 'partners'], ['frobnicate'], ['partners', 'store:x'], ['admin', 'store:a', 'store:b'], ['openid', 'graphql']];

const URLS = ['http://accounts.example.com', 'not a url', 'https://user:pw@accounts.shopify.com', 'ftp://127.0.0.1'];

const DOCUMENTS = [
  '{not json',
  JSON.stringify({ version: 2, accounts: [] }),
  JSON.stringify({ version: 0, accounts: [] }),
  JSON.stringify({ theme: 'dark', token: 'someone-else' }),
  '"a bare string"',
];

describe('bad input through the session manager: a message, no request, nothing stored lost', () => {
  let server: IdentityServer;
  let slot: MemorySlot;
  let stored: string | undefined;
  let base: Counts;
  let tried = 0;

  before(async () => (server = await identityServer()));
  after(async () => {
    console.log(`bad inputs tried: ${tried}`);
    await server.close();
  });
  beforeEach(async () => ({ slot, stored, base } = await twoAccountsStored(server)));

  const requestsSince = async (): Promise<number> => {
    const now = await server.control.counts();
    return now.deviceAuthorization + now.devicePoll + now.refresh + now.exchange.total - (base.deviceAuthorization + base.devicePoll + base.refresh + base.exchange.total);
  };
  const untouched = (): void => assert.equal(slot.value, stored, 'stored sessions changed');

  test('store names: ports, paths, queries, user info, look-alikes, trailing dots, 300 characters', BOUND, async () => {
    const { manager } = observed(server, slot);
    for (const store of STORES) {
      tried++;
      // Both ways a store reaches us: in the scopes, and as the active store.
      assert.throws(() => manager.resolve(['admin', `store:${store}`]), expectError('bad-store', /myshopify\.com/), store);
      await assert.rejects(manager.setActiveStore(store), expectError('bad-store', /myshopify\.com/), store);
    }
    assert.equal(await requestsSince(), 0);
    untouched();
  });

  test('admin.shopify.com/store/x is read as x.myshopify.com, not refused', BOUND, async () => {
    tried++;
    const { manager } = observed(server, slot);
    assert.equal(manager.resolve(['admin', 'store:admin.shopify.com/store/x']).store, 'x.myshopify.com');
  });

  test('scope lists: empty, two APIs, unknown names, a store off admin, two stores, no API', BOUND, async () => {
    const { manager } = observed(server, slot);
    for (const scopes of SCOPES) {
      tried++;
      assert.throws(() => manager.resolve(scopes), expectError('bad-scopes', /Scopes name exactly one API/), JSON.stringify(scopes));
    }
    assert.equal(await requestsSince(), 0);
    untouched();
  });

  test('duplicate scopes are read once', BOUND, async () => {
    tried++;
    const { manager } = observed(server, slot);
    assert.deepEqual(manager.resolve(['partners', 'partners', 'cli-access', 'cli-access']), manager.resolve(['partners', 'cli-access']));
  });

  test('identity URL settings off loopback over http, or malformed: refused before any token is sent', BOUND, async () => {
    for (const url of URLS) {
      tried++;
      // LATE: the stored token is due, so a working client would refresh (send the refresh token) now.
      const o = observed(url, slot, { now: () => Date.now() + 7200 * 1000 });
      await assert.rejects(o.manager.getSessions(o.manager.resolve(['partners']), { accountId: alice.sub }), expectError('bad-setting', /shopifyAuth\.identityUrl/), url);
    }
    assert.equal(await requestsSince(), 0);
    untouched();
  });

  test('environment tokens: empty is unset, whitespace and very long ones are refused without being echoed', BOUND, async () => {
    for (const value of ['', '   ', `atkn_${'x'.repeat(10_000)}`, 'two words']) {
      tried++;
      const o = observed(server, slot, { env: { SHOPIFY_APP_AUTOMATION_TOKEN: value } });
      const [session] = await o.manager.getSessions(o.manager.resolve(['partners']), { accountId: alice.sub });
      // The stored session answers; the refused variable was never sent anywhere.
      assert.equal(session?.account.id, alice.sub);
      if (value.trim()) assert.ok(o.said.some((m) => /SHOPIFY_APP_AUTOMATION_TOKEN/.test(m)), o.said.join('\n'));
      assert.ok(!o.said.some((m) => value.trim() !== '' && m.includes(value.trim())), 'the refused token was echoed');
    }
    assert.equal(await requestsSince(), 0);
    untouched();
  });

  test('stored data: malformed JSON, other layout versions, a foreign value under our key', BOUND, async () => {
    for (const text of DOCUMENTS) {
      tried++;
      const damaged = new MemorySlot();
      damaged.value = text;
      const o = observed(server, damaged);
      assert.deepEqual(await o.manager.getSessions(o.manager.resolve(['partners'])), []);
      // Kept aside under its own key, never silently lost; a warning says so and holds no secret.
      assert.deepEqual(damaged.kept, [text]);
      assert.ok(o.said.some((m) => new RegExp(STATE_KEY.replace(/\./g, '\\.')).test(m) || /could not be read|unreadable|kept/i.test(m)), o.said.join('\n'));
      assert.ok(!o.said.some((m) => TOKEN_SHAPE.test(m) || m.includes('someone-else')));
      // And the editor still works: a sign-in lands in a fresh, readable document.
      await o.manager.signIn(approvingUi(server, 'bob'));
      assert.deepEqual(parseState(damaged.value).state.accounts.map((a) => a.id), [bob.sub]);
    }
    untouched();
  });
});
