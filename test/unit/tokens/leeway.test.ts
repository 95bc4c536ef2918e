/** The 10 s leeway at its edges, and the "as of" time. Same rule as jose's clockTolerance: exp refused once exp <= t - leeway, nbf while nbf > t + leeway. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECK_CODES as C, verifySessionToken, type VerifyReport } from '../../../src/shopify/tokens';
import { CLIENT_ID, claimsFor, describeReport, joseToken, NOW, SECRET, T } from './helpers';

const at = (seconds: number): Date => new Date(seconds * 1000);
const statusOf = (report: VerifyReport, ...codes: string[]): string | undefined =>
  report.checks.find((c) => codes.includes(c.code))?.status;

describe('leeway', () => {
  const exp = T + 55;
  const nbf = T - 5;
  const token = (): Promise<string> => joseToken(claimsFor('admin', { iat: nbf, nbf, exp }));
  const verifyAt = async (seconds: number, leewaySeconds?: number): Promise<VerifyReport> =>
    verifySessionToken(await token(), { clientId: CLIENT_ID, secret: SECRET, now: at(seconds), ...(leewaySeconds === undefined ? {} : { leewaySeconds }) });

  it('defaults to 10 s and reports it', async () => {
    const report = await verifyAt(T);
    assert.equal(report.leewaySeconds, 10);
  });

  it('exp: valid 1 s before exp', async () => {
    const report = await verifyAt(exp - 1);
    assert.equal(statusOf(report, C.exp, C.expExpired), 'pass');
    assert.equal(report.valid, true);
  });

  it('exp: at exp, accepted with a warning that names the leeway', async () => {
    const report = await verifyAt(exp);
    const check = report.checks.find((c) => c.code === C.expExpired);
    assert.equal(check?.status, 'warn', describeReport(report));
    assert.match(check?.message ?? '', /10 s leeway/);
    assert.equal(report.valid, true);
  });

  it('exp: 9 s after exp, still inside the leeway', async () => {
    const report = await verifyAt(exp + 9);
    assert.equal(statusOf(report, C.expExpired), 'warn');
    assert.equal(report.valid, true);
  });

  it('exp: exactly 10 s after exp, refused', async () => {
    const report = await verifyAt(exp + 10);
    assert.equal(statusOf(report, C.expExpired), 'fail');
    assert.equal(report.valid, false);
  });

  it('nbf: exactly 10 s before nbf, accepted with a warning', async () => {
    const report = await verifyAt(nbf - 10);
    assert.equal(statusOf(report, C.nbfFuture), 'warn', describeReport(report));
    assert.equal(report.valid, true);
  });

  it('nbf: 11 s before nbf, refused', async () => {
    const report = await verifyAt(nbf - 11);
    assert.equal(statusOf(report, C.nbfFuture), 'fail');
    assert.equal(report.valid, false);
  });

  it('iat: 10 s ahead passes, 11 s ahead fails', async () => {
    const ahead = async (d: number): Promise<VerifyReport> =>
      verifySessionToken(await joseToken(claimsFor('admin', { iat: T + d, nbf: T - 5, exp: T + 55 })), { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.equal(statusOf(await ahead(10), C.iat, C.iatFuture), 'pass');
    assert.equal(statusOf(await ahead(11), C.iatFuture), 'fail');
  });

  it('a custom leeway moves the edges', async () => {
    assert.equal(statusOf(await verifyAt(exp + 9, 0), C.expExpired), 'fail');
    assert.equal(statusOf(await verifyAt(exp + 29, 30), C.expExpired), 'warn');
    assert.equal(statusOf(await verifyAt(exp + 30, 30), C.expExpired), 'fail');
  });
});

describe('as-of time', () => {
  it('judges a token copied from a log at the time it was used, not now', async () => {
    const issued = T - 86_400;
    const token = await joseToken(claimsFor('admin', { iat: issued, nbf: issued, exp: issued + 60 }));
    const now = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.equal(now.valid, false);
    const then = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW, at: at(issued + 30) });
    assert.equal(then.valid, true, describeReport(then));
    assert.equal(then.asOf.isNow, false);
    assert.equal(then.asOf.utc, '2025-01-14 12:00:30 UTC');
    assert.equal(then.times.exp?.relative, '30 s after the as-of time');
  });

  it('takes seconds or milliseconds since the epoch as well as a Date', async () => {
    const token = await joseToken(claimsFor('admin'));
    const seconds = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW, at: T + 3600 });
    const millis = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW, at: (T + 3600) * 1000 });
    assert.equal(seconds.asOf.epochSeconds, T + 3600);
    assert.equal(millis.asOf.epochSeconds, T + 3600);
    assert.match(seconds.checks.find((c) => c.code === C.expExpired)?.message ?? '', /before the as-of time/);
  });

  it('shows times in UTC, local and relative form', async () => {
    const report = await verifySessionToken(await joseToken(claimsFor('admin')), { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.equal(report.times.exp?.utc, '2025-01-15 12:00:55 UTC');
    assert.match(report.times.exp?.local ?? '', /^2025-01-1[45] \d\d:\d\d:55 UTC[+-]\d\d:\d\d$/);
    assert.equal(report.times.exp?.relative, 'in 55 s');
    assert.equal(report.times.iat?.relative, '5 s ago');
    assert.equal(report.asOf.isNow, true);
  });
});
