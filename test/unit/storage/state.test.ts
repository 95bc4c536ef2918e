import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EMPTY_STATE, STATE_KEY, parseState, serializeState, type StoredState } from '../../../src/shopify/storage/state';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { addKept, keepText, KEPT_LIMIT, readKept } from '../../../src/shopify/storage/keptAside';
import { timeLimit } from '../../../src/shopify/common/timeLimit';
import { StateStore, type TextSlot } from '../../../src/shopify/storage/stateStore';

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
      if (s.kept.includes(v)) return Promise.resolve(false);
      s.kept.push(v);
      return Promise.resolve(true);
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

  test('the scopes a token was asked with are kept; documents from before them still read, and a bad list costs only that field', () => {
    const asked = { ...account.apps.partners, requestedScopes: ['https://api.shopify.com/auth/partners.app.cli.access'] };
    const withAsked = { version: 1, accounts: [{ ...account, apps: { partners: asked } }] };
    assert.deepEqual(parseState(JSON.stringify(withAsked)).state.accounts[0]?.apps['partners']?.requestedScopes, asked.requestedScopes);
    const older = parseState(JSON.stringify({ version: 1, accounts: [account] }));
    assert.deepEqual(older.problems, []);
    assert.equal(older.state.accounts[0]?.apps['partners']?.requestedScopes, undefined);
    const bad = parseState(JSON.stringify({ version: 1, accounts: [{ ...account, apps: { partners: { ...asked, requestedScopes: 'not a list' } } }] }));
    assert.equal(bad.state.accounts[0]?.apps['partners']?.accessToken, 'p1');
    assert.equal(bad.state.accounts[0]?.apps['partners']?.requestedScopes, undefined);
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
    assert.equal(s.value, text, 'left in place until a real write: a newer version that wrote it may still read it');
    assert.equal(warnings.length, 1);
    assert.ok(!warnings[0]?.includes('atkn_secret'));
    await store.update((st) => ({ ...st, activeStore: 'a.myshopify.com' }));
    assert.equal(parseState(s.value).state.activeStore, 'a.myshopify.com');
    assert.deepEqual(s.kept, [text], 'still kept after the write');
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

  test('when setting a damaged document aside fails, nothing is used or written until it can be kept', async () => {
    const warnings: string[] = [];
    const broken = { ...account, id: 'user-2', identity: { ...account.identity, refreshToken: 5 } };
    const text = JSON.stringify({ version: 1, accounts: [account, broken] });
    const s = slot(text);
    let keepWorks = false;
    const keep = s.keepUnreadable;
    s.keepUnreadable = (v) => (keepWorks ? keep(v) : Promise.reject(new Error('keychain locked')));
    const store = new StateStore(s, (m) => warnings.push(m));
    const storageError = (e: unknown) => e instanceof ShopifyAuthError && e.code === 'storage' && /could not be set aside.*nothing was changed.*Try again/.test(e.message) && !/atkn_1|rt_1|e\.y\.j/.test(e.message);
    // A refresh must not spend the refresh token when its answer could not be saved.
    await assert.rejects(store.load(), storageError);
    await assert.rejects(store.update((st) => ({ ...st, activeStore: 'a.myshopify.com' })), storageError);
    assert.equal(s.value, text, 'the damaged account was not written away');
    assert.deepEqual(warnings, [], 'the thrown error says it; no second warning on top');
    keepWorks = true;
    assert.deepEqual((await store.load()).accounts.map((a) => a.id), ['user-1'], 'once kept, the readable account works');
    await store.update((st) => ({ ...st, activeStore: 'a.myshopify.com' }));
    assert.deepEqual(s.kept, [text], 'kept once the keep works again, before the write');
    assert.equal(parseState(s.value).state.activeStore, 'a.myshopify.com');
    assert.equal(warnings.length, 1);
  });

  test('when setting an unreadable document aside fails, loading fails with a clear message and the text stays', async () => {
    const text = '{"version":1,"accounts":[';
    const s = slot(text);
    s.keepUnreadable = () => Promise.reject(new Error('keychain locked'));
    const store = new StateStore(s, () => undefined);
    await assert.rejects(store.load(), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'storage' && /Try again/.test(e.message));
    assert.equal(s.value, text);
  });

  test('loads side by side keep a damaged document once and warn once', async () => {
    const warnings: string[] = [];
    const text = '{"version":1,"accounts":[';
    const s = slot(text);
    const keep = s.keepUnreadable;
    s.keepUnreadable = async (v) => {
      await new Promise((r) => setTimeout(r, 20));
      return keep(v);
    };
    const store = new StateStore(s, (m) => warnings.push(m));
    const states = await Promise.all([store.load(), store.load(), store.load()]);
    assert.deepEqual(states, [EMPTY_STATE, EMPTY_STATE, EMPTY_STATE]);
    assert.deepEqual(s.kept, [text]);
    assert.equal(warnings.length, 1);
  });
  test('another window that finds the same damaged text keeps it once and does not warn again', async () => {
    const text = '{"version":2,"accounts":[]}';
    const s = slot(text);
    const first: string[] = [];
    const second: string[] = [];
    await new StateStore(s, (m) => first.push(m)).load();
    await new StateStore(s, (m) => second.push(m)).load();
    assert.equal(first.length, 1);
    assert.deepEqual(second, [], 'the user was told once, in the first window');
    assert.deepEqual(s.kept, [text]);
  });
});

