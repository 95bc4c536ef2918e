/**
 * The signature verdict a user reads: which secret matched, why the signature was not checked (no secret, a refused
 * secret, a malformed token, a header that forbids it), and how bad options are refused before any work is done.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECK_CODES as C, verifySessionToken, type VerifyOptions } from '../../../src/shopify/tokens';
import { CLIENT_ID, claimsFor, describeReport, joseToken, NOW, OLD_SECRET, rawToken, SECRET } from './helpers';

const verify = async (token: string, options: Partial<VerifyOptions> = {}) => verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW, ...options });

const VERIFIED_PREVIOUS =
  'Signature verified with the previous client secret, not the current one: the token was signed before the rotation finished; keep the previous secret until the rotation is complete.';
const MISMATCH_BOTH =
  'Signature does not match the current or the previous client secret: check that the secrets belong to this client id; a token from another app, or one edited after signing, never matches.';
const MISMATCH =
  'Signature does not match the client secret: check that the secret belongs to this client id (and was not rotated); a token from another app, or one edited after signing, never matches.';

describe('the signature verdict', () => {
  it('verified with the current secret', async () => {
    const report = await verify(await joseToken(claimsFor('admin')));
    assert.deepEqual({ ...report.signature }, { status: 'verified', matched: 'current', message: 'Signature verified with the current client secret.' });
    assert.equal(report.valid, true, describeReport(report));
  });

  it('verified with the previous secret, saying to keep it until the rotation is done', async () => {
    const report = await verify(await joseToken(claimsFor('admin'), OLD_SECRET), { previousSecret: OLD_SECRET });
    assert.deepEqual({ ...report.signature }, { status: 'verified', matched: 'previous', message: VERIFIED_PREVIOUS });
    assert.equal(report.valid, true, describeReport(report));
  });

  it('a mismatch names both secrets only when both were tried', async () => {
    const other = await joseToken(claimsFor('admin'), 'shpss_another_app_secret_0000000000');
    const both = await verify(other, { previousSecret: OLD_SECRET });
    assert.deepEqual({ ...both.signature }, { status: 'mismatch', message: MISMATCH_BOTH });
    assert.equal(both.valid, false);
    for (const options of [{}, { previousSecret: '' }, { previousSecret: SECRET }, { previousSecret: '-----BEGIN PUBLIC KEY-----' }]) {
      const one = await verify(other, options);
      assert.deepEqual({ ...one.signature }, { status: 'mismatch', message: MISMATCH }, JSON.stringify(options));
      assert.equal(one.valid, false);
    }
  });

  it('the same secret twice is warned about, and the token still verifies', async () => {
    const report = await verify(await joseToken(claimsFor('admin')), { previousSecret: SECRET });
    assert.equal(report.signature.matched, 'current');
    const warning = report.checks.find((c) => c.code === C.secretPreviousSame);
    assert.equal(warning?.status, 'warn');
    assert.equal(warning?.message, 'The previous secret is the same as the current one: nothing to fall back to; remove it or store the real old secret.');
    const distinct = await verify(await joseToken(claimsFor('admin')), { previousSecret: OLD_SECRET });
    assert.ok(!distinct.checks.some((c) => c.code === C.secretPreviousSame), describeReport(distinct));
  });

  it('an empty previous secret is none at all: no check about it', async () => {
    const report = await verify(await joseToken(claimsFor('admin')), { previousSecret: '' });
    assert.deepEqual(report.checks.filter((c) => c.code.startsWith('secret')).map((c) => c.message), ['The client secret is plain text, not key material.']);
  });
});

describe('why the signature was not checked', () => {
  it('no secret: says for which client id, and the token is not valid', async () => {
    const report = await verifySessionToken(await joseToken(claimsFor('admin')), { clientId: CLIENT_ID, now: NOW });
    assert.deepEqual({ ...report.signature }, {
      status: 'not-checked',
      message: `Signature not verified: no client secret was given for client id "${CLIENT_ID}". Provide the app's client secret to verify it.`,
    });
    assert.equal(report.valid, false);
    // Neither secret given is not "the same secret twice".
    assert.deepEqual(report.checks.filter((c) => c.code.startsWith('secret')), [], describeReport(report));
    // Without a secret that comes first, even for a header that would stop the check.
    const badAlg = await verifySessionToken(rawToken('{"alg":"RS256"}', JSON.stringify(claimsFor('admin'))), { clientId: CLIENT_ID, now: NOW });
    assert.equal(badAlg.signature.status, 'not-checked');
  });

  it('a refused secret: says so and points at the secret check', async () => {
    const report = await verify(await joseToken(claimsFor('admin')), { secret: '-----BEGIN PUBLIC KEY-----\nMIIB' });
    assert.deepEqual({ ...report.signature }, { status: 'not-checked', message: 'Signature not checked: the client secret was refused (see the secret check).' });
    assert.equal(report.valid, false);
  });

  it('a malformed token: says to fix or copy it again', async () => {
    const token = await joseToken(claimsFor('admin'));
    const claims = JSON.stringify(claimsFor('admin'));
    // Cut or extended, a bad character, or a header that is no JSON object (its MAC is right for the secret).
    const headers = ['{"alg":"HS256",', '["HS256"]', '{"alg":"HS256","alg":"HS256"}'].map((h) => rawToken(h, claims));
    for (const broken of [token.split('.').slice(0, 2).join('.'), `${token}.x`, token.replace('.', '.*'), ...headers]) {
      const report = await verify(broken);
      assert.deepEqual({ ...report.signature }, { status: 'not-checked', message: 'Signature not checked: the token is malformed (see the failed checks); fix or re-copy it first.' }, broken);
      assert.equal(report.valid, false);
    }
  });

  it('a signature that is right but claims that fail: verified, yet not valid', async () => {
    const report = await verify(await joseToken(claimsFor('admin', { exp: NOW.getTime() / 1000 - 3600 })));
    assert.equal(report.signature.status, 'verified');
    assert.equal(report.valid, false, describeReport(report));
  });

  it('no client id: aud cannot be compared, said as a failed check', async () => {
    const report = await verify(await joseToken(claimsFor('admin')), { clientId: '' });
    const check = report.checks.find((c) => c.code === C.clientIdMissing);
    assert.equal(check?.status, 'fail');
    assert.equal(check?.message, "No client id was given, so aud cannot be compared: enter the app's client id (API key).");
    assert.equal(report.valid, false);
  });
});

describe('options refused up front', () => {
  it('each wrong option is named', async () => {
    const token = await joseToken(claimsFor('admin'));
    const cases: [unknown, string][] = [
      [undefined, 'verifySessionToken needs options with a clientId.'],
      [null, 'verifySessionToken needs options with a clientId.'],
      ['client', 'verifySessionToken needs options with a clientId.'],
      [{ secret: SECRET }, 'options.clientId must be a string.'],
      [{ clientId: 42 }, 'options.clientId must be a string.'],
      [{ clientId: CLIENT_ID, secret: 42 }, 'options.secret must be a string.'],
      [{ clientId: CLIENT_ID, secret: SECRET, previousSecret: 42 }, 'options.previousSecret must be a string.'],
      [{ clientId: CLIENT_ID, secret: SECRET, previousSecret: null }, 'options.previousSecret must be a string.'],
    ];
    for (const [options, message] of cases) {
      await assert.rejects(verifySessionToken(token, options as VerifyOptions), { name: 'TypeError', message }, JSON.stringify(options));
    }
  });
});
