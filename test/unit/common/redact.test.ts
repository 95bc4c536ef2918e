import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fingerprint, redact } from '../../../src/shopify/common/redact';

describe('redaction', () => {
  test('fingerprints are short, stable and differ between secrets', () => {
    assert.match(fingerprint('atkn_abc'), /^#[0-9a-f]{8}$/);
    assert.equal(fingerprint('x'), fingerprint('x'));
    assert.notEqual(fingerprint('x'), fingerprint('y'));
  });

  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
  const cases = [
    `token ${jwt} rejected`,
    'got atkn_CgYI8s2Q_secret_value back',
    'header Authorization: Bearer opaque-secret-123',
    'POST body refresh_token=rt_secret_value&client_id=x',
    '{"access_token":"shpat_0123456789abcdef","expires_in":5}',
    'theme password shptka_0123456789abcdef',
  ];
  for (const text of cases) {
    test(`removes the secret from: ${text.slice(0, 30)}…`, () => {
      const out = redact(text);
      for (const secret of [jwt, 'atkn_CgYI8s2Q_secret_value', 'opaque-secret-123', 'rt_secret_value', 'shpat_0123456789abcdef', 'shptka_0123456789abcdef']) {
        assert.ok(!out.includes(secret), out);
      }
      assert.match(out, /#[0-9a-f]{8}/);
    });
  }

  test('known secrets are removed wherever they appear', () => {
    assert.equal(redact('x plainsecretvalue y', ['plainsecretvalue']), `x ${fingerprint('plainsecretvalue')} y`);
  });

  test('leaves ordinary text alone', () => {
    const text = 'Signed in to Shopify as alice@example.com; store shop-one.myshopify.com';
    assert.equal(redact(text), text);
  });
});
