// Which change events a window announces: a new label or new scopes are changes too, and nothing is an empty event.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffSessions, isEmpty, type ShopifySession } from '../../../src/shopify/sessions/sessions';

const base: ShopifySession = {
  id: 'u1/partners',
  accessToken: 'atkn_one',
  account: { id: 'u1', label: 'alice@example.com' },
  scopes: ['partners'],
  kind: 'partners',
  expiresAt: 0,
};

describe('session change events', () => {
  test('a new token, a new account label or new scopes each make the session "changed"', () => {
    for (const after of [
      { ...base, accessToken: 'atkn_two' },
      { ...base, account: { id: 'u1', label: 'alice@new.example.com' } },
      { ...base, scopes: ['partners', 'https://api.shopify.com/auth/destinations.readonly'] },
    ]) {
      const changes = diffSessions([base], [after]);
      assert.deepEqual(changes.changed.map((s) => s.id), [base.id]);
      assert.deepEqual([changes.added, changes.removed], [[], []]);
      assert.equal(isEmpty(changes), false);
    }
  });

  test('a session that appears is "added", one that goes is "removed"', () => {
    assert.deepEqual(diffSessions([], [base]), { added: [base], removed: [], changed: [] });
    assert.deepEqual(diffSessions([base], []), { added: [], removed: [base], changed: [] });
  });

  test('the same sessions make no event; one added, removed or changed alone does', () => {
    assert.equal(isEmpty(diffSessions([base], [{ ...base, expiresAt: 1 }])), true);
    const wide = { ...base, scopes: ['partners', 'https://api.shopify.com/auth/destinations.readonly'] };
    assert.equal(isEmpty(diffSessions([wide], [{ ...wide, scopes: [...wide.scopes] }])), true);
    // Scopes are compared as a list, not as glued text.
    assert.equal(diffSessions([{ ...base, scopes: ['ab'] }], [{ ...base, scopes: ['a', 'b'] }]).changed.length, 1);
    const other = { ...base, id: 'u2/partners' };
    assert.equal(isEmpty({ added: [other], removed: [], changed: [] }), false);
    assert.equal(isEmpty({ added: [], removed: [other], changed: [] }), false);
    assert.equal(isEmpty({ added: [], removed: [], changed: [other] }), false);
    assert.equal(isEmpty({ added: [other], removed: [other], changed: [] }), false);
    assert.equal(isEmpty({ added: [other], removed: [], changed: [base] }), false);
  });
});
