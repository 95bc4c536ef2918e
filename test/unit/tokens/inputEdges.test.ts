/**
 * The edges of input clean-up: how short a quoted text may be, which quotes and prefixes are taken off and where,
 * where an id_token parameter starts and ends, and the list of changes the report shows for each.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanTokenInput } from '../../../src/shopify/tokens';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.c2lnbmF0dXJl';
const clean = (raw: string): [string, string[]] => {
  const { token, changes } = cleanTokenInput(raw);
  return [token, changes];
};

describe('input clean-up: quotes', () => {
  it('takes off each kind of quote, once, and names it', () => {
    assert.deepEqual(clean(`'${TOKEN}'`), [TOKEN, ["Removed the surrounding ' quotes."]]);
    assert.deepEqual(clean(`\`${TOKEN}\``), [TOKEN, ['Removed the surrounding ` quotes.']]);
    assert.deepEqual(clean(`"'${TOKEN}'"`), [`'${TOKEN}'`, ['Removed the surrounding " quotes.']]);
  });

  it('a pair of quotes alone is emptied; a lone quote or mismatched ones stay', () => {
    assert.deepEqual(clean('""'), ['', ['Removed the surrounding " quotes.']]);
    assert.deepEqual(clean('"'), ['"', []]);
    assert.deepEqual(clean(`"${TOKEN}'`), [`"${TOKEN}'`, []]);
    assert.deepEqual(clean(`"${TOKEN}`), [`"${TOKEN}`, []]);
    assert.deepEqual(clean(`'${TOKEN}`), [`'${TOKEN}`, []]);
    assert.deepEqual(clean(`\`${TOKEN}`), [`\`${TOKEN}`, []]);
    assert.deepEqual(clean(`${TOKEN}'`), [`${TOKEN}'`, []]);
  });

  it('spaces inside the quotes go with them, without a second change', () => {
    assert.deepEqual(clean(`" ${TOKEN} "`), [TOKEN, ['Removed the surrounding " quotes.']]);
  });
});

describe('input clean-up: Authorization and Bearer', () => {
  it('the header name with any spacing around its colon, at the start only', () => {
    for (const name of ['Authorization:', 'authorization :', 'AUTHORIZATION:\t ']) {
      assert.deepEqual(clean(`${name}${TOKEN}`), [TOKEN, ['Removed the "Authorization:" header name.']], name);
    }
    assert.deepEqual(clean(`X-Authorization: ${TOKEN}`), [`X-Authorization: ${TOKEN}`, []]);
    assert.deepEqual(clean(`Authorization ${TOKEN}`), [`Authorization ${TOKEN}`, []]);
  });

  it('"Bearer" needs the space after it and the start of the text', () => {
    assert.deepEqual(clean(`Bearer\t${TOKEN}`), [TOKEN, ['Removed the "Bearer " prefix.']]);
    assert.deepEqual(clean(`Bearer${TOKEN}`), [`Bearer${TOKEN}`, []]);
    assert.deepEqual(clean(`My Bearer ${TOKEN}`), [`My Bearer ${TOKEN}`, []]);
  });
});

describe('input clean-up: the id_token parameter', () => {
  it('starts at the text start or after ? & # ;, not inside another name', () => {
    for (const text of [`id_token=${TOKEN}`, `a=1&id_token=${TOKEN}`, `a=1;id_token=${TOKEN}`, `#id_token=${TOKEN}`, `?id_token=${TOKEN}`]) {
      assert.deepEqual(clean(text), [TOKEN, ['Took the id_token parameter from the query string.']], text);
    }
    assert.deepEqual(clean(`my_id_token=${TOKEN}`), [`my_id_token=${TOKEN}`, []]);
    assert.deepEqual(clean(`a=1&xid_token=${TOKEN}`), [`a=1&xid_token=${TOKEN}`, []]);
  });

  it('runs to the next & or # or space', () => {
    for (const tail of ['&shop=x', '#frag', ' more']) {
      assert.deepEqual(clean(`id_token=${TOKEN}${tail}`)[0], TOKEN, tail);
    }
    assert.deepEqual(clean('id_token=&shop=x'), ['', ['Took the id_token parameter from the query string.']]);
  });

  it('says it came from a URL when the text starts with a scheme and "://"', () => {
    for (const url of [`HTTPS://a.example/?id_token=${TOKEN}`, `web+app://x?id_token=${TOKEN}`, `a1.b-c://x?id_token=${TOKEN}`]) {
      assert.deepEqual(clean(url), [TOKEN, ['Took the id_token parameter from the URL.']], url);
    }
    for (const text of [`1http://a.example/?id_token=${TOKEN}`, `https:/a.example/?id_token=${TOKEN}`, `see https://a.example/?id_token=${TOKEN}`]) {
      assert.deepEqual(clean(text), [TOKEN, ['Took the id_token parameter from the query string.']], text);
    }
  });

  it('keeps malformed escapes as they are, without claiming to have decoded them', () => {
    assert.deepEqual(clean('id_token=ab%E0%A4x'), ['ab%E0%A4x', ['Took the id_token parameter from the query string.']]);
    assert.deepEqual(clean('id_token=ab%zz'), ['ab%zz', ['Took the id_token parameter from the query string.']]);
  });

  it('trims spaces the escapes decode to, and says so last', () => {
    assert.deepEqual(clean(`id_token=%20${TOKEN}%0A`), [
      TOKEN,
      ['Took the id_token parameter from the query string.', 'Decoded the percent-escapes in the id_token parameter.', 'Removed whitespace around the token.'],
    ]);
  });

  it('all the changes, in the order they were made', () => {
    assert.deepEqual(clean(` "Authorization: Bearer https://a.example/app?id_token=${TOKEN}" `), [
      TOKEN,
      ['Removed whitespace around the input.', 'Removed the surrounding " quotes.', 'Removed the "Authorization:" header name.', 'Removed the "Bearer " prefix.', 'Took the id_token parameter from the URL.'],
    ]);
  });
});
