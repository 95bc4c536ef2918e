import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffSessions, isFresh, refreshAt, sessionsOf } from '../../../src/shopify/sessions/sessions';
import type { StoredState } from '../../../src/shopify/storage/state';

describe('session rules', () => {
  test('tokens count as expired 4 minutes early', () => {
    const token = { obtainedAt: 0, expiresAt: 7_200_000 };
    assert.equal(refreshAt(token), 7_200_000 - 240_000);
    assert.equal(isFresh(token, 7_200_000 - 240_001), true);
    assert.equal(isFresh(token, 7_200_000 - 240_000), false);
  });

  test('short-lived tokens are renewed halfway instead of at once', () => {
    assert.equal(refreshAt({ obtainedAt: 1000, expiresAt: 61_000 }), 31_000);
  });

  const state = (token: string): StoredState => ({
    version: 1,
    accounts: [
      {
        id: 'u',
        email: 'u@example.com',
        signedInAt: 0,
        identity: { accessToken: 'identity-secret', refreshToken: 'r', expiresAt: 1, obtainedAt: 0, scopes: ['openid'], idToken: 'id-token' },
        apps: { partners: { api: 'partners', accessToken: token, expiresAt: 1, obtainedAt: 0, scopes: ['s'] } },
      },
    ],
  });

  test('an account session carries the id_token, never the exchangeable identity token', () => {
    const [accountSession, partners] = sessionsOf(state('p'));
    assert.equal(accountSession?.kind, 'account');
    assert.equal(accountSession?.accessToken, 'id-token');
    assert.equal(accountSession?.account.label, 'u@example.com');
    assert.ok(!sessionsOf(state('p')).some((s) => s.accessToken === 'identity-secret'));
    assert.equal(partners?.id, 'u/partners');
  });

  test('diffs by id: a new token for the same session is a change', () => {
    const d = diffSessions(sessionsOf(state('p1')), sessionsOf(state('p2')));
    assert.deepEqual(d.changed.map((s) => s.id), ['u/partners']);
    assert.equal(d.added.length + d.removed.length, 0);
    const gone = diffSessions(sessionsOf(state('p1')), []);
    assert.equal(gone.removed.length, 2);
  });
});
