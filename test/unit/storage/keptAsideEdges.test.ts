// Edges of the kept-aside copies of unreadable stored sessions: what a kept list is, what keeping adds,
// and what a sign-out takes out of each copy (and what it must leave for the accounts still signed in).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forgetInKept, forgetKept, keepText, readKept, scrubKeptText } from '../../../src/shopify/storage/keptAside';

const REMOVED = '[removed at sign-out]';

const alice = {
  id: 'alice-sub',
  signedInAt: 1,
  identity: { accessToken: 'atkn_alice_identity_0001', refreshToken: 'atkr_alice_refresh_0001', expiresAt: 10, obtainedAt: 1, scopes: ['openid'] },
  apps: {},
};
const bob = {
  id: 'bob-sub',
  signedInAt: 2,
  identity: { accessToken: 'atkn_bob_identity_0001', refreshToken: 'atkr_bob_refresh_0001', expiresAt: 10, obtainedAt: 1, scopes: ['openid'] },
  apps: {},
};
const forgetAlice = { accountIds: ['alice-sub'], secrets: ['atkn_alice_identity_0001', 'atkr_alice_refresh_0001'] };

/** SecretStorage as a map. */
function secrets(initial: Record<string, string> = {}) {
  const map = new Map<string, string>(Object.entries(initial));
  const writes: string[] = [];
  const store = {
    get: (k: string) => Promise.resolve(map.get(k)),
    store: (k: string, v: string) => {
      writes.push(k);
      map.set(k, v);
      return Promise.resolve();
    },
  };
  return { map, writes, store };
}

describe('reading the kept list', () => {
  test('an empty value under the key holds no kept text', () => {
    assert.deepEqual(readKept(''), []);
    assert.deepEqual(readKept(undefined), []);
  });

  test('a JSON object that is not our marked list is itself a kept text, not a list', () => {
    // No keptAside mark: someone else's JSON that happens to have a "kept" member.
    const unmarked = JSON.stringify({ kept: [{ text: 'x' }] });
    assert.deepEqual(readKept(unmarked), [{ text: unmarked }]);
  });

  test('a marked value whose list is missing or damaged is kept whole, so no entry is lost', () => {
    const notAList = JSON.stringify({ keptAside: 1, kept: 'x' });
    assert.deepEqual(readKept(notAList), [{ text: notAList }]);
    // One entry without text: reading the others alone would drop it on the next write.
    const oneBad = JSON.stringify({ keptAside: 1, kept: [{ text: 'a' }, { at: '2020-01-01T00:00:00.000Z' }] });
    assert.deepEqual(readKept(oneBad), [{ text: oneBad }]);
  });
});

describe('keeping a text', () => {
  test('a different text is added next to the one kept before', async () => {
    const s = secrets();
    assert.equal(await keepText(s.store, 'k', 'first', new Date(0)), true);
    assert.equal(await keepText(s.store, 'k', 'second', new Date(1)), true, 'a new text is news, not "kept already"');
    assert.deepEqual(readKept(s.map.get('k')).map((k) => k.text), ['second', 'first']);
  });
});

