/**
 * Redaction at the edges of each secret's shape: the whole secret goes, not just its first characters, and what
 * replaces it is the secret's own fingerprint (the one a log line about the same token shows), with the label kept.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fingerprint as fp, redact, rememberSecret, serverText, SERVER_TEXT_LIMIT } from '../../../src/shopify/common/redact';

const SECRET = 'opaque-secret-123';
const jws = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
// A compact JWE has five segments: its ciphertext and tag come after the third dot.
const jwe = [
  'eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ',
  'OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe',
  '48V1_ALb6US04U3b',
  '5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6ji',
  'XFBoMYUZodetZdvTiFvSkQ',
].join('.');
// With direct encryption (alg "dir") the encrypted key, the second segment, is empty.
const directJwe = ['eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0', '', '48V1_ALb6US04U3b', '5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4', 'XFBoMYUZodetZdvTiFvSkQ'].join('.');

// A header laid out on lines ("{" and a newline, or CR LF) encodes to "ew", not "ey".
const linedJws = ['ewogICJhbGciOiAiSFMyNTYiCn0', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join('.');
const crlfJws = ['ew0KImFsZyI6IkhTMjU2In0', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join('.');
// A JWS with a detached payload (RFC 7515 appendix F) leaves the payload segment empty: header..signature.
const detachedJws = 'eyJhbGciOiJIUzI1NiJ9..dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('each secret shape is removed whole, behind its own fingerprint', () => {
  const cases: Array<[string, string, string]> = [
    ['a JWS, signature included', `token ${jws} rejected`, `token ${fp(jws)} rejected`],
    ['a JWE, ciphertext and tag included', `token ${jwe} rejected`, `token ${fp(jwe)} rejected`],
    ['a JWE without an encrypted key (alg "dir")', `token ${directJwe} rejected`, `token ${fp(directJwe)} rejected`],
    ['a JWS whose header is laid out on lines', `token ${linedJws} rejected`, `token ${fp(linedJws)} rejected`],
    ['a JWS whose header starts with CR LF', `token ${crlfJws} rejected`, `token ${fp(crlfJws)} rejected`],
    ['a JWS with a detached payload', `signature ${detachedJws} rejected`, `signature ${fp(detachedJws)} rejected`],
    ['a Shopify access token', 'got atkn_CgYI8s2Q_secret_value back', `got ${fp('atkn_CgYI8s2Q_secret_value')} back`],
    ['a bearer header', `Authorization: Bearer ${SECRET}, retry`, `Authorization: Bearer ${fp(SECRET)}, retry`],
    ['a bearer header with more than one space', `Authorization: Bearer \t${SECRET}`, `Authorization: Bearer \t${fp(SECRET)}`],
    ['Basic credentials without padding', 'Basic YWxpY2U6czNjcjN0LXBh sent', `Basic ${fp('YWxpY2U6czNjcjN0LXBh')} sent`],
    ['Basic credentials padded with one "="', 'Basic YWxpY2U6czNjcjN0LXBhc3M= sent', `Basic ${fp('YWxpY2U6czNjcjN0LXBhc3M=')} sent`],
    ['Basic credentials padded with "==", after two spaces', 'Basic  YWxpY2U6czNjcjN0LXBhcw==', `Basic  ${fp('YWxpY2U6czNjcjN0LXBhcw==')}`],
    ['a form parameter', 'refresh_token=rt_secret_value&client_id=x', `refresh_token=${fp('rt_secret_value')}&client_id=x`],
    ['a JSON member spaced around its colon', `{"access_token" : "${SECRET}", "expires_in": 5}`, `{"access_token" : "${fp(SECRET)}", "expires_in": 5}`],
    ['a single-quoted member spaced around its colon', `{'refresh_token' : '${SECRET}'}`, `{'refresh_token' : '${fp(SECRET)}'}`],
    ['a single-quoted member with no space', `{'access_token':'${SECRET}'}`, `{'access_token':'${fp(SECRET)}'}`],
    ['a log line with no space after the colon', `access_token:${SECRET}`, `access_token:${fp(SECRET)}`],
    ['a YAML line with two spaces after the colon', `password:  ${SECRET}`, `password:  ${fp(SECRET)}`],
  ];
  for (const [what, text, expected] of cases) {
    test(what, () => assert.equal(redact(text), expected));
  }
});

describe('text shaped like a token but not one stays', () => {
  test('store domains whose handle starts with "ey" or "ew" are not taken for a JWS', () => {
    // Three dot-joined runs starting "ey" or "ew" have a JWS's shape; a JWS header decodes to a JSON object, these do not.
    for (const store of ['eyewear-store.myshopify.com', 'ewelina-studio.myshopify.com', 'ewok-figures-shop.myshopify.com', 'ew1-sample-shop.myshopify.com']) {
      assert.equal(redact(`Copied the Admin API token for ${store}`), `Copied the Admin API token for ${store}`);
    }
  });
});

describe('credentials in URLs', () => {
  test('are masked even when the URL opens the text', () => {
    assert.equal(redact('https://alice:s3cr3t-pass@proxy.example:8080/path'), 'https://***:***@proxy.example:8080/path');
  });

  test('are masked when a stray character comes before the scheme (a typo is no reason to show a password)', () => {
    for (const stray of ['1', '-', '.', '+']) {
      assert.equal(redact(`url ${stray}https://me:s3cr3t-pass@accounts.shopify.com`), `url ${stray}https://***:***@accounts.shopify.com`);
    }
  });

  test('a password typed with "#", "?" or "@" in it is masked whole', () => {
    for (const password of ['pa#ss', 'pa?ss', 'P@ss#1']) {
      assert.equal(redact(`proxy http://me:${password}@proxy.corp:3128 refused`), 'proxy http://***:***@proxy.corp:3128 refused');
    }
  });

  test('the placeholder our hints show stays readable', () => {
    const hint = 'Set http.proxy to http://user:password@host:port';
    assert.equal(redact(hint), hint);
  });
});

describe('secrets given or held', () => {
  test('a given secret of the minimum length (8) is removed; shorter values are left as they read', () => {
    assert.equal(redact('code k9Q2m5Xz used', ['k9Q2m5Xz']), `code ${fp('k9Q2m5Xz')} used`);
    // An unset secret (''), or a value too short to be one, must not mangle the text around it.
    assert.equal(redact('scope ab read', ['', 'ab', 'read']), 'scope ab read');
  });

  test('a held secret of the minimum length (8) is removed', () => {
    rememberSecret('Q7w8E9r0');
    assert.equal(redact('echo Q7w8E9r0'), `echo ${fp('Q7w8E9r0')}`);
  });

  test('the newest 2000 held secrets are kept, and short values take none of their places', () => {
    const held = 'held-refresh-token-0001';
    for (let i = 0; i < 2000; i++) rememberSecret(`filler-secret-${i}-pad`); // whatever was held before is now forgotten
    rememberSecret(held);
    for (let i = 0; i < 2000; i++) rememberSecret(i.toString(36)); // all shorter than a secret can be
    for (let i = 0; i < 1999; i++) rememberSecret(`later-secret-${i}-pad`);
    assert.equal(redact(`x ${held}`), `x ${fp(held)}`, 'the 2000th newest secret leaked');
    rememberSecret('one-more-secret-pad');
    assert.equal(redact(`x ${held}`), `x ${held}`, 'the set grows without bound');
  });
});

describe('server text made fit to quote', () => {
  test('whitespace runs become one space, and none is left at either end', () => {
    assert.equal(serverText('  invalid_grant:\n\t the code expired  '), 'invalid_grant: the code expired');
  });

  test('text of exactly the limit is quoted whole; one character more is cut with an ellipsis', () => {
    const full = 'x'.repeat(SERVER_TEXT_LIMIT);
    assert.equal(serverText(full), full);
    assert.equal(serverText(`${full}y`), `${'x'.repeat(SERVER_TEXT_LIMIT - 1)}…`);
  });
});

describe('long hostile text does not stall the extension', () => {
  // Every answer Shopify or a proxy sends is redacted before it is logged or shown. Before, a token shape tried
  // from every "ey" inside one long run, and a URL scheme from every letter: 100,000 characters took 32 s and 14 s.
  // The bound is generous on purpose (about 10 ms now): it tells a pattern that scans linearly from one that does not.
  for (const [what, text] of [
    ['"-ey" repeated (token shape)', '-ey'.repeat(33_334)],
    ['"a." repeated (URL scheme)', 'a.'.repeat(50_000)],
  ] as const) {
    test(`${what}, 100,000 characters, is redacted in well under two seconds, and left as it is`, () => {
      const started = performance.now();
      assert.equal(redact(text), text);
      assert.ok(performance.now() - started < 2_000, `took ${Math.round(performance.now() - started)} ms`);
    });
  }
});
