/**
 * What the reference library (@shopify/shopify-api: one jose.jwtVerify, HS256, 10 s tolerance, audience) lets
 * through, shown by running that same jose call, and caught here with a stable code.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jwtVerify } from 'jose';
import { CHECK_CODES as C, verifySessionToken, type CheckCode } from '../../../src/shopify/tokens';
import { b64u, CLIENT_ID, claimsFor, claimsToken, describeReport, HEADER, joseToken, NOW, SECRET, tokenFromSegments } from './helpers';

/** What the reference library does with a token. */
async function referenceAccepts(token: string, secret = SECRET): Promise<boolean> {
  try {
    await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'], clockTolerance: 10, audience: CLIENT_ID, currentDate: NOW });
    return true;
  } catch {
    return false;
  }
}

async function assertCaught(token: string, code: CheckCode, secret = SECRET): Promise<void> {
  assert.equal(await referenceAccepts(token, secret), true, 'the reference check should accept this token');
  const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret, now: NOW });
  assert.equal(report.valid, false);
  assert.ok(report.checks.some((c) => c.code === code && c.status === 'fail'), `expected ${code}\n${describeReport(report)}`);
}

const admin = (o: Record<string, unknown> = {}): string => JSON.stringify(claimsFor('admin', o));

describe("the reference library's known gaps, caught", () => {
  it('no exp', async () => assertCaught(await joseToken(claimsFor('admin', { exp: undefined })), C.expMissing));

  it('exp of 1e309', async () => assertCaught(claimsToken(admin({ exp: 0 }).replace('"exp":0', '"exp":1e309')), C.expNotFinite));

  it('duplicate keys (the first aud names another app; JSON.parse keeps the last)', async () =>
    assertCaught(claimsToken(admin().replace('{', '{"aud":"another-app",')), C.claimsDuplicateKey));

  it('padded base64url', async () => {
    let json = admin();
    while (b64u(json).length % 4 !== 2) json += ' ';
    await assertCaught(tokenFromSegments(b64u(HEADER), `${b64u(json)}==`), C.base64urlPadding);
  });

  it('whitespace inside a segment', async () => {
    const p = b64u(admin());
    await assertCaught(tokenFromSegments(b64u(HEADER), `${p.slice(0, 12)} ${p.slice(12)}`), C.base64urlWhitespace);
  });

  it('oversized input', async () => assertCaught(await joseToken(claimsFor('admin', { filler: 'x'.repeat(20_000) })), C.inputTooLong));

  it('aud as an array holding the client id', async () => assertCaught(await joseToken(claimsFor('admin', { aud: [CLIENT_ID, 'another-app'] })), C.audArray));

  it('dest and iss on different shops', async () =>
    assertCaught(await joseToken(claimsFor('admin', { iss: 'https://other-store.myshopify.com/admin' })), C.issHost));

  it('iat in the future', async () => assertCaught(await joseToken(claimsFor('admin', { iat: Date.parse('2030-01-01') / 1000 })), C.iatFuture));

  it('a PEM public key used as the HMAC secret (algorithm confusion)', async () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexample\n-----END PUBLIC KEY-----\n';
    const forged = await joseToken(claimsFor('admin'), pem);
    assert.equal(await referenceAccepts(forged, pem), true);
    const report = await verifySessionToken(forged, { clientId: CLIENT_ID, secret: pem, now: NOW });
    assert.equal(report.valid, false);
    assert.equal(report.signature.status, 'not-checked');
    assert.ok(report.checks.some((c) => c.code === C.secretLooksLikeKey && c.status === 'fail'));
  });

  it('a JWK used as the HMAC secret', async () => {
    const jwk = '{"kty":"EC","crv":"P-256","x":"abc","y":"def"}';
    const forged = await joseToken(claimsFor('admin'), jwk);
    assert.equal(await referenceAccepts(forged, jwk), true);
    const report = await verifySessionToken(forged, { clientId: CLIENT_ID, secret: jwk, now: NOW });
    assert.equal(report.valid, false);
    assert.ok(report.checks.some((c) => c.code === C.secretLooksLikeKey && c.status === 'fail'));
  });
});

describe('nesting', () => {
  it('a payload nested 5,000 deep is refused with a sentence, and its report can be sent to the inspector', async () => {
    const deep = admin().replace(/}$/, `,"x":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    const token = claimsToken(deep);
    assert.equal(await referenceAccepts(token), true, 'the reference check accepts it');
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.equal(report.valid, false);
    const check = report.checks.find((c) => c.code === C.claimsJson && c.status === 'fail');
    assert.ok(check, describeReport(report));
    assert.match(check.message, /more than 20 deep/);
    assert.doesNotThrow(() => structuredClone(report));
    assert.ok(JSON.stringify(report).length < 20_000);
  });

  it('nesting up to the limit is read as before', async () => {
    const nested = admin().replace(/}$/, `,"x":${'['.repeat(19)}${']'.repeat(19)}}`);
    const report = await verifySessionToken(claimsToken(nested), { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.equal(report.checks.some((c) => c.code === C.claimsJson), false, describeReport(report));
  });
});
