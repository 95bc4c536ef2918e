/**
 * The header decides whether the signature is checked at all: a token whose alg is not HS256, or that asks for crit
 * or b64 processing, is never verified, even when its MAC is right for the secret. Each header check says what it saw.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECK_CODES as C, verifySessionToken, type VerifyReport } from '../../../src/shopify/tokens';
import { admin } from './corpus';
import { b64u, CLIENT_ID, describeReport, NOW, rawToken, SECRET, sign } from './helpers';

const verify = (token: string): Promise<VerifyReport> => verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW });
/** The header checks of a report, as "status code: message". */
const headerChecks = (report: VerifyReport): string[] =>
  report.checks.filter((c) => c.code.startsWith('header.') || c.code === C.signatureLength).map((c) => `${c.status} ${c.code}: ${c.message}`);

const ALG_NOT_CHECKED = (alg: string): string => `Signature not checked: alg ${alg} is not HS256, the only algorithm Shopify signs session tokens with.`;
const PROCESSING_NOT_CHECKED = 'Signature not checked: the header asks for processing Shopify tokens never use (see the failed header checks).';

describe('the header and the signature check', () => {
  it('a well-formed header passes each check by name, and the signature is verified', async () => {
    const report = await verify(rawToken('{"alg":"HS256","typ":"JWT"}', admin()));
    assert.equal(report.signature.status, 'verified', describeReport(report));
    assert.equal(report.valid, true, describeReport(report));
    assert.deepEqual(headerChecks(report), [
      `pass ${C.headerAlg}: alg is HS256, as Shopify signs session tokens.`,
      `pass ${C.headerCrit}: No crit or b64 parameters.`,
      `pass ${C.headerTyp}: typ is JWT.`,
    ]);
    const noTyp = await verify(rawToken('{"alg":"HS256"}', admin()));
    assert.equal(noTyp.valid, true, describeReport(noTyp));
    assert.ok(headerChecks(noTyp).includes(`pass ${C.headerTyp}: No typ (it is optional).`), describeReport(noTyp));
  });

  for (const alg of ['HS384', 'RS256', 'hs256', 'HS256 ']) {
    it(`alg ${JSON.stringify(alg)} with an HS256 MAC that matches the secret is never verified`, async () => {
      const report = await verify(rawToken(JSON.stringify({ alg, typ: 'JWT' }), admin()));
      assert.equal(report.signature.status, 'unsupported', describeReport(report));
      assert.equal(report.signature.message, ALG_NOT_CHECKED(JSON.stringify(alg)));
      assert.equal(report.valid, false);
      assert.deepEqual(headerChecks(report), [
        `fail ${C.headerAlg}: The header says alg ${JSON.stringify(alg)}, not "HS256": Shopify signs session tokens only with HS256, so this token was made by something else.`,
        `pass ${C.headerCrit}: No crit or b64 parameters.`,
        `pass ${C.headerTyp}: typ is JWT.`,
      ]);
    });
  }

  it('alg none, in any case, is named an unsigned token and never verified', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      const report = await verify(rawToken(JSON.stringify({ alg }), admin()));
      assert.equal(report.signature.status, 'unsupported');
      assert.equal(report.signature.message, ALG_NOT_CHECKED(`"${alg}"`));
      assert.equal(headerChecks(report)[0], `fail ${C.headerAlgNone}: The header says alg "${alg}", an unsigned token: anyone can write one, so it is always refused.`);
    }
  });

  it('no alg, or one that is not text, is refused and never verified', async () => {
    const missing = await verify(rawToken('{"typ":"JWT"}', admin()));
    assert.equal(missing.signature.status, 'unsupported');
    assert.equal(missing.signature.message, ALG_NOT_CHECKED('nothing'));
    assert.equal(headerChecks(missing)[0], `fail ${C.headerAlgMissing}: The header has no alg: Shopify session tokens always say "HS256"; this is not one.`);
    const number = await verify(rawToken('{"alg":256}', admin()));
    assert.equal(number.signature.message, ALG_NOT_CHECKED('256'));
    assert.equal(headerChecks(number)[0], `fail ${C.headerAlg}: The header says alg 256, not "HS256": Shopify signs session tokens only with HS256, so this token was made by something else.`);
  });

  it('HS256 with crit is never verified, though its MAC matches', async () => {
    const report = await verify(rawToken('{"alg":"HS256","crit":["exp"],"exp":1}', admin()));
    assert.equal(report.signature.status, 'unsupported', describeReport(report));
    assert.equal(report.signature.message, PROCESSING_NOT_CHECKED);
    assert.equal(report.valid, false);
    assert.deepEqual(headerChecks(report), [
      `pass ${C.headerAlg}: alg is HS256, as Shopify signs session tokens.`,
      `fail ${C.headerCrit}: The header has crit ["exp"]: it demands extensions Shopify tokens never use, so it is refused.`,
      `pass ${C.headerTyp}: No typ (it is optional).`,
    ]);
  });

  it('HS256 with b64 alone (no crit) is never verified either', async () => {
    const report = await verify(rawToken('{"alg":"HS256","b64":true}', admin()));
    assert.equal(report.signature.status, 'unsupported', describeReport(report));
    assert.equal(report.signature.message, PROCESSING_NOT_CHECKED);
    assert.equal(report.valid, false);
    assert.deepEqual(headerChecks(report), [
      `pass ${C.headerAlg}: alg is HS256, as Shopify signs session tokens.`,
      `fail ${C.headerB64}: The header has b64 true (unencoded payload): Shopify tokens never use it, so it is refused.`,
      `pass ${C.headerTyp}: No typ (it is optional).`,
    ]);
  });

  it('a bad alg with crit and b64 gets a failed check for each, and no pass for crit', async () => {
    const report = await verify(rawToken('{"alg":"HS512","crit":["b64"],"b64":false}', admin()));
    assert.equal(report.signature.message, ALG_NOT_CHECKED('"HS512"'));
    assert.deepEqual(
      headerChecks(report).map((c) => c.split(':')[0]),
      [`fail ${C.headerAlg}`, `fail ${C.headerCrit}`, `fail ${C.headerB64}`, `pass ${C.headerTyp}`],
    );
  });

  it('a typ other than JWT is a warning that still lets the signature be verified', async () => {
    const report = await verify(rawToken('{"alg":"HS256","typ":"jwt"}', admin()));
    assert.equal(report.signature.status, 'verified');
    assert.ok(headerChecks(report).includes(`warn ${C.headerTyp}: typ is "jwt", not "JWT": Shopify's tokens say "JWT"; check where this token came from.`), describeReport(report));
  });

  it('key references are named in a fixed order, warned about, and never stop verification', async () => {
    const report = await verify(rawToken('{"alg":"HS256","jwk":{},"x5t#S256":"a","kid":"k1"}', admin()));
    assert.equal(report.signature.status, 'verified');
    assert.ok(
      headerChecks(report).includes(`warn ${C.headerKeyReference}: The header has kid, x5t#S256, jwk: ignored and never fetched; Shopify tokens are checked with the app's client secret only.`),
      describeReport(report),
    );
    for (const name of ['jku', 'x5u', 'x5c', 'x5t']) {
      const one = await verify(rawToken(JSON.stringify({ alg: 'HS256', [name]: 'x' }), admin()));
      assert.ok(headerChecks(one).some((c) => c.startsWith(`warn ${C.headerKeyReference}: The header has ${name}: `)), name);
    }
    const none = await verify(rawToken('{"alg":"HS256","kidx":"k"}', admin()));
    assert.ok(!none.checks.some((c) => c.code === C.headerKeyReference), describeReport(none));
  });

  it('a signature of the wrong length is named with its length, only when alg is HS256', async () => {
    const input = `${b64u('{"alg":"HS256"}')}.${b64u(admin())}`;
    const mac = Buffer.from(sign(input), 'base64url');
    for (const bytes of [mac.subarray(0, 31), Buffer.concat([mac, Buffer.from([0])])]) {
      const report = await verify(`${input}.${b64u(bytes)}`);
      assert.ok(
        headerChecks(report).includes(`fail ${C.signatureLength}: The signature is ${bytes.length} bytes; HS256 makes 32: the token was cut or altered; copy it again.`),
        describeReport(report),
      );
      assert.equal(report.valid, false);
    }
    const right = await verify(`${input}.${b64u(mac)}`);
    assert.ok(!right.checks.some((c) => c.code === C.signatureLength), describeReport(right));
    const otherAlg = `${b64u('{"alg":"HS512"}')}.${b64u(admin())}`;
    const long = await verify(`${otherAlg}.${b64u(Buffer.alloc(64, 1))}`);
    assert.ok(!long.checks.some((c) => c.code === C.signatureLength), describeReport(long));
  });
});
