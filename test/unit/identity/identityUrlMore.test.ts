// The identity URL and the sign-in page at their edges: how a setting is shown in messages, a setting pasted
// with a no-break space, and sign-in pages refused for their scheme, a user name or password alone, or not being
// an address at all.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { checkSignInPage, identityEndpoints, shownUrl } from '../../../src/shopify/identity/identityUrl';

const LOCAL = identityEndpoints('http://127.0.0.1:3000');
const PRODUCTION = identityEndpoints('https://accounts.shopify.com');

/** The page is refused as a bad answer, with the message `why` matches. */
function pageRefused(page: string, endpoints: typeof LOCAL, why: RegExp = /was not opened/): void {
  assert.throws(
    () => checkSignInPage(page, endpoints),
    (e: unknown) => {
      assert.ok(e instanceof ShopifyAuthError, String(e));
      assert.equal(e.code, 'bad-response');
      assert.match(e.message, why);
      return true;
    },
    page,
  );
}

describe('how a setting is shown in messages', () => {
  test('without the spaces around it', () => {
    assert.equal(shownUrl('  https://accounts.example.com  '), 'https://accounts.example.com');
  });

  test('a user name and password without a scheme are masked too', () => {
    assert.equal(shownUrl('alice:hunter2@accounts.example.com'), '***:***@accounts.example.com');
  });

  test('a password typed with "#" or "?" in it is masked whole, in the message too', () => {
    // A URL parser would end the user info at "#" or "?" and read the rest as the host; the user meant the last "@".
    for (const password of ['pa#ss', 'pa?ss', 'P@ss#1']) {
      const value = `https://me:${password}@accounts.example.com`;
      assert.equal(shownUrl(value), 'https://***:***@accounts.example.com');
      assert.throws(
        () => identityEndpoints(value),
        (e: unknown) => e instanceof ShopifyAuthError && e.message.includes('("https://***:***@accounts.example.com")') && !e.message.includes(`${password.slice(-3)}@`),
      );
    }
  });

  test('the user info runs to the last "@": a password with "/", a space or a quote is masked whole, as is an "@" in a path', () => {
    for (const password of ['a/b', 'a b', 'p"w', "p'w"]) {
      assert.equal(shownUrl(`https://me:${password}@accounts.example.com`), 'https://***:***@accounts.example.com', password);
    }
    // The setting is one URL, and an identity server has no "@" in its path: masking it costs nothing.
    assert.equal(shownUrl('https://accounts.example.com/team@example'), 'https://***:***@example');
  });

  test('up to 120 characters are shown whole; a longer value is cut to 119 and an ellipsis', () => {
    const exact = `https://accounts.example.com/${'a'.repeat(120 - 'https://accounts.example.com/'.length)}`;
    assert.equal(exact.length, 120);
    assert.equal(shownUrl(exact), exact);
    const longer = `${exact}b`;
    const shown = shownUrl(longer);
    assert.equal(shown, `${exact.slice(0, 119)}…`);
    assert.equal(shown.length, 120);
  });

  test('a long setting is cut in the error message too', () => {
    const long = `ftp://accounts.example.com/${'x'.repeat(200)}`;
    assert.throws(
      () => identityEndpoints(long),
      (e: unknown) => e instanceof ShopifyAuthError && e.message.includes(`("${long.slice(0, 119)}…")`) && !e.message.includes(long),
    );
  });
});

describe('the identity URL setting', () => {
  test('a no-break space pasted around the URL is ignored', () => {
    assert.deepEqual(identityEndpoints('\u00a0https://accounts.shopify.com\u00a0'), PRODUCTION);
    assert.deepEqual(identityEndpoints('\u2003http://127.0.0.1:3000\ufeff'), LOCAL);
  });
});

describe('the sign-in page the server names, at its edges', () => {
  test('a page on this machine that is neither https nor http is refused, even on the server\'s own host', () => {
    pageRefused('ftp://127.0.0.1:3000/activate', LOCAL);
    pageRefused('ws://127.0.0.1:3000/activate', LOCAL);
    assert.equal(checkSignInPage('http://127.0.0.1:3000/activate', LOCAL), 'http://127.0.0.1:3000/activate');
  });

  test('a user name alone, or a password alone, in the page is refused', () => {
    pageRefused('https://someone@accounts.shopify.com/activate', PRODUCTION);
    pageRefused('https://:secret@accounts.shopify.com/activate', PRODUCTION);
  });

  test('a page that is not an address says so and names the expected server', () => {
    pageRefused('not an address', PRODUCTION, /at an address that is not a web page, which is not https:\/\/accounts\.shopify\.com, so it was not opened\. Check the setting shopifyAuth\.identityUrl/);
  });

  test('a page elsewhere is named by its scheme and host only', () => {
    pageRefused('https://evil.example/activate?code=ABCD', PRODUCTION, /sign-in page at https:\/\/evil\.example, which is not https:\/\/accounts\.shopify\.com/);
  });
});
