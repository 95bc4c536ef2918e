/**
 * The checklist corpus: one token per rule in docs/session-tokens.md, each refused (or warned about) with its own
 * stable code, by verify and, where no secret is needed, by decode too.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECK_CODES as C, decodeSessionToken, verifySessionToken, type VerifyOptions } from '../../../src/shopify/tokens';
import { admin, CASES, H, payloadWithRemainder } from './corpus';
import { CLIENT_ID, claimsFor, describeReport, joseToken, NOW, rawToken, SECRET, SHOP, T, tokenFromSegments } from './helpers';

describe('the checklist corpus', () => {
  it('covers every check code that can fail or warn', () => {
    const passOnly = new Set<string>([C.input, C.base64url, C.header, C.claims, C.secret, C.exp, C.nbf, C.iat, C.dest, C.iss, C.sub, C.sid, C.jti]);
    const covered = new Set(CASES.map((c) => c.code));
    const missing = Object.values(C).filter((code) => !passOnly.has(code) && !covered.has(code));
    assert.deepEqual(missing, []);
  });

  for (const c of CASES) {
    const status = c.status ?? 'fail';
    it(`verify: ${c.name} → ${status} ${c.code}`, async () => {
      const token = await c.token();
      const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW, ...c.options });
      const hit = report.checks.find((k) => k.code === c.code && k.status === status);
      assert.ok(hit, `expected ${status} ${c.code}\n${describeReport(report)}`);
      if (c.says) assert.match(hit.message, c.says);
      if (status === 'fail') assert.equal(report.valid, false);
      if (c.signature) assert.equal(report.signature.status, c.signature, report.signature.message);
      if (status === 'warn' && c.signature === 'verified') {
        assert.equal(report.valid, !report.checks.some((k) => k.status === 'fail'), describeReport(report));
      }
    });
    if (!c.verifyOnly) {
      it(`decode: ${c.name} → ${status} ${c.code}`, async () => {
        const report = decodeSessionToken(await c.token(), { now: NOW, ...(c.options?.family ? { family: c.options.family } : {}) });
        assert.ok(
          report.checks.some((k) => k.code === c.code && k.status === status),
          `expected ${status} ${c.code}\n${describeReport(report)}`,
        );
        assert.equal(report.valid, false);
        assert.equal(report.signature.status, 'not-checked');
      });
    }
  }

  it('warnings alone leave a token valid', async () => {
    const token = rawToken('{"alg":"HS256","typ":"at+jwt","kid":"k1"}', admin({ exp: T - 5 + 3600 }));
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.deepEqual(
      report.checks.filter((k) => k.status === 'warn').map((k) => k.code),
      [C.headerTyp, C.headerKeyReference, C.lifetime],
    );
    assert.equal(report.valid, true, describeReport(report));
  });

  it('a padded or broken segment is still shown, so the user sees what the token says', () => {
    const token = tokenFromSegments(H, `${payloadWithRemainder(admin(), [2])}==`);
    const report = decodeSessionToken(token, { now: NOW });
    assert.equal(report.claims?.['aud'], CLIENT_ID);
    assert.equal(report.shop, SHOP);
  });

  it('verify without a secret says the signature was not verified and is never valid', async () => {
    const report = await verifySessionToken(await joseToken(claimsFor('admin')), { clientId: CLIENT_ID, now: NOW });
    assert.equal(report.signature.status, 'not-checked');
    assert.match(report.signature.message, /not verified/);
    assert.equal(report.valid, false);
  });

  it('decode says plainly that the signature was not verified', async () => {
    const report = decodeSessionToken(await joseToken(claimsFor('admin')), { now: NOW });
    assert.equal(report.signature.status, 'not-checked');
    assert.match(report.signature.message, /^Signature not verified/);
    assert.match(report.summary, /Signature not verified/);
    assert.equal(report.valid, false);
  });

  it('a token signed with another secret is a mismatch, reported apart from the passing claim checks', async () => {
    const report = await verifySessionToken(await joseToken(claimsFor('admin'), 'some-other-secret-value'), { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.equal(report.signature.status, 'mismatch');
    assert.equal(report.checks.filter((k) => k.status !== 'pass').length, 0);
    assert.equal(report.valid, false);
  });

  it('bad options are programming errors and throw', async () => {
    const token = await joseToken(claimsFor('admin'));
    assert.throws(() => decodeSessionToken(token, { leewaySeconds: -1 }), RangeError);
    assert.throws(() => decodeSessionToken(token, { leewaySeconds: Number.NaN }), RangeError);
    assert.throws(() => decodeSessionToken(token, { now: new Date(Number.NaN) }), RangeError);
    assert.throws(() => decodeSessionToken(42 as unknown as string), TypeError);
    await assert.rejects(verifySessionToken(token, {} as VerifyOptions), TypeError);
  });
});
