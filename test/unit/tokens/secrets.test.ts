/** Secret rotation: the previous secret is a fallback after a mismatch, never a first choice, and the report says which matched. */
import assert from 'node:assert/strict';
import { createSecretKey, KeyObject } from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { verifySessionToken } from '../../../src/shopify/tokens';
import { CLIENT_ID, claimsFor, describeReport, joseToken, NOW, OLD_SECRET, SECRET } from './helpers';

/** The module object every `import ... from 'node:crypto'` reads its functions from at call time. */
const nodeCrypto = require('node:crypto') as typeof import('node:crypto');

describe('previous secret', () => {
  // Every HMAC check goes through node:crypto: two one-shot SHA-256 calls (crypto.hash) over RFC 2104's key blocks, or
  // createHmac with the secret where crypto.hash is missing. Record the keys, in order: for crypto.hash, the key block
  // that opens the inner hash's input (the zero-padded key XOR 0x36; every secret here is shorter than the block).
  type Key = Parameters<typeof nodeCrypto.createHmac>[1];
  const used: (Key | Buffer)[] = [];
  const originalHmac = nodeCrypto.createHmac;
  const originalHash = nodeCrypto.hash;
  beforeEach(() => {
    used.length = 0;
    nodeCrypto.createHmac = ((algorithm: string, key: Key, ...rest: []) => {
      used.push(key);
      return originalHmac(algorithm, key, ...rest);
    }) as typeof originalHmac;
    nodeCrypto.hash = ((algorithm: string, data: Parameters<typeof originalHash>[1], ...rest: []) => {
      // The outer hash's input is the other key block and a 32-byte digest: 96 bytes. The inner one is longer.
      if (Buffer.isBuffer(data) && data.length > 96) used.push(Buffer.from(data.subarray(0, 64).map((b) => b ^ 0x36)));
      return originalHash(algorithm, data, ...rest);
    }) as typeof originalHash;
    // Under ES modules (the bundled files of the mutation run) imports bind to node:crypto's ESM exports: copy the patch there.
    syncBuiltinESMExports();
  });
  afterEach(() => {
    nodeCrypto.createHmac = originalHmac;
    nodeCrypto.hash = originalHash;
    syncBuiltinESMExports();
  });
  /** Position of the secret's key among the keys used, -1 when it was never tried. */
  const triedAt = async (secret: string) => {
    const wanted = createSecretKey(Buffer.from(secret, 'utf8'));
    const block = Buffer.alloc(64);
    block.write(secret, 'utf8');
    return used.findIndex((key) =>
      Buffer.isBuffer(key) ? key.equals(block) : typeof key === 'string' ? key === secret : key instanceof KeyObject && key.equals(wanted),
    );
  };

  it('is tried after a mismatch, and the report says the previous secret matched', async () => {
    const token = await joseToken(claimsFor('admin'), OLD_SECRET);
    used.length = 0;
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, previousSecret: OLD_SECRET, now: NOW });
    assert.equal(report.signature.status, 'verified');
    assert.equal(report.signature.matched, 'previous');
    assert.match(report.signature.message, /previous/);
    assert.equal(report.valid, true, describeReport(report));
    const current = await triedAt(SECRET);
    const previous = await triedAt(OLD_SECRET);
    assert.ok(current >= 0 && previous >= 0, 'both secrets tried');
    assert.ok(current < previous, 'current secret first');
  });

  it('is not tried when the current secret matches', async () => {
    const token = await joseToken(claimsFor('admin'), SECRET);
    used.length = 0;
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, previousSecret: OLD_SECRET, now: NOW });
    assert.equal(report.signature.matched, 'current');
    assert.ok((await triedAt(SECRET)) >= 0);
    assert.equal(await triedAt(OLD_SECRET), -1, 'the previous secret was used');
  });

  it('is not tried when the current secret is refused as key material', async () => {
    const token = await joseToken(claimsFor('admin'), OLD_SECRET);
    used.length = 0;
    const report = await verifySessionToken(token, {
      clientId: CLIENT_ID,
      secret: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----',
      previousSecret: OLD_SECRET,
      now: NOW,
    });
    assert.equal(report.signature.status, 'not-checked');
    assert.equal(used.length, 0, 'a secret was tried');
  });

  it('a mismatch with both secrets says so and is not valid', async () => {
    const token = await joseToken(claimsFor('admin'), 'a-third-secret-nobody-has');
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, previousSecret: OLD_SECRET, now: NOW });
    assert.equal(report.signature.status, 'mismatch');
    assert.equal(report.signature.matched, undefined);
    assert.match(report.signature.message, /current or the previous/);
    assert.equal(report.valid, false);
  });

  it('an empty previous secret means none: a token the current secret signed is valid, with no secret complaint', async () => {
    const token = await joseToken(claimsFor('admin'));
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, previousSecret: '', now: NOW });
    assert.equal(report.signature.matched, 'current');
    assert.equal(report.valid, true);
    assert.ok(!report.checks.some((c) => c.code.startsWith('secret.') && c.status !== 'pass'));
  });

  it('a previous secret that is key material is refused with its own code and never used', async () => {
    const token = await joseToken(claimsFor('admin'), OLD_SECRET);
    const jwk = '{"kty":"RSA","n":"abc","e":"AQAB"}';
    used.length = 0;
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, previousSecret: jwk, now: NOW });
    assert.equal(report.signature.status, 'mismatch');
    assert.ok(report.checks.some((c) => c.code === 'secret.looks_like_key' && /previous/.test(c.message)));
    assert.equal(await triedAt(jwk), -1, 'the key material was used as a secret');
    assert.equal(used.length, 1, 'only the current secret was tried');
  });
});
