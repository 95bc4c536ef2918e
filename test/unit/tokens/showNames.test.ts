/**
 * How values from a token appear in sentences, and how a token is named in them: quoted and escaped, cut at 60
 * characters, the JSON kind in words, and a name that never shows enough of the token to replay it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindOf, show, tokenName } from '../../../src/shopify/tokens/show';

describe('show', () => {
  it('quotes text, escaping quotes, backslashes and control characters', () => {
    assert.equal(show('HS256'), '"HS256"');
    assert.equal(show(' !#[]~'), '" !#[]~"');
    assert.equal(show('a"b'), '"a\\"b"');
    assert.equal(show('a\\b'), '"a\\\\b"');
    assert.equal(show('a\nb'), '"a\\nb"');
    assert.equal(show('\u0000'), '"\\u0000"');
    assert.equal(show('x\u001f'), '"x\\u001f"');
    assert.equal(show('\ud800'), '"\\ud800"');
    assert.equal(show(''), '""');
  });

  it('writes other values as JSON, or in words where JSON has none', () => {
    assert.equal(show(undefined), 'nothing');
    assert.equal(show(Number.NaN), 'NaN');
    assert.equal(show(Infinity), 'Infinity');
    assert.equal(show(-Infinity), '-Infinity');
    assert.equal(show(42), '42');
    assert.equal(show(null), 'null');
    assert.equal(show(true), 'true');
    assert.equal(show(['b64']), '["b64"]');
    assert.equal(show({ a: 1 }), '{"a":1}');
    assert.equal(show(10n), '10');
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    assert.equal(show(circular), '[object Object]');
  });

  it('cuts what is longer than 60 characters to 59 and an ellipsis', () => {
    assert.equal(show('x'.repeat(58)), `"${'x'.repeat(58)}"`);
    assert.equal(show('x'.repeat(59)), `"${'x'.repeat(58)}…`);
    assert.equal(show('x'.repeat(59)).length, 60);
    assert.equal(show([1, 'y'.repeat(100)]), `[1,"${'y'.repeat(55)}…`);
  });
});

describe('kindOf', () => {
  it('names the JSON kind in words', () => {
    const kinds: [unknown, string][] = [
      [null, 'null'],
      [[1], 'a list'],
      ['x', 'a string'],
      [1, 'a number'],
      [false, 'a boolean'],
      [{}, 'an object'],
      [undefined, 'undefined'],
      [1n, 'bigint'],
    ];
    for (const [value, kind] of kinds) assert.equal(kindOf(value), kind, String(value));
  });
});

describe('tokenName', () => {
  const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln';

  it('uses a plain jti of up to 80 printable characters', () => {
    assert.equal(tokenName(TOKEN, 'abc-123'), 'token jti abc-123');
    assert.equal(tokenName(TOKEN, '!'.repeat(80)), `token jti ${'!'.repeat(80)}`);
    assert.equal(tokenName(TOKEN, '~'), 'token jti ~');
  });

  it('otherwise shows at most 12 characters and at most a third of the token', () => {
    const fallback = `token starting eyJhbGciOiJI… (${TOKEN.length} characters)`;
    for (const jti of [undefined, 42, '', 'a'.repeat(81), 'has space', 'tab\t', 'é', '\u007f']) {
      assert.equal(tokenName(TOKEN, jti), fallback, JSON.stringify(jti));
    }
    assert.equal(tokenName('abcdefghijklmnopqrstuvwxyz0123456789', undefined), 'token starting abcdefghijkl… (36 characters)');
    assert.equal(tokenName('abcdefghijklmnopqrstuvwxyz012345678', undefined), 'token starting abcdefghijk… (35 characters)');
    assert.equal(tokenName('  abcdef  ', undefined), 'token starting ab… (6 characters)');
    assert.equal(tokenName('abc', undefined), 'token starting a… (3 characters)');
  });

  it('a text too short to show any of it, or none at all', () => {
    assert.equal(tokenName('ab', undefined), 'token of 2 characters');
    assert.equal(tokenName(' \n ', undefined), 'empty token');
    assert.equal(tokenName('', 'abc'), 'token jti abc');
  });
});