describe('texts kept aside', () => {
  const at = new Date('2026-11-23T10:00:00Z');

  test('a later partial loss does not replace an earlier whole one', () => {
    const whole = '{"version":2,"accounts":[]}';
    const partial = '{"version":1,"accounts":[{"id":5}]}';
    const kept = readKept(addKept(addKept(undefined, whole, at), partial, new Date(at.getTime() + 1000)));
    assert.deepEqual(kept.map((k) => k.text), [partial, whole], 'newest first, both kept');
    assert.equal(kept[1]?.at, at.toISOString());
  });

  test('the same text is kept once, and only the newest few stay', () => {
    let stored: string | undefined;
    for (let i = 0; i < KEPT_LIMIT + 3; i++) stored = addKept(stored, `text ${i % (KEPT_LIMIT + 2)}`, at);
    stored = addKept(stored, 'text 0', at);
    const texts = readKept(stored).map((k) => k.text);
    assert.equal(texts.length, KEPT_LIMIT);
    assert.equal(texts[0], 'text 0');
    assert.equal(new Set(texts).size, texts.length, 'no duplicates');
  });

  test('whatever was under the key before is itself kept', () => {
    assert.deepEqual(readKept('not json at all').map((k) => k.text), ['not json at all']);
    assert.deepEqual(readKept('{"kept":"no"}').map((k) => k.text), ['{"kept":"no"}']);
    assert.deepEqual(readKept(addKept('an older copy', 'new', at)).map((k) => k.text), ['new', 'an older copy']);
  });

  function secrets(unreadable: string[] = []) {
    const values = new Map<string, string>();
    return {
      values,
      get: (key: string) => (unreadable.includes(key) ? Promise.reject(new Error('cannot decrypt')) : Promise.resolve(values.get(key))),
      store: (key: string, value: string) => {
        values.set(key, value);
        return Promise.resolve();
      },
    };
  }

  test('keeping the same text twice stores it once and says it was kept already', async () => {
    const s = secrets();
    assert.equal(await keepText(s, 'k', 'damaged', at), true);
    assert.equal(await keepText(s, 'k', 'damaged', at), false);
    assert.deepEqual(readKept(s.values.get('k')).map((k) => k.text), ['damaged']);
  });

  test('a kept list that cannot be read is never overwritten: the text goes under a key of its own', async () => {
    const s = secrets(['k']);
    s.values.set('k', 'whatever was there');
    assert.equal(await keepText(s, 'k', 'damaged', at), true);
    assert.equal(s.values.get('k'), 'whatever was there');
    assert.deepEqual(readKept(s.values.get('k.more')).map((k) => k.text), ['damaged']);
    await assert.rejects(keepText(secrets(['k', 'k.more']), 'k', 'damaged', at), /cannot decrypt/, 'with nowhere safe to keep it, keeping fails');
  });

  test('a keep that never answers ends within its time limit', async () => {
    const started = Date.now();
    await assert.rejects(timeLimit(new Promise<never>(() => {}), 50, 'no answer'), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'timeout' && e.message === 'no answer');
    assert.ok(Date.now() - started < 1000);
    assert.equal(await timeLimit(Promise.resolve(7), 50, 'no answer'), 7);
  });
});
