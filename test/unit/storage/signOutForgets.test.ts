// "Signed out … Its tokens were removed from this machine" must hold for the copies of damaged stored
// sessions that were set aside too: a sign-out scrubs the account out of every kept copy.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forgetKept, keepText, readKept } from '../../../src/shopify/storage/keptAside';
import { STATE_KEY } from '../../../src/shopify/storage/state';
import { StateStore, type TextSlot } from '../../../src/shopify/storage/stateStore';

const KEPT_KEY = `${STATE_KEY}.unreadable`;

const alice = {
  id: 'alice-sub',
  email: 'alice@example.com',
  signedInAt: 1,
  identity: { accessToken: 'atkn_alice_identity_0001', refreshToken: 'atkr_alice_refresh_0001', expiresAt: 10, obtainedAt: 1, scopes: ['openid'] },
  apps: { partners: { api: 'partners', accessToken: 'atkn_alice_partners_0001', expiresAt: 10, obtainedAt: 1, scopes: [] } },
};
const bob = {
  id: 'bob-sub',
  signedInAt: 2,
  identity: { accessToken: 'atkn_bob_identity_0001', refreshToken: 'atkr_bob_refresh_0001', expiresAt: 10, obtainedAt: 1, scopes: ['openid'] },
  // One damaged token: the whole document is set aside when it is read.
  apps: { partners: { api: 'partners', accessToken: 'atkn_bob_partners_0001' } },
};
const ALICE_SECRETS = ['atkn_alice_identity_0001', 'atkr_alice_refresh_0001', 'atkn_alice_partners_0001'];

/** SecretStorage as a map, with the editor's keep and forget on top (the vault's wiring). */
function secrets(initial: string) {
  const map = new Map<string, string>([[STATE_KEY, initial]]);
  const store = { get: (k: string) => Promise.resolve(map.get(k)), store: (k: string, v: string) => Promise.resolve(void map.set(k, v)) };
  const slot: TextSlot = {
    get: () => store.get(STATE_KEY),
    set: (v) => store.store(STATE_KEY, v),
    keepUnreadable: (v) => keepText(store, KEPT_KEY, v, new Date(0)),
    forget: (f) => forgetKept(store, KEPT_KEY, f),
  };
  const keptTexts = () => [KEPT_KEY, `${KEPT_KEY}.more`].flatMap((k) => readKept(map.get(k)).map((x) => x.text));
  return { map, slot, store, keptTexts };
}

describe('sign-out and set-aside copies', () => {
  test('signing an account out removes it and its tokens from the kept copy; other accounts stay', async () => {
    const { slot, keptTexts } = secrets(JSON.stringify({ version: 1, accounts: [alice, bob] }));
    const store = new StateStore(slot, () => undefined);
    const loaded = await store.load();
    assert.deepEqual(loaded.accounts.map((a) => a.id), ['alice-sub', 'bob-sub']);
    assert.ok(keptTexts().some((t) => t.includes('atkr_alice_refresh_0001')), 'the damaged document was set aside whole');

    await store.update((s) => ({ ...s, accounts: s.accounts.filter((a) => a.id !== 'alice-sub') }));

    for (const text of keptTexts()) {
      for (const secret of ALICE_SECRETS) assert.ok(!text.includes(secret), `a kept copy still holds ${secret}`);
      assert.ok(!text.includes('alice-sub'), 'a kept copy still lists the account');
    }
    // What was set aside for others is still there to recover.
    assert.ok(keptTexts().some((t) => t.includes('atkr_bob_refresh_0001')));
  });

  test('a kept copy that is not JSON loses the account\'s secrets, including ones no longer in the state', async () => {
    const { slot, store: raw, keptTexts } = secrets(JSON.stringify({ version: 1, accounts: [alice] }));
    // A truncated write set aside earlier, holding an older refresh token of alice's.
    await keepText(raw, KEPT_KEY, '{"version":1,"accounts":[{"id":"alice-sub","identity":{"refreshToken":"atkr_alice_OLDER_rotated_9","accessToken":"atkn_alice_identity_0001"', new Date(0));
    const store = new StateStore(slot, () => undefined);
    await store.update((s) => ({ ...s, accounts: [] }));
    const texts = keptTexts();
    assert.equal(texts.length, 1, 'the copy is kept, only scrubbed');
    for (const secret of [...ALICE_SECRETS, 'atkr_alice_OLDER_rotated_9']) assert.ok(!texts[0]?.includes(secret), `still holds ${secret}: ${texts[0]}`);
  });

  test('a write that removes nothing leaves kept copies alone', async () => {
    const { slot, map } = secrets(JSON.stringify({ version: 1, accounts: [alice, bob] }));
    const store = new StateStore(slot, () => undefined);
    await store.load();
    const before = map.get(KEPT_KEY);
    await store.update((s) => ({ ...s, activeStore: 'shop.myshopify.com' }));
    assert.equal(map.get(KEPT_KEY), before);
  });
});
