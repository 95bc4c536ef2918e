/** Secret rotation: the previous secret is a fallback after a mismatch, never a first choice, and the report says which matched. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { verifySessionToken } from '../../../src/shopify/tokens';
import { CLIENT_ID, claimsFor, describeReport, joseToken, NOW, OLD_SECRET, SECRET } from './helpers';

describe('previous secret', () => {
  // Every string turned into key bytes goes through TextEncoder.encode; record them to see which secrets were tried.
  const encoded: string[] = [];
  const original = TextEncoder.prototype.encode;
  beforeEach(() => {
    encoded.length = 0;
    TextEncoder.prototype.encode = function (this: TextEncoder, input?: string) {
      if (input !== undefined) encoded.push(input);
      return original.call(this, input);
    };
  });
  afterEach(() => {
    TextEncoder.prototype.encode = original;
  });

  it('is tried after a mismatch, and the report says the previous secret matched', async () => {
    const token = await joseToken(claimsFor('admin'), OLD_SECRET);
    encoded.length = 0;
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, previousSecret: OLD_SECRET, now: NOW });
    assert.equal(report.signature.status, 'verified');
    assert.equal(report.signature.matched, 'previous');
    assert.match(report.signature.message, /previous/);
    assert.equal(report.valid, true, describeReport(report));
    assert.ok(encoded.includes(SECRET) && encoded.includes(OLD_SECRET));
    assert.ok(encoded.indexOf(SECRET) < encoded.indexOf(OLD_SECRET), 'current secret first');
  });

  it('is not tried when the current secret matches', async () => {
    const token = await joseToken(claimsFor('admin'), SECRET);
    encoded.length = 0;
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, previousSecret: OLD_SECRET, now: NOW });
    assert.equal(report.signature.matched, 'current');
    assert.ok(encoded.includes(SECRET));
    assert.ok(!encoded.includes(OLD_SECRET), 'the previous secret was used');
  });

  it('is not tried when the current secret is refused as key material', async () => {
    const token = await joseToken(claimsFor('admin'), OLD_SECRET);
    encoded.length = 0;
    const report = await verifySessionToken(token, {
      clientId: CLIENT_ID,
      secret: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----',
      previousSecret: OLD_SECRET,
      now: NOW,
    });
    assert.equal(report.signature.status, 'not-checked');
    assert.ok(!encoded.includes(OLD_SECRET));
  });

  it('a mismatch with both secrets says so and is not valid', async () => {
    const token = await joseToken(claimsFor('admin'), 'a-third-secret-nobody-has');
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, previousSecret: OLD_SECRET, now: NOW });
    assert.equal(report.signature.status, 'mismatch');
    assert.equal(report.signature.matched, undefined);
    assert.match(report.signature.message, /current or the previous/);
    assert.equal(report.valid, false);
  });

  it('a previous secret that is key material is refused with its own code and never used', async () => {
    const token = await joseToken(claimsFor('admin'), OLD_SECRET);
    const jwk = '{"kty":"RSA","n":"abc","e":"AQAB"}';
    encoded.length = 0;
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, previousSecret: jwk, now: NOW });
    assert.equal(report.signature.status, 'mismatch');
    assert.ok(report.checks.some((c) => c.code === 'secret.looks_like_key' && /previous/.test(c.message)));
    assert.ok(!encoded.includes(jwk));
  });
});
