/**
 * How an identity answer is reworded before openid-client reads it, and how granted scopes are read: pure calls,
 * so each rule of answerNormalizer.ts is pinned without a server (answers.test.ts covers the same over HTTP, slowly).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isJsonType, normalizeAnswer, normalizeHeaders, readGrantedScopes } from '../../../src/shopify/identity/answerNormalizer';

/** Normalizes a copy of `json` and returns it with the notes heard. */
function normalized(json: Record<string, unknown>, ok = true): { json: Record<string, unknown>; notes: string[] } {
  const copy = { ...json };
  const notes: string[] = [];
  normalizeAnswer(copy, ok, (n) => notes.push(n));
  return { json: copy, notes };
}

const TOKEN = { access_token: 'atkn_test_0001', token_type: 'bearer' };
const NO_TYPE = 'token answer had no token_type; treated as bearer';
const UNUSUAL_TYPE = 'token answer had an unusual token_type; treated as bearer';

describe('isJsonType', () => {
  it('takes application/json with parameters and any casing, text/json and +json types; nothing else', () => {
    for (const t of ['application/json', 'Application/JSON; charset=utf-8', 'text/json', 'application/problem+json']) assert.equal(isJsonType(t), true, t);
    for (const t of ['text/html', 'text/plain; note=json', '']) assert.equal(isJsonType(t), false, t);
  });
});

describe('normalizeAnswer: numbers sent as text', () => {
  it('expires_in and interval written as whole or decimal numbers, spaced or not, become numbers', () => {
    for (const [text, value] of [
      ['3600', 3600],
      ['7', 7],
      [' 3600 ', 3600],
      ['\t42', 42],
      ['5\n', 5],
      ['1.5', 1.5],
      ['2.25', 2.25],
    ] as const) {
      const { json } = normalized({ ...TOKEN, expires_in: text, interval: text });
      assert.equal(json['expires_in'], value, JSON.stringify(text));
      assert.equal(json['interval'], value, JSON.stringify(text));
    }
  });

  it('text that is not only a number stays as sent, for the usual error', () => {
    for (const text of ['3600s', 'in 3600', '3600 s', 'x5', '1.', '1.x', '.5', 'abc', '', ' ', '-5', '1e3']) {
      const { json } = normalized({ ...TOKEN, expires_in: text });
      assert.equal(json['expires_in'], text, JSON.stringify(text));
    }
  });

  it('numbers in an error answer are read the same way', () => {
    const { json } = normalized({ error: 'slow_down', interval: '10' }, false);
    assert.deepEqual(json, { error: 'slow_down', interval: 10 });
  });

  it('only expires_in and interval are touched', () => {
    const { json } = normalized({ ...TOKEN, refresh_token_expires_in: '60', expires_in: 60 });
    assert.deepEqual(json, { ...TOKEN, refresh_token_expires_in: '60', expires_in: 60 });
  });
});

describe('normalizeAnswer: null fields', () => {
  it('a field sent as null is as if not sent, in token and error answers alike', () => {
    assert.deepEqual(normalized({ ...TOKEN, refresh_token: null, id_token: null, expires_in: 60 }).json, { ...TOKEN, expires_in: 60 });
    assert.deepEqual(normalized({ error: 'invalid_grant', error_description: null }, false).json, { error: 'invalid_grant' });
  });
});

describe('normalizeAnswer: scope', () => {
  it('a list of scope names becomes the one space-separated string', () => {
    assert.deepEqual(normalized({ ...TOKEN, scope: ['openid', 'email'] }).json, { ...TOKEN, scope: 'openid email' });
    assert.deepEqual(normalized({ ...TOKEN, scope: ['openid'] }).json, { ...TOKEN, scope: 'openid' });
  });

  it('a list with anything but names in it, or a scope that is neither text nor list, is as if not sent', () => {
    for (const scope of [['openid', 5], [5, 'openid'], [null], 5, true, { openid: true }]) {
      const { json } = normalized({ ...TOKEN, scope });
      assert.ok(!('scope' in json), JSON.stringify(scope));
      assert.deepEqual(json, TOKEN, JSON.stringify(scope));
    }
  });

  it('a scope string is kept as sent', () => {
    assert.deepEqual(normalized({ ...TOKEN, scope: ' openid  email ' }).json, { ...TOKEN, scope: ' openid  email ' });
    assert.deepEqual(normalized({ ...TOKEN, scope: '' }).json, { ...TOKEN, scope: '' });
  });

  it('an error answer keeps its fields as sent, apart from nulls and numbers', () => {
    const error = { error: 'invalid_scope', scope: ['a', 'b'], access_token: 'x', token_type: 'mac' };
    const { json, notes } = normalized(error, false);
    assert.deepEqual(json, error);
    assert.deepEqual(notes, []);
  });
});

