/** The small pure pieces: strict base64url, duplicate-name detection, the JWT finder, durations. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBase64url } from '../../../src/shopify/tokens/base64url';
import { findDuplicateKeys, parseJsonObject } from '../../../src/shopify/tokens/json';
import { findJwtAt, findJwts, formatDuration } from '../../../src/shopify/tokens';
import { readDest, readIss } from '../../../src/shopify/tokens/shop';
import { show } from '../../../src/shopify/tokens/show';

describe('strict base64url', () => {
  const code = (s: string): string | undefined => checkBase64url(s, 'payload')?.code;
  it('accepts canonical text of every length remainder', () => {
    for (const bytes of ['a', 'ab', 'abc', 'abcd']) assert.equal(code(Buffer.from(bytes).toString('base64url')), undefined);
  });
  it('names each fault', () => {
    assert.equal(code(''), 'base64url.empty');
    assert.equal(code('YQ=='), 'base64url.padding');
    assert.equal(code('a+b/'), 'base64url.alphabet');
    assert.equal(code('YW Jj'), 'base64url.whitespace');
    assert.equal(code('YW\u00e9j'), 'base64url.character');
    assert.equal(code('YWJjZ'), 'base64url.length');
    assert.equal(code('YR'), 'base64url.noncanonical'); // "YQ" is the canonical spelling of "a"
    assert.equal(code('YWI'), undefined);
    assert.equal(code('YWJ'), 'base64url.noncanonical');
  });
});

describe('duplicate member names', () => {
  it('finds repeats at the top level and in nested objects, after unescaping', () => {
    assert.deepEqual(findDuplicateKeys('{"a":1,"b":2,"a":3}'), ['a']);
    assert.deepEqual(findDuplicateKeys('{"a":1,"\\u0061":2}'), ['a']);
    assert.deepEqual(findDuplicateKeys('{"x":{"y":1,"y":2},"z":[{"k":1,"k":2}]}'), ['x.y', 'z[].k']);
  });
  it('does not confuse values, strings with quotes or braces, or sibling objects with names', () => {
    assert.deepEqual(findDuplicateKeys('{"a":"a","b":"\\"a\\":{","c":[{"a":1},{"a":2}],"d":{"a":1}}'), []);
  });
  it('parseJsonObject reports UTF-8, syntax and shape problems', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    assert.deepEqual(parseJsonObject(enc('{"a":1}')), { ok: true, value: { a: 1 }, duplicates: [] });
    assert.equal(parseJsonObject(new Uint8Array([0xc3, 0x28])).ok, false);
    assert.equal(parseJsonObject(enc('\ufeff{"a":1}')).ok, false, 'a byte-order mark is not JSON');
    const list = parseJsonObject(enc('[1]'));
    assert.equal(list.ok === false && list.problem, 'not-object');
  });
});

describe('shop hosts', () => {
  it('reads dest in both forms and refuses anything else', () => {
    assert.deepEqual(readDest('my-store.myshopify.com'), { ok: true, host: 'my-store.myshopify.com', form: 'bare' });
    assert.deepEqual(readDest('https://my-store.myshopify.com'), { ok: true, host: 'my-store.myshopify.com', form: 'origin' });
    for (const bad of ['http://my-store.myshopify.com', 'https://my-store.myshopify.com:443', 'https://u@my-store.myshopify.com', 'My-Store.myshopify.com', 'my-store.myshopify.com.evil.com', 'evil.com/my-store.myshopify.com', 'myshopify.com']) {
      assert.equal(readDest(bad).ok, false, bad);
    }
  });
  it('reads iss host and path', () => {
    assert.deepEqual(readIss('https://my-store.myshopify.com/admin'), { ok: true, host: 'my-store.myshopify.com', path: '/admin' });
    assert.equal(readIss('https://my-store.myshopify.com/admin?x=1').ok, false);
  });
});

describe('finding tokens in text', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.abcdefghijklmnopqrstuvwxyz012345';
  it('finds a token inside code and quotes, with its span', () => {
    const line = `const t = "${jwt}";`;
    const span = findJwtAt(line, 15);
    assert.equal(span?.token, jwt);
    assert.equal(line.slice(span?.start, span?.end), jwt);
    assert.equal(findJwtAt(line, 2), undefined);
  });
  it('ignores text that only resembles one', () => {
    assert.deepEqual(findJwts('eyJfoo.eyJbar.short and foo.bar.baz'), []);
    assert.deepEqual(findJwts(`x${jwt}`), [], 'glued to other characters');
  });
});

describe('durations', () => {
  it('uses the unit a person would', () => {
    assert.equal(formatDuration(45), '45 s');
    assert.equal(formatDuration(-180), '3 min');
    assert.equal(formatDuration(5 * 3600), '5 h');
    assert.equal(formatDuration(12 * 86400), '12 days');
    assert.equal(formatDuration(10 * 365.25 * 86400), '10 years');
  });
});

describe('quoting values in messages', () => {
  it('quotes every character as JSON.stringify does, cut to 60 characters', () => {
    const stringified = (value: string) => {
      const text = JSON.stringify(value);
      return text.length > 60 ? `${text.slice(0, 59)}…` : text;
    };
    const samples = ['', 'https://shop.myshopify.com/admin', 'a"b', 'a\\b', 'tab\there', '\u007f', 'é', '\ud800', 'x'.repeat(58), 'x'.repeat(59)];
    for (let c = 0; c < 0x3000; c++) samples.push(`a${String.fromCharCode(c)}b`);
    for (const value of samples) assert.equal(show(value), stringified(value), JSON.stringify(value));
  });
});
