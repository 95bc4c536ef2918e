/**
 * The edges of the session rules: when a token is renewed, which stored scopes cover a request, the sessions the
 * editor lists for an account (what each hands out), and which differences count as a change.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accountSessionId, appSessionId, covers, diffSessions, isEmpty, isFresh, refreshAt, sessionsOf, type ShopifySession } from '../../../src/shopify/sessions/sessions';
import type { StoredAccount, StoredState } from '../../../src/shopify/storage/state';

describe('refreshAt and isFresh', () => {
  test('a token that expired before it was obtained (a clock step back) is renewed at its expiry, not later', () => {
    assert.equal(refreshAt({ obtainedAt: 10_000, expiresAt: 4_000 }), 4_000);
    assert.equal(isFresh({ obtainedAt: 10_000, expiresAt: 4_000 }, 3_999), true);
    assert.equal(isFresh({ obtainedAt: 10_000, expiresAt: 4_000 }, 4_000), false);
  });

  test('the 4 minute margin applies from 8 minutes of life up; shorter lives are renewed halfway', () => {
    assert.equal(refreshAt({ obtainedAt: 0, expiresAt: 480_000 }), 240_000);
    assert.equal(refreshAt({ obtainedAt: 0, expiresAt: 600_000 }), 360_000);
    assert.equal(refreshAt({ obtainedAt: 0, expiresAt: 400_000 }), 200_000);
    assert.equal(refreshAt({ obtainedAt: 5_000, expiresAt: 5_000 }), 5_000);
  });
});

describe('covers', () => {
  test('every wanted scope must have been granted', () => {
    assert.equal(covers(['a', 'b', 'c'], ['a', 'c']), true);
    assert.equal(covers(['a', 'b'], ['a', 'x']), false);
    assert.equal(covers(['a', 'b'], ['x', 'a']), false);
    assert.equal(covers([], ['a']), false);
    assert.equal(covers(['a'], []), true);
    assert.equal(covers([], []), true);
  });
});

const identity = { accessToken: 'identity-secret', refreshToken: 'r', expiresAt: 111, obtainedAt: 0, scopes: ['openid', 'email'] };

function account(over: Partial<StoredAccount> = {}): StoredAccount {
  return { id: 'u1', email: 'u1@example.com', signedInAt: 0, identity: { ...identity, idToken: 'id-1' }, apps: {}, ...over };
}

const state = (...accounts: StoredAccount[]): StoredState => ({ version: 1, accounts });

describe('sessionsOf', () => {
  test('ids name the account and the API (with the store for admin)', () => {
    assert.equal(accountSessionId('u1'), 'u1/account');
    assert.equal(appSessionId('u1', 'partners'), 'u1/partners');
    assert.equal(appSessionId('u1', 'admin', 'shop.myshopify.com'), 'u1/admin/shop.myshopify.com');
  });

  test('an account session hands out the id_token, with its scopes and expiry; without one it hands out nothing', () => {
    const [session] = sessionsOf(state(account()));
    assert.deepEqual(session, {
      id: 'u1/account',
      accessToken: 'id-1',
      idToken: 'id-1',
      account: { id: 'u1', label: 'u1@example.com' },
      scopes: ['openid', 'email'],
      kind: 'account',
      expiresAt: 111,
    });
    const [bare] = sessionsOf(state(account({ email: undefined, identity })));
    assert.equal(bare?.accessToken, '');
    assert.ok(bare && !('idToken' in bare), 'no idToken member when none was stored');
    assert.deepEqual(bare?.account, { id: 'u1', label: 'u1' });
  });

  test('one session per API token, after its account, with the store only when there is one', () => {
    const a = account({
      apps: {
        partners: { api: 'partners', accessToken: 'p-token', expiresAt: 222, obtainedAt: 0, scopes: ['z-scope', 'a-scope'] },
        'admin/shop.myshopify.com': { api: 'admin', store: 'shop.myshopify.com', accessToken: 'admin-token', expiresAt: 333, obtainedAt: 0, scopes: [] },
      },
    });
    const b = account({ id: 'u2', email: 'u2@example.com', identity: { ...identity, idToken: 'id-2' } });
    const sessions = sessionsOf(state(a, b));
    assert.deepEqual(sessions.map((s) => s.id), ['u1/account', 'u1/partners', 'u1/admin/shop.myshopify.com', 'u2/account']);
    const partners = sessions[1];
    assert.equal(partners?.accessToken, 'p-token');
    assert.equal(partners?.kind, 'partners');
    assert.equal(partners?.expiresAt, 222);
    assert.deepEqual(partners?.account, { id: 'u1', label: 'u1@example.com' });
    assert.ok(partners && !('store' in partners));
    assert.ok(partners && !('idToken' in partners));
    assert.deepEqual(partners?.scopes.slice(-2), ['a-scope', 'z-scope']);
    const admin = sessions[2];
    assert.equal(admin?.store, 'shop.myshopify.com');
    assert.ok(admin?.scopes.includes('store:shop.myshopify.com'));
  });
});

describe('diffSessions and isEmpty', () => {
  const s = (id: string, over: Partial<ShopifySession> = {}): ShopifySession => ({
    id,
    accessToken: `t-${id}`,
    account: { id: 'u', label: 'u@example.com' },
    scopes: ['a', 'b'],
    kind: 'partners',
    expiresAt: 1,
    ...over,
  });

  test('the same sessions are no change', () => {
    const d = diffSessions([s('x'), s('y')], [s('y'), s('x')]);
    assert.deepEqual(d, { added: [], removed: [], changed: [] });
    assert.equal(isEmpty(d), true);
  });

  test('a new token, label or scope list is a change; a new expiry alone is not', () => {
    for (const over of [{ accessToken: 'other' }, { account: { id: 'u', label: 'renamed' } }, { scopes: ['a'] }, { scopes: ['b', 'a'] }]) {
      const d = diffSessions([s('x')], [s('x', over)]);
      assert.deepEqual(d.changed.map((c) => c.id), ['x'], JSON.stringify(over));
      assert.deepEqual([d.added, d.removed], [[], []]);
      assert.equal(isEmpty(d), false);
    }
    assert.equal(isEmpty(diffSessions([s('x')], [s('x', { expiresAt: 2 })])), true);
  });

  test('added and removed by id, each alone making the diff non-empty', () => {
    const added = diffSessions([s('x')], [s('x'), s('y')]);
    assert.deepEqual(added.added.map((c) => c.id), ['y']);
    assert.deepEqual([added.removed, added.changed], [[], []]);
    assert.equal(isEmpty(added), false);
    const removed = diffSessions([s('x'), s('y')], [s('y')]);
    assert.deepEqual(removed.removed.map((c) => c.id), ['x']);
    assert.deepEqual([removed.added, removed.changed], [[], []]);
    assert.equal(isEmpty(removed), false);
    // Kinds of change never cancel out: one added with one removed, or one added with one changed, is two changes.
    const swapped = diffSessions([s('x')], [s('y')]);
    assert.deepEqual([swapped.added.length, swapped.removed.length, swapped.changed.length], [1, 1, 0]);
    assert.equal(isEmpty(swapped), false);
    const addedAndChanged = diffSessions([s('x')], [s('x', { accessToken: 'other' }), s('y')]);
    assert.deepEqual([addedAndChanged.added.length, addedAndChanged.removed.length, addedAndChanged.changed.length], [1, 0, 1]);
    assert.equal(isEmpty(addedAndChanged), false);
  });
});