describe('normalizeAnswer: token_type', () => {
  it('bearer in any casing passes without a note', () => {
    for (const type of ['bearer', 'Bearer', 'BEARER']) {
      const { json, notes } = normalized({ ...TOKEN, token_type: type });
      assert.equal(json['token_type'], 'bearer');
      assert.deepEqual(notes, [], type);
    }
  });

  it('a missing token_type is read as bearer, with a note saying it was missing', () => {
    const { json, notes } = normalized({ access_token: 'atkn_test_0001' });
    assert.deepEqual(json, TOKEN);
    assert.deepEqual(notes, [NO_TYPE]);
    assert.deepEqual(normalized({ access_token: 'atkn_test_0001', token_type: null }).notes, [NO_TYPE], 'null is as if not sent');
  });

  it('any other token_type is read as bearer, with a note that quotes nothing', () => {
    for (const type of ['mac', 'DPoP', '', 42, ['bearer']]) {
      const { json, notes } = normalized({ ...TOKEN, token_type: type });
      assert.equal(json['token_type'], 'bearer', JSON.stringify(type));
      assert.deepEqual(notes, [UNUSUAL_TYPE], JSON.stringify(type));
    }
  });

  it('an answer without an access token (a device code answer) is given no token_type and no note', () => {
    const device = { device_code: 'dc', user_code: 'ABCD-EFGH', verification_uri: 'https://x.example/activate', expires_in: 600, interval: 5 };
    const { json, notes } = normalized(device);
    assert.deepEqual(json, device);
    assert.deepEqual(notes, []);
    assert.deepEqual(normalized({ access_token: 42, token_type: 'mac' }).json, { access_token: 42, token_type: 'mac' }, 'left for the usual error');
  });
});

describe('normalizeHeaders', () => {
  const sent = () =>
    new Headers({ 'content-type': 'text/json; charset=utf-8', 'content-length': '12', 'www-authenticate': 'Bearer error="invalid_token"', 'x-request-id': 'r1' });

  it('an OAuth error answer loses its WWW-Authenticate, so its error body is read', () => {
    const out = normalizeHeaders(sent(), true);
    assert.equal(out.get('www-authenticate'), null);
    assert.equal(out.get('content-type'), 'application/json');
    assert.equal(out.get('content-length'), null);
    assert.equal(out.get('x-request-id'), 'r1');
  });

  it('any other answer keeps its WWW-Authenticate', () => {
    const out = normalizeHeaders(sent(), false);
    assert.equal(out.get('www-authenticate'), 'Bearer error="invalid_token"');
    assert.equal(out.get('content-type'), 'application/json');
    assert.equal(out.get('content-length'), null);
  });
});

describe('readGrantedScopes', () => {
  const ASKED = ['openid', 'email', 'https://api.shopify.com/auth/shop.admin.graphql', 'https://api.shopify.com/auth/partners.app.cli.access'];

  it('no scope, an empty one, one of only spaces, or one that is not text means what was asked', () => {
    for (const scope of [undefined, '', '   ', ' \t\n', 5, ['openid']]) assert.deepEqual(readGrantedScopes(scope, ASKED), ASKED, JSON.stringify(scope));
    const asked = ['openid'];
    const out = readGrantedScopes(undefined, asked);
    assert.notEqual(out, asked, 'a copy, not the caller’s list');
  });

  it('uneven spacing around and between names is ignored', () => {
    assert.deepEqual(readGrantedScopes('  email \t  openid\n', ASKED), ['email', 'openid']);
    assert.deepEqual(readGrantedScopes('openid  email', ASKED), ['openid', 'email']);
  });

  it('a short name counts as the asked scope it ends', () => {
    assert.deepEqual(readGrantedScopes('shop.admin.graphql openid partners.app.cli.access', ASKED), [
      'https://api.shopify.com/auth/shop.admin.graphql',
      'openid',
      'https://api.shopify.com/auth/partners.app.cli.access',
    ]);
  });

  it('a name that is only the start or the middle of an asked scope is not that scope', () => {
    assert.deepEqual(readGrantedScopes('https: shop.admin', ASKED), ['https:', 'shop.admin']);
  });

  it('a name asked exactly is that scope, even when a longer asked scope ends with it', () => {
    assert.deepEqual(readGrantedScopes('openid', ['openid', 'https://example.com/openid']), ['openid']);
  });

  it('names not asked for are kept, and one scope listed twice (in either form) counts once', () => {
    assert.deepEqual(readGrantedScopes('openid extra shop.admin.graphql https://api.shopify.com/auth/shop.admin.graphql openid', ASKED), [
      'openid',
      'extra',
      'https://api.shopify.com/auth/shop.admin.graphql',
    ]);
  });
});
