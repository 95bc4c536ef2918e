// Edges of reading the stored sessions: which values count as readable, and the exact problem texts
// the user is shown for what was left out.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EMPTY_STATE, parseState } from '../../../src/shopify/storage/state';

const identity = { accessToken: 'atkn_1', refreshToken: 'rt_1', expiresAt: 10, obtainedAt: 1, scopes: ['openid'] };
const account = { id: 'user-1', signedInAt: 1, identity, apps: {} };
const token = { accessToken: 't1', expiresAt: 10, obtainedAt: 1, scopes: ['s'] };

const doc = (accounts: unknown[]) => JSON.stringify({ version: 1, accounts });
/** The ids of the accounts read, and the problems named. */
function read(accounts: unknown[]) {
  const parsed = parseState(doc(accounts));
  return { ids: parsed.state.accounts.map((a) => a.id), problems: parsed.problems };
}

describe('nothing stored', () => {
  test('no value and an empty value both read as no accounts, with no problem and nothing to keep aside', () => {
    for (const text of [undefined, '']) {
      assert.deepEqual(parseState(text), { state: EMPTY_STATE, problems: [], unreadable: false }, String(text));
    }
  });
});

describe('the document', () => {
  test('a stored null is not a document: unreadable, not a crash', () => {
    const parsed = parseState('null');
    assert.equal(parsed.unreadable, true);
    assert.deepEqual(parsed.problems, ['the stored sessions are not a JSON object']);
  });

  test('a document without an account list says so, and names no account', () => {
    const parsed = parseState(JSON.stringify({ version: 1 }));
    assert.equal(parsed.unreadable, false);
    assert.deepEqual(parsed.state.accounts, []);
    assert.deepEqual(parsed.problems, ['the stored sessions have no account list']);
  });
});

describe('accounts', () => {
  test('an incomplete account is named by its place in the list, counted from 1', () => {
    assert.deepEqual(read([account, { id: 'user-2' }]), { ids: ['user-1'], problems: ['stored account #2 is incomplete'] });
  });

  test('a null entry is an incomplete account, not a crash', () => {
    assert.deepEqual(read([null, account]), { ids: ['user-1'], problems: ['stored account #1 is incomplete'] });
  });

  test('an empty id is not an id', () => {
    assert.deepEqual(read([{ ...account, id: '' }]).ids, []);
  });

  test('times must be non-negative numbers; the epoch itself is a time', () => {
    assert.deepEqual(read([{ ...account, signedInAt: '1' }]).ids, [], 'a time written as text');
    assert.deepEqual(read([{ ...account, signedInAt: -1 }]).ids, [], 'a time before the epoch');
    assert.deepEqual(read([{ ...account, signedInAt: 0, identity: { ...identity, obtainedAt: 0 } }]), { ids: ['user-1'], problems: [] });
  });

  test('a scope list holding a non-text makes the identity incomplete', () => {
    assert.deepEqual(read([{ ...account, identity: { ...identity, scopes: ['openid', 1] } }]).ids, []);
  });
});

describe('app tokens', () => {
  test('tokens of every API the extension knows are read back', () => {
    const apps = Object.fromEntries(
      ['partners', 'storefront-renderer', 'business-platform', 'app-management'].map((api) => [api, { ...token, api }]),
    );
    const parsed = parseState(doc([{ ...account, apps }]));
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(Object.keys(parsed.state.accounts[0]?.apps ?? {}), Object.keys(apps));
  });

  test('a token for an API the extension does not know is left out and named, even under its own key', () => {
    const parsed = parseState(doc([account, { ...account, id: 'user-2', apps: { shop: { ...token, api: 'shop' } } }]));
    assert.deepEqual(Object.keys(parsed.state.accounts[1]?.apps ?? {}), []);
    assert.deepEqual(parsed.problems, ['a stored token of account #2 is incomplete']);
  });
});
