/**
 * The state store's edges: what is set aside and when, what the user is told, what a failure carries, and which
 * writes scrub kept copies (a sign-out, a removed token) and which do not (a refresh).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import type { Forgotten } from '../../../src/shopify/storage/keptAside';
import { EMPTY_STATE, type StoredAccount, type StoredState } from '../../../src/shopify/storage/state';
import { secretsOf, StateStore, type TextSlot } from '../../../src/shopify/storage/stateStore';

const app = (api: 'partners' | 'admin', accessToken: string, store?: string) => ({
  api,
  accessToken,
  expiresAt: 10,
  obtainedAt: 1,
  scopes: ['s'],
  ...(store ? { store } : {}),
});

const ann: StoredAccount = {
  id: 'ann-sub',
  signedInAt: 1,
  identity: { accessToken: 'atkn_ann_0001', refreshToken: 'atkr_ann_0001', expiresAt: 10, obtainedAt: 1, scopes: ['openid'], idToken: 'idt.ann.0001' },
  apps: { partners: app('partners', 'atkn_ann_partners'), 'admin/a.myshopify.com': app('admin', 'atkn_ann_admin', 'a.myshopify.com') },
};
const ben: StoredAccount = {
  id: 'ben-sub',
  signedInAt: 2,
  identity: { accessToken: 'atkn_ben_0001', refreshToken: 'atkr_ben_0001', expiresAt: 10, obtainedAt: 1, scopes: ['openid'] },
  apps: { partners: app('partners', 'atkn_ben_partners'), 'admin/a.myshopify.com': app('admin', 'atkn_ben_admin', 'a.myshopify.com') },
};
const doc = (...accounts: unknown[]) => JSON.stringify({ version: 1, accounts });
/** Two accounts the parser cannot use: two problems, joined in one message. */
const TWO_DAMAGED = doc({ id: 'x' }, { id: 'y' });
const TWO_PROBLEMS = 'stored account #1 is incomplete; stored account #2 is incomplete';

