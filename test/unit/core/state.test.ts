import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EMPTY_STATE, STATE_KEY, parseState, serializeState, type StoredState } from '../../../src/shopify/state';
import { StateStore, type TextSlot } from '../../../src/shopify/stateStore';

const account = {
  id: 'user-1',
  email: 'a@example.com',
  signedInAt: 1,
  identity: { accessToken: 'atkn_1', refreshToken: 'rt_1', expiresAt: 10, obtainedAt: 1, scopes: ['openid'], idToken: 'e.y.j' },
  apps: {
    partners: { api: 'partners', accessToken: 'p1', expiresAt: 10, obtainedAt: 1, scopes: ['s'] },
    'admin/a.myshopify.com': { api: 'admin', store: 'a.myshopify.com', accessToken: 'a1', expiresAt: 10, obtainedAt: 1, scopes: ['s'] },
  },
} as const;

function slot(initial?: string): TextSlot & { value: string | undefined; kept: string[] } {
  const s = {
    value: initial,
    kept: [] as string[],
    get: () => Promise.resolve(s.value),
    set: (v: string) => {
      s.value = v;
      return Promise.resolve();
    },
    keepUnreadable: (v: string) => {
      s.kept.push(v);
      return Promise.resolve();
    },
  };
  return s;
}

describe('persisted layout', () => {
  test('the key names the version', () => assert.equal(STATE_KEY, 'shopify.auth.v1'));

  test('round-trips accounts, per-store admin tokens side by side, and the active store', () => {
    const state: StoredState = { version: 1, accounts: [account], activeStore: 'a.myshopify.com' };
    const parsed = parseState(serializeState(state));
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.state, state);
  });

  test('unreadable documents: malformed JSON, not an object, other versions, foreign values', () => {
    for (const [text, why] of [
      ['{not json', /not valid JSON/],
      ['[1,2]', /not a JSON object/],
      ['"a string"', /not a JSON object/],
      [JSON.stringify({ version: 2, accounts: [] }), /newer layout \(version 2\)/],
      [JSON.stringify({ version: 0, accounts: [] }), /older layout \(version 0\)/],
      [JSON.stringify({ hello: 'world' }), /no layout version/],
    ] as const) {
      const parsed = parseState(text);
      assert.equal(parsed.unreadable, true, text);
      assert.deepEqual(parsed.state, EMPTY_STATE);
      assert.match(parsed.problems.join(), why);
    }
  });

  test('one damaged account does not cost the others', () => {
    const broken = { ...account, id: 'user-2', identity: { ...account.identity, refreshToken: 5 } };
    const badApp = { ...account, id: 'user-3', apps: { partners: { api: 'nope' }, 'admin/x': { ...account.apps.partners } } };
    const parsed = parseState(JSON.stringify({ version: 1, accounts: [account, broken, badApp] }));
    assert.equal(parsed.unreadable, false);
    assert.deepEqual(parsed.state.accounts.map((a) => a.id), ['user-1', 'user-3']);
    assert.deepEqual(Object.keys(parsed.state.accounts[1]?.apps ?? {}), []);
    assert.equal(parsed.problems.length, 3);
    assert.ok(!parsed.problems.join().includes('atkn_1'));
  });

  test('a document with one damaged account is kept aside whole before a write drops that account, with one warning', async () => {
    const warnings: string[] = [];
    const broken = { ...account, id: 'user-2', identity: { ...account.identity, refreshToken: 5 } };
    const text = JSON.stringify({ version: 1, accounts: [account, broken] });
    const s = slot(text);
    const store = new StateStore(s, (m) => warnings.push(m));
    assert.deepEqual((await store.load()).accounts.map((a) => a.id), ['user-1']);
    await store.load();
    assert.deepEqual(s.kept, [text], 'the damaged text is kept once');
    assert.equal(warnings.length, 1, 'reading the same damaged text again does not warn again');
    await store.update((st) => ({ ...st, activeStore: 'a.myshopify.com' }));
    assert.deepEqual(parseState(s.value).state.accounts.map((a) => a.id), ['user-1']);
    assert.deepEqual(s.kept, [text], 'what the write dropped is still kept aside');
    assert.ok(!warnings[0]?.includes('atkn_1'));
  });

  test('an unreadable document is kept aside, never silently lost, and the warning holds no secret', async () => {
    const warnings: string[] = [];
    const text = '{"version":1,"accounts":[{"identity":{"accessToken":"atkn_secret"';
    const s = slot(text);
    const store = new StateStore(s, (m) => warnings.push(m));
    assert.deepEqual(await store.load(), EMPTY_STATE);
    assert.deepEqual(s.kept, [text]);
    assert.equal(s.value, serializeState(EMPTY_STATE));
    assert.equal(warnings.length, 1);
    assert.ok(!warnings[0]?.includes('atkn_secret'));
  });

  test('updates start from what is stored now, so another window\'s write survives', async () => {
    const s = slot(serializeState({ version: 1, accounts: [account] }));
    const store = new StateStore(s, () => undefined);
    await store.load();
    // Another window adds an active store behind our back.
    s.value = serializeState({ version: 1, accounts: [account], activeStore: 'b.myshopify.com' });
    await store.update((st) => ({ ...st, accounts: [] }));
    assert.deepEqual(parseState(s.value).state, { version: 1, accounts: [], activeStore: 'b.myshopify.com' });
  });

  test('concurrent updates in one process apply one after another', async () => {
    const s = slot();
    const store = new StateStore(s, () => undefined);
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((id) => store.update((st) => ({ ...st, accounts: [...st.accounts, { ...account, id }] }))),
    );
    assert.deepEqual(parseState(s.value).state.accounts.map((a) => a.id), ['a', 'b', 'c', 'd']);
  });
});
