import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fingerprint, inert, redact, rememberSecret, serverText, SERVER_TEXT_LIMIT } from '../../../src/shopify/common/redact';
import { StateStore } from '../../../src/shopify/storage/stateStore';

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

describe('redaction knows what the extension holds', () => {
  test('the refresh-token shape the identity server issues (atkr_) is removed', () => {
    const out = redact('invalid refresh token atkr_Zm9vYmFyYmF6cXV4 given');
    assert.ok(!out.includes('atkr_Zm9vYmFyYmF6cXV4'), out);
  });

  test('a secret of no known shape is removed once the extension holds it, with no list passed in', async () => {
    const opaque = 'opaque-refresh-7f3k9q2m5x';
    assert.equal(redact(`echo ${opaque}`), `echo ${opaque}`, 'unknown before it is held');
    const state = {
      version: 1,
      accounts: [{ id: 'u1', signedInAt: 1, identity: { accessToken: 'opaque-access-1q2w3e4r5t', refreshToken: opaque, expiresAt: 9, obtainedAt: 1, scopes: [] }, apps: {} }],
    };
    const store = new StateStore({ get: async () => JSON.stringify(state), set: async () => {}, keepUnreadable: async () => true }, () => {});
    await store.load();
    assert.equal(redact(`echo ${opaque} and opaque-access-1q2w3e4r5t`), `echo ${fingerprint(opaque)} and ${fingerprint('opaque-access-1q2w3e4r5t')}`);
    rememberSecret('app-secret-without-shape-42');
    assert.ok(!redact('secret app-secret-without-shape-42').includes('app-secret-without-shape-42'));
  });

  test('server text is redacted, put on one line and shortened before it is quoted', () => {
    const quoted = serverText(`bad\n\ttoken atkr_abcdefghij ${'x'.repeat(5000)}`);
    assert.ok(!quoted.includes('atkr_abcdefghij'));
    assert.ok(!/\s{2,}|\n/.test(quoted));
    assert.ok(quoted.length <= SERVER_TEXT_LIMIT, `${quoted.length} characters`);
    assert.ok(quoted.endsWith('…'));
  });
});

describe('redaction of the shapes a review found passing through', () => {
  const cases: Array<[string, string]> = [
    ['a proxy URL whose password holds an "@"', 'proxy http://alice:p@ss-w0rd@proxy.example:8080 refused'],
    ['a "token" member in JSON', '{"token":"opaque-secret-123","ok":false}'],
    ['a JSON value with an escaped quote inside', '{"client_secret":"first\\"opaque-secret-123"}'],
    ['a single-quoted member (a Python or Ruby dump)', "{'access_token': 'opaque-secret-123'}"],
    ['a YAML or log line "access_token: …"', 'access_token: opaque-secret-123'],
    ['a password in a form body', 'user=alice&password=opaque-secret-123'],
    ['Basic credentials', 'Proxy-Authorization: Basic b3BhcXVlLXNlY3JldC0xMjM='],
  ];
  for (const [what, text] of cases) {
    test(`removes ${what}`, () => {
      const out = redact(text);
      for (const secret of ['p@ss-w0rd', 'ss-w0rd', 'opaque-secret-123', 'b3BhcXVlLXNlY3JldC0xMjM=']) assert.ok(!out.includes(secret), out);
    });
  }

  test('a proxy challenge naming its realm stays readable', () => {
    const text = 'Proxy-Authenticate: Basic realm="corp proxy"';
    assert.equal(redact(text), text);
  });
});

describe('outside text put in a notification is never a link', () => {
  const link = '[Re-verify](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)';
  // VS Code's own pattern for links in notification messages (linkedText.ts), checked against what we show.
  const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

  test('server text, and inert() for any other outside value, keep the words but break the link', () => {
    for (const shown of [serverText(`invalid_client: ${link}`), inert(`alice${link}@example.com`)]) {
      assert.ok(shown.includes('[Re-verify]'), shown);
      assert.equal(VSCODE_LINK.test(shown), false, shown);
      VSCODE_LINK.lastIndex = 0;
    }
    assert.equal(inert('nothing to do here'), 'nothing to do here');
  });
});
