/**
 * What the checker promises a caller about its options and its report's shape: a bad option is refused with a
 * message naming it (never a report that silently ignores it), and a report lists only what the token holds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSessionToken, MAX_INPUT_LENGTH, verifySessionToken } from '../../../src/shopify/tokens';
import { CLIENT_ID, claimsFor, joseToken, SECRET, T } from './helpers';

const NOW = new Date(T * 1000);

describe('options a caller gets wrong are refused, naming the option', () => {
  it('now must be a valid Date', async () => {
    const token = await joseToken(claimsFor('admin', {}));
    for (const now of [new Date(Number.NaN), T * 1000, '2025-01-01']) {
      assert.throws(() => decodeSessionToken(token, { now } as never), { name: 'RangeError', message: 'options.now is not a valid Date.' }, String(now));
    }
    // null and undefined mean "the system clock".
    assert.equal(typeof decodeSessionToken(token, { now: null } as never).asOf.epochSeconds, 'number');
    assert.ok(Math.abs(decodeSessionToken(token, {}).asOf.epochSeconds - Date.now() / 1000) < 5);
  });

  it('leewaySeconds must be a number from 0 to 300', async () => {
    const token = await joseToken(claimsFor('admin', {}));
    for (const leewaySeconds of [-1, 301, Number.NaN, Infinity, '10']) {
      assert.throws(() => decodeSessionToken(token, { now: NOW, leewaySeconds } as never), { name: 'RangeError', message: 'options.leewaySeconds must be between 0 and 300.' }, String(leewaySeconds));
    }
    for (const leewaySeconds of [0, 300]) assert.equal(decodeSessionToken(token, { now: NOW, leewaySeconds }).leewaySeconds, leewaySeconds);
  });

  it('family must be one the checker knows', async () => {
    const token = await joseToken(claimsFor('admin', {}));
    assert.throws(() => decodeSessionToken(token, { now: NOW, family: 'partner' } as never), {
      name: 'RangeError',
      message: 'options.family must be one of admin, checkout, customer-account, pos.',
    });
  });

  it('the token must be a string, and at must be a time', async () => {
    assert.throws(() => decodeSessionToken(42 as never, { now: NOW }), { name: 'TypeError', message: 'The token must be a string.' });
    await assert.rejects(verifySessionToken(null as never, { clientId: CLIENT_ID, secret: SECRET, now: NOW }), { name: 'TypeError', message: 'The token must be a string.' });
    const token = await joseToken(claimsFor('admin', {}));
    assert.throws(() => decodeSessionToken(token, { now: NOW, at: Number.NaN }), { name: 'RangeError', message: 'options.at is not a valid time.' });
  });
});

describe('the as-of time', () => {
  it('is "now" when at is not given, or is the same instant as now', async () => {
    const token = await joseToken(claimsFor('admin', {}));
    assert.equal(decodeSessionToken(token, { now: NOW }).asOf.isNow, true);
    assert.equal(decodeSessionToken(token, { now: NOW, at: NOW }).asOf.isNow, true);
    assert.equal(decodeSessionToken(token, { now: NOW, at: T }).asOf.relative, 'now');
    const later = decodeSessionToken(token, { now: NOW, at: T + 600 }).asOf;
    assert.equal(later.isNow, false);
    assert.equal(later.relative, 'in 10 min');
  });
});

describe('the input length cap', () => {
  it('reads input of exactly the cap, and refuses one character more unread', () => {
    const atCap = decodeSessionToken('a'.repeat(MAX_INPUT_LENGTH), { now: NOW });
    assert.ok(!atCap.checks.some((c) => c.code === 'input.too_long'));
    const over = decodeSessionToken('a'.repeat(MAX_INPUT_LENGTH + 1), { now: NOW });
    assert.equal(over.checks[0]?.code, 'input.too_long');
    assert.equal(over.name, `input of ${MAX_INPUT_LENGTH + 1} characters`);
    assert.match(over.summary, /^Decoded; 1 check failed, first: The input is \d+ characters;/);
  });
});

describe('a report lists only what the token holds', () => {
  it('no shop, subject, header or claims members for input that is no token', () => {
    const report = decodeSessionToken('not a token', { now: NOW });
    for (const member of ['shop', 'subject', 'header', 'claims']) assert.equal(member in report, false, member);
  });

  it('a token without dest or sub has no shop or subject member, but its header and claims', async () => {
    const token = await joseToken({ aud: CLIENT_ID, exp: T + 60, nbf: T - 5, iat: T - 5 });
    const report = decodeSessionToken(token, { now: NOW });
    assert.equal('shop' in report, false);
    assert.equal('subject' in report, false);
    assert.deepEqual(report.header, { alg: 'HS256', typ: 'JWT' });
    assert.equal(report.claims?.['aud'], CLIENT_ID);
  });

  it('a decoded report is never valid, whatever the token', async () => {
    const report = decodeSessionToken(await joseToken(claimsFor('admin', {})), { now: NOW });
    assert.equal(report.valid, false);
    assert.equal(report.mode, 'decode');
  });
});