describe('scrubbing one kept copy at sign-out', () => {
  test('known secrets are replaced by the removal marker; an empty secret matches nothing', () => {
    const text = 'log line with atkn_alice_identity_0001 in it';
    // An empty "secret" must not splice the marker between every character.
    const out = scrubKeptText(text, { accountIds: [], secrets: ['', 'atkn_alice_identity_0001'] });
    assert.equal(out, `log line with ${REMOVED} in it`);
  });

  test('a copy that still parses keeps the other accounts whole even when the forgotten id is named elsewhere', () => {
    const text = JSON.stringify({ version: 1, accounts: [bob], lastSignedIn: 'alice-sub' });
    // Parsed: only array entries with alice's id go; bob's tokens are bob's and stay.
    assert.equal(scrubKeptText(text, forgetAlice), text);
  });

  test('a copy that keys its accounts by id loses the forgotten account\'s member, old tokens no state holds any more included', () => {
    // A layout this version cannot read (a newer one, say) may keep accounts in an object keyed by id. The tokens
    // in it can be older than any the state still knows, so removing known secrets alone would leave them.
    const oldAlice = { ...alice.identity, accessToken: 'atkn_alice_identity_0000', refreshToken: 'atkr_alice_refresh_0000' };
    const text = JSON.stringify({ version: 9, accounts: { 'alice-sub': { identity: oldAlice }, 'bob-sub': { identity: bob.identity } } });
    const scrubbed = scrubKeptText(text, forgetAlice);
    assert.deepEqual(JSON.parse(scrubbed), { version: 9, accounts: { 'bob-sub': { identity: bob.identity } } });
    assert.ok(!scrubbed.includes('atkr_alice_refresh_0000'));
  });

  test('forgetting two accounts at once drops each from a copy that names only one of them', () => {
    const text = JSON.stringify({ version: 1, accounts: [alice, bob] });
    const both = { accountIds: ['carol-sub', 'alice-sub'], secrets: [] };
    assert.equal(scrubKeptText(text, both), JSON.stringify({ version: 1, accounts: [bob] }));
  });

  test('a parsed copy drops the forgotten account even when its list holds a null', () => {
    const text = JSON.stringify({ version: 1, accounts: [null, alice, bob] });
    assert.equal(scrubKeptText(text, forgetAlice), JSON.stringify({ version: 1, accounts: [null, bob] }));
  });

  test('an account whose id reads "undefined" takes only its own entry: plain strings in lists stay', () => {
    const odd = { ...alice, id: 'undefined' };
    const text = JSON.stringify({ version: 1, accounts: [odd, bob] });
    const out = scrubKeptText(text, { accountIds: ['undefined'], secrets: [] });
    assert.equal(out, JSON.stringify({ version: 1, accounts: [bob] }));
  });

  test('a copy that names no forgotten account is left exactly as kept: its layout, repeated names and long numbers', () => {
    // Kept copies are the user's data from before: a sign-out of someone else must not rewrite them.
    const text = '{\n  "version": 1,\n  "accounts": [{"id": "bob-sub", "n": 12345678901234567890}],\n  "note": 1, "note": 2\n}';
    assert.equal(scrubKeptText(text, forgetAlice), text);
  });

  test('a copy that names a forgotten account is written again: a repeated name or an escape cannot hide its tokens', () => {
    // JSON.parse keeps the last "accounts": the first, with alice's old tokens, is gone from the rewritten copy.
    const repeated = '{"version":1,"accounts":[{"id":"alice-sub","identity":{"refreshToken":"atkr_alice_OLD_0001"}}],"accounts":[{"id":"bob-sub"}]}';
    assert.equal(scrubKeptText(repeated, forgetAlice), '{"version":1,"accounts":[{"id":"bob-sub"}]}');
    // A known secret written with an escape, in an entry without an id, is found once the escape is undone.
    const escaped = '{"version":1,"accounts":[{"identity":{"accessToken":"atkn_\\u0061lice_identity_0001"}}]}';
    assert.equal(scrubKeptText(escaped, forgetAlice), `{"version":1,"accounts":[{"identity":{"accessToken":"${REMOVED}"}}]}`);
  });

  test('an empty id or secret names nothing: a copy is not rewritten for it', () => {
    const text = '{\n  "version": 1,\n  "accounts": [{"id": "bob-sub"}]\n}';
    assert.equal(scrubKeptText(text, { accountIds: [''], secrets: [''] }), text);
  });

  test('an entry whose id is a number is dropped for that account', () => {
    assert.equal(scrubKeptText('{"accounts":[{"id":42},{"id":7}]}', { accountIds: ['42'], secrets: [] }), '{"accounts":[{"id":7}]}');
  });

  test('entries without an id are nobody\'s, even when a forgotten account\'s id reads "undefined"', () => {
    const text = JSON.stringify({ version: 1, accounts: [{ id: 'undefined' }, { label: 'no id' }, bob] });
    assert.equal(scrubKeptText(text, { accountIds: ['undefined'], secrets: [] }), JSON.stringify({ version: 1, accounts: [{ label: 'no id' }, bob] }));
  });

  test('an unparsable copy naming the account loses everything shaped like a secret, each replaced by the marker', () => {
    const text = 'damaged {"id":"alice-sub" atkn_unknown_token_0001';
    assert.equal(scrubKeptText(text, { accountIds: ['alice-sub'], secrets: [] }), `damaged {"id":"alice-sub" ${REMOVED}`);
  });

  test('it is enough that one of the forgotten accounts is named', () => {
    const text = 'damaged alice-sub atkn_unknown_token_0001';
    const out = scrubKeptText(text, { accountIds: ['alice-sub', 'carol-sub'], secrets: [] });
    assert.equal(out, `damaged alice-sub ${REMOVED}`);
  });

  test('an unparsable copy that names no forgotten account keeps the other accounts\' tokens', () => {
    const text = 'damaged bob-sub atkn_bob_identity_0001';
    assert.equal(scrubKeptText(text, forgetAlice), text);
    // An empty id names nobody (every text "includes" it).
    assert.equal(scrubKeptText(text, { accountIds: [''], secrets: [] }), text);
  });
});

describe('scrubbing the kept lists', () => {
  test('nothing to forget: no new list, and nothing is written', async () => {
    const stored = JSON.stringify({ keptAside: 1, kept: [{ text: 'damaged bob-sub atkn_bob_identity_0001' }] });
    assert.equal(forgetInKept(stored, forgetAlice), undefined);
    const s = secrets({ k: stored });
    await forgetKept(s.store, 'k', forgetAlice);
    assert.deepEqual(s.writes, []);
  });

  test('one copy of several names the account: that copy is scrubbed, the others stay', () => {
    const stored = JSON.stringify({
      keptAside: 1,
      kept: [{ text: 'about bob only' }, { text: 'token atkn_alice_identity_0001' }],
    });
    const next = forgetInKept(stored, forgetAlice);
    assert.deepEqual(readKept(next).map((k) => k.text), ['about bob only', `token ${REMOVED}`]);
  });

  test('the overflow list under `${key}.more` is scrubbed too', async () => {
    const more = JSON.stringify({ keptAside: 1, kept: [{ text: 'token atkn_alice_identity_0001' }] });
    const s = secrets({ 'k.more': more });
    await forgetKept(s.store, 'k', forgetAlice);
    assert.deepEqual(readKept(s.map.get('k.more')).map((k) => k.text), [`token ${REMOVED}`]);
  });
});