/** The keychain slot as a variable, recording what is kept aside and scrubbed. */
function memorySlot(initial?: string) {
  const s = {
    value: initial,
    keeps: [] as string[],
    forgets: [] as Forgotten[],
    keepAnswer: (_text: string): Promise<boolean> => Promise.resolve(!s.keeps.slice(0, -1).includes(_text)),
    forgetAnswer: (): Promise<void> => Promise.resolve(),
  };
  const slot: TextSlot = {
    get: () => Promise.resolve(s.value),
    set: (v) => {
      s.value = v;
      return Promise.resolve();
    },
    keepUnreadable: (v) => {
      s.keeps.push(v);
      return s.keepAnswer(v);
    },
    forget: (f) => {
      s.forgets.push(f);
      return s.forgetAnswer();
    },
  };
  return { s, slot };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('setting damaged text aside', () => {
  test('loads side by side of the same damaged text set it aside once and warn once, and a later load does not set it aside again', async () => {
    const { s, slot } = memorySlot(TWO_DAMAGED);
    s.keepAnswer = () => Promise.resolve(true); // a keychain that cannot tell it has the text already
    const warnings: string[] = [];
    const store = new StateStore(slot, (m) => warnings.push(m));
    assert.deepEqual(await Promise.all([store.load(), store.load()]), [EMPTY_STATE, EMPTY_STATE]);
    await store.load();
    assert.deepEqual(s.keeps, [TWO_DAMAGED]);
    assert.equal(warnings.length, 1);
  });

  test('the warning names every problem, separated by semicolons', async () => {
    const { slot } = memorySlot(TWO_DAMAGED);
    const warnings: string[] = [];
    await new StateStore(slot, (m) => warnings.push(m)).load();
    assert.deepEqual(warnings, [`Some stored Shopify sessions could not be read and were set aside (${TWO_PROBLEMS}). Sign in again if an account is missing.`]);
  });

  test('when setting aside fails, the error names every problem and carries the keychain’s own error as its cause', async () => {
    const { s, slot } = memorySlot(TWO_DAMAGED);
    const locked = new Error('keychain locked');
    s.keepAnswer = () => Promise.reject(locked);
    const store = new StateStore(slot, () => undefined);
    await assert.rejects(store.load(), (e: unknown) => {
      assert.ok(e instanceof ShopifyAuthError);
      assert.equal(e.code, 'storage');
      assert.equal(
        e.message,
        `Stored Shopify sessions could not be read (${TWO_PROBLEMS}) and could not be set aside either, so nothing was changed. Try again; if it keeps failing, check that the system keychain is unlocked.`,
      );
      assert.equal(e.cause, locked);
      return true;
    });
  });

  test('a keychain that fails without saying why still counts as a failure: nothing is loaded, and the cause says keeping failed', async () => {
    const { s, slot } = memorySlot(TWO_DAMAGED);
    s.keepAnswer = () => Promise.reject(undefined);
    const store = new StateStore(slot, () => undefined);
    await assert.rejects(store.load(), (e: unknown) => {
      assert.ok(e instanceof ShopifyAuthError && e.code === 'storage');
      assert.ok(e.cause instanceof Error);
      assert.equal(e.cause.message, 'keeping failed');
      return true;
    });
    await assert.rejects(store.update((st) => st), ShopifyAuthError, 'and no write starts');
    assert.equal(s.value, TWO_DAMAGED);
  });

  test('a failed keep of older text does not make the text stored now be set aside again', async () => {
    const older = '{not json';
    const { s, slot } = memorySlot(older);
    let failOlder!: (e: unknown) => void;
    s.keepAnswer = (text) => (text === older ? new Promise<boolean>((_, reject) => (failOlder = reject)) : Promise.resolve(true));
    const warnings: string[] = [];
    const store = new StateStore(slot, (m) => warnings.push(m));
    const first = store.load();
    await tick();
    assert.deepEqual(s.keeps, [older]);
    // Another window writes something else damaged while the keychain still works on the first keep.
    s.value = TWO_DAMAGED;
    assert.deepEqual(await store.load(), EMPTY_STATE);
    failOlder(new Error('keychain locked'));
    await assert.rejects(first, ShopifyAuthError);
    assert.deepEqual(await store.load(), EMPTY_STATE);
    assert.deepEqual(s.keeps, [older, TWO_DAMAGED], 'the current text was set aside once');
    assert.equal(warnings.length, 1);
  });
});

describe('which writes scrub kept copies', () => {
  const stored = (...accounts: StoredAccount[]): StoredState => ({ version: 1, accounts });

  test('signing an account out scrubs its id and every secret it held, its id_token included, and nothing of the others', async () => {
    const { s, slot } = memorySlot(JSON.stringify(stored(ann, ben)));
    const store = new StateStore(slot, () => undefined);
    await store.update((st) => ({ ...st, accounts: st.accounts.filter((a) => a.id !== 'ann-sub') }));
    assert.deepEqual(s.forgets, [{ accountIds: ['ann-sub'], secrets: ['atkn_ann_0001', 'atkr_ann_0001', 'idt.ann.0001', 'atkn_ann_partners', 'atkn_ann_admin'] }]);
  });

  test('removing one token of the second account scrubs that token only', async () => {
    const { s, slot } = memorySlot(JSON.stringify(stored(ann, ben)));
    const store = new StateStore(slot, () => undefined);
    await store.update((st) => ({
      ...st,
      accounts: st.accounts.map((a) => (a.id === 'ben-sub' ? { ...a, apps: { partners: a.apps['partners']! } } : a)),
    }));
    assert.deepEqual(s.forgets, [{ accountIds: [], secrets: ['atkn_ben_admin'] }]);
  });

  test('removing one token of the first account, the second keeping all of its own, scrubs that token only', async () => {
    const withOnlyPartners = { ...ben, apps: { partners: ben.apps['partners']! } };
    const { s, slot } = memorySlot(JSON.stringify(stored(ann, withOnlyPartners)));
    const store = new StateStore(slot, () => undefined);
    await store.update((st) => ({
      ...st,
      accounts: st.accounts.map((a) => (a.id === 'ann-sub' ? { ...a, apps: { partners: a.apps['partners']! } } : a)),
    }));
    assert.deepEqual(s.forgets, [{ accountIds: [], secrets: ['atkn_ann_admin'] }]);
  });

  test('a refresh that replaces tokens, or a write that removes nothing, scrubs nothing', async () => {
    const withOnlyPartners = { ...ben, apps: { partners: ben.apps['partners']! } };
    const { s, slot } = memorySlot(JSON.stringify(stored(ann, withOnlyPartners)));
    const store = new StateStore(slot, () => undefined);
    await store.update((st) => ({
      ...st,
      accounts: st.accounts.map((a) => ({ ...a, identity: { ...a.identity, accessToken: `${a.identity.accessToken}_new` } })),
    }));
    await store.update((st) => ({ ...st, activeStore: 'a.myshopify.com' }));
    assert.deepEqual(s.forgets, []);
  });

  test('when a kept copy cannot be scrubbed, the sign-out still stands and the user is told how to retry', async () => {
    const { s, slot } = memorySlot(JSON.stringify(stored(ann, ben)));
    s.forgetAnswer = () => Promise.reject(new Error('keychain locked'));
    const warnings: string[] = [];
    const store = new StateStore(slot, (m) => warnings.push(m));
    const next = await store.update((st) => ({ ...st, accounts: st.accounts.filter((a) => a.id !== 'ann-sub') }));
    assert.deepEqual(next.accounts.map((a) => a.id), ['ben-sub']);
    assert.deepEqual(warnings, [
      'A set-aside copy of damaged Shopify sessions could not be cleaned, so it may still hold tokens of the account you signed out. Sign out again to retry; if it keeps failing, check that the system keychain is unlocked.',
    ]);
  });
});

describe('secretsOf', () => {
  test('lists the identity tokens, the id_token when there is one, and every app token', () => {
    assert.deepEqual(secretsOf(ann), ['atkn_ann_0001', 'atkr_ann_0001', 'idt.ann.0001', 'atkn_ann_partners', 'atkn_ann_admin']);
    assert.deepEqual(secretsOf(ben), ['atkn_ben_0001', 'atkr_ben_0001', 'atkn_ben_partners', 'atkn_ben_admin']);
  });
});
