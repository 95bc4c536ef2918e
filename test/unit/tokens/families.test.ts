import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSessionToken, FAMILIES, mintSessionToken, verifySessionToken } from '../../../src/shopify/tokens';
import { CLIENT_ID, claimsFor, describeReport, joseToken, NOW, rawToken, SECRET, SHOP } from './helpers';

describe('every family is accepted when valid', () => {
  for (const family of FAMILIES) {
    it(`${family}: a jose-signed token with the family's real claims verifies, told which family it is`, async () => {
      const token = await joseToken(claimsFor(family));
      const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW, family });
      assert.equal(report.valid, true, describeReport(report));
      assert.equal(report.family, family);
      assert.deepEqual(report.signature, { status: 'verified', matched: 'current', message: report.signature.message });
      assert.equal(report.checks.filter((c) => c.status !== 'pass').length, 0, describeReport(report));
      assert.equal(report.shop, SHOP);
    });
  }

  it('admin: recognised from its claims alone, with the staff user as subject', async () => {
    const report = await verifySessionToken(await joseToken(claimsFor('admin')), { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.equal(report.valid, true, describeReport(report));
    assert.equal(report.family, 'admin');
    assert.deepEqual(report.subject, { value: '74329876', kind: 'user', userId: '74329876' });
  });

  it('checkout with iss /checkouts: recognised as checkout', async () => {
    const token = await joseToken(claimsFor('checkout', { iss: `https://${SHOP}/checkouts` }));
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.equal(report.valid, true, describeReport(report));
    assert.equal(report.family, 'checkout');
    assert.deepEqual(report.familyInfo.candidates, ['checkout']);
  });

  it('an extension token without iss: valid, named as checkout or customer account, customer id shown', async () => {
    const report = await verifySessionToken(await joseToken(claimsFor('customer-account')), { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.equal(report.valid, true, describeReport(report));
    assert.deepEqual(report.familyInfo.candidates, ['checkout', 'customer-account']);
    assert.equal(report.subject?.customerId, '5550001');
    assert.equal(report.subject?.kind, 'customer');
  });

  it('an extension token without sub (no signed-in customer) is valid', async () => {
    const token = await joseToken(claimsFor('checkout', { sub: undefined }));
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW, family: 'checkout' });
    assert.equal(report.valid, true, describeReport(report));
    assert.equal(report.subject, undefined);
  });

  it('POS without the family named: valid, read as POS with a warning that explains why', async () => {
    const report = await verifySessionToken(await joseToken(claimsFor('pos')), { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.equal(report.valid, true, describeReport(report));
    assert.equal(report.family, 'pos');
    assert.deepEqual(
      report.checks.filter((c) => c.status === 'warn').map((c) => c.code),
      ['claims.family'],
    );
  });

  it('the real admin token layout (escaped slashes, 9 claims, 60 s) is accepted', async () => {
    const c = claimsFor('admin');
    const json = JSON.stringify(c).replace(/\//g, '\\/');
    const report = await verifySessionToken(rawToken('{"alg":"HS256","typ":"JWT"}', json), { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.equal(report.valid, true, describeReport(report));
    assert.equal(report.claims?.['iss'], `https://${SHOP}/admin`);
  });
});

describe('mintSessionToken', () => {
  for (const family of FAMILIES) {
    it(`${family}: its token verifies as that family with every required check passing`, async () => {
      const token = await mintSessionToken({ family, shop: 'my-store', clientId: CLIENT_ID, secret: SECRET, now: NOW, sub: '42' });
      const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW, family });
      assert.equal(report.valid, true, describeReport(report));
      assert.equal(report.family, family);
      assert.equal(report.shop, SHOP);
      assert.equal(report.checks.filter((c) => c.status !== 'pass').length, 0, describeReport(report));
    });
  }

  it('uses the family lifetime by default and the asked one otherwise', async () => {
    const admin = decodeSessionToken(await mintSessionToken({ family: 'admin', shop: SHOP, clientId: CLIENT_ID, secret: SECRET, now: NOW }), { now: NOW });
    assert.equal(Number(admin.claims?.['exp']) - Number(admin.claims?.['iat']), 60);
    const long = decodeSessionToken(
      await mintSessionToken({ family: 'checkout', shop: SHOP, clientId: CLIENT_ID, secret: SECRET, now: NOW, lifetimeSeconds: 120 }),
      { now: NOW },
    );
    assert.equal(Number(long.claims?.['exp']) - Number(long.claims?.['iat']), 120);
  });

  it('writes a numeric customer sub as a customer gid for extension families', async () => {
    const report = decodeSessionToken(
      await mintSessionToken({ family: 'customer-account', shop: SHOP, clientId: CLIENT_ID, secret: SECRET, now: NOW, sub: '77' }),
      { now: NOW },
    );
    assert.equal(report.claims?.['sub'], 'gid://shopify/Customer/77');
    assert.equal(report.subject?.customerId, '77');
  });

  it('refuses a bad shop, an empty client id, key material as secret, and silly lifetimes', async () => {
    const base = { family: 'admin' as const, shop: SHOP, clientId: CLIENT_ID, secret: SECRET, now: NOW };
    await assert.rejects(mintSessionToken({ ...base, shop: 'evil.example.com' }), RangeError);
    await assert.rejects(mintSessionToken({ ...base, clientId: ' ' }), RangeError);
    await assert.rejects(mintSessionToken({ ...base, secret: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----' }), RangeError);
    await assert.rejects(mintSessionToken({ ...base, secret: '{"kty":"oct","k":"abc"}' }), RangeError);
    await assert.rejects(mintSessionToken({ ...base, lifetimeSeconds: 0 }), RangeError);
    await assert.rejects(mintSessionToken({ ...base, lifetimeSeconds: 1.5 }), RangeError);
  });
});
