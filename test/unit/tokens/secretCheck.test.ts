/**
 * What the secret check says about the text it is given: key material (PEM or JWK, even half-copied) is refused,
 * the client id given as the secret is named, spaces around it are warned about, and each sentence says which secret.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECK_CODES as C } from '../../../src/shopify/tokens';
import { checkSecret, looksLikeKey } from '../../../src/shopify/tokens/secret';
import { CLIENT_ID, SECRET } from './helpers';

const WHERE = "copy the app's client secret from the Partner Dashboard or Dev Dashboard (app > Settings > Client credentials)";
const said = (secret: string, which: 'current' | 'previous' = 'current', clientId = CLIENT_ID): [boolean, string[]] => {
  const verdict = checkSecret(secret, which, clientId);
  return [verdict.usable, verdict.checks.map((c) => `${c.status} ${c.code}: ${c.message}`)];
};

describe('looksLikeKey', () => {
  it('knows PEM armour by its BEGIN line', () => {
    for (const text of ['-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----', 'x -----BEGIN RSA PRIVATE KEY-----', '-----BEGIN X509 CRL-----', '-----BEGIN A-----']) {
      assert.equal(looksLikeKey(text), 'PEM', text);
    }
    for (const text of ['-----BEGIN public key-----', '-----BEGIN -----', '----BEGIN PUBLIC KEY-----', '-----BEGIN PUBLIC KEY----']) {
      assert.equal(looksLikeKey(text), undefined, text);
    }
  });

  it('knows a JWK or a JWK set, even cut short or with escaped names', () => {
    for (const text of ['{"kty":"oct","k":"c2VjcmV0"}', '  {"keys":[]}  ', '{"kty"  :  "oct", "k": ', '{"kty":"oct",', '{"keys"\n:[', '{"\\u006bty":"oct"}', '{"\\u006beys":[]}']) {
      assert.equal(looksLikeKey(text), 'JWK', text);
    }
    for (const text of ['{"k":"c2VjcmV0"}', '{}', '{', '{"kty"}', 'x{"kty":"oct"}', '"kty": "oct"', '{"kt":1,"y":2}', SECRET]) {
      assert.equal(looksLikeKey(text), undefined, text);
    }
  });
});

describe('checkSecret', () => {
  it('a plain secret passes, naming which secret it is', () => {
    assert.deepEqual(said(SECRET), [true, [`pass ${C.secret}: The client secret is plain text, not key material.`]]);
    assert.deepEqual(said(SECRET, 'previous'), [true, [`pass ${C.secret}: The previous client secret is plain text, not key material.`]]);
  });

  it('an empty secret is refused with where to find the real one', () => {
    assert.deepEqual(said(''), [false, [`fail ${C.secretEmpty}: The client secret is empty: ${WHERE}.`]]);
    assert.deepEqual(said('', 'previous'), [false, [`fail ${C.secretEmpty}: The previous client secret is empty: ${WHERE}.`]]);
  });

  it('key material is refused, naming its kind and the attack', () => {
    const refusal = (the: string, kind: string): string =>
      `fail ${C.secretLooksLikeKey}: ${the} is ${kind} key material, not a client secret: refused, because using key text as an HMAC secret is the algorithm-confusion attack. Shopify signs session tokens with the app's client secret: ${WHERE}.`;
    assert.deepEqual(said('-----BEGIN PUBLIC KEY-----\nMIIB'), [false, [refusal('The client secret', 'PEM')]]);
    assert.deepEqual(said(' {"kty":"oct","k":"x"}\n', 'previous'), [false, [refusal('The previous client secret', 'JWK')]]);
  });

  it('the client id given as the secret is named, spaces aside', () => {
    const refusal = [false, [`fail ${C.secretIsClientId}: The client secret is the client id (API key), not the secret: ${WHERE}.`]];
    assert.deepEqual(said(CLIENT_ID), refusal);
    assert.deepEqual(said(`${CLIENT_ID}\n`), refusal);
    assert.deepEqual(said(CLIENT_ID, 'current', ` ${CLIENT_ID} `), refusal);
    assert.deepEqual(said(CLIENT_ID, 'previous')[1], [`fail ${C.secretIsClientId}: The previous client secret is the client id (API key), not the secret: ${WHERE}.`]);
  });

  it('spaces around the secret are kept and warned about; blank text is no client id when none was given', () => {
    const warning = (the: string): string => `warn ${C.secretWhitespace}: ${the} has spaces or line breaks around it, which are used as part of it: remove them if the copy added them.`;
    assert.deepEqual(said(`${SECRET}\n`), [true, [warning('The client secret')]]);
    assert.deepEqual(said(` ${SECRET}`, 'previous'), [true, [warning('The previous client secret')]]);
    assert.deepEqual(said(' ', 'current', ''), [true, [warning('The client secret')]]);
    assert.deepEqual(said(SECRET, 'current', ''), [true, [`pass ${C.secret}: The client secret is plain text, not key material.`]]);
  });
});
