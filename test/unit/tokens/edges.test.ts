/**
 * Edges no other test reached (found by mutation testing, 1 Dec 2026): the cursor at a token's first and last
 * character, years of fewer or more than four digits, and nbf/iat exactly at the leeway.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECK_CODES as C, findJwtAt, findJwts, MAX_INPUT_LENGTH, verifySessionToken, type VerifyReport } from '../../../src/shopify/tokens';
import { wallClock } from '../../../src/shopify/tokens/calendar';
import { claimsToken, CLIENT_ID, claimsFor, joseToken, SECRET, T } from './helpers';

describe('findJwtAt: the cursor on a token', () => {
  it('finds it from just before its first character to just after its last, and not one step outside', async () => {
    const token = await joseToken(claimsFor('admin', {}));
    const text = `Authorization: Bearer ${token} done`;
    const start = text.indexOf(token);
    const end = start + token.length;
    assert.equal(findJwtAt(text, start)?.token, token);
    assert.equal(findJwtAt(text, end)?.token, token);
    assert.equal(findJwtAt(text, start - 1), undefined);
    assert.equal(findJwtAt(text, end + 1), undefined);
  });

  it('leaves out a token-shaped run longer than the input cap, and keeps one at the cap', () => {
    const run = (length: number) => `eyJ${'a'.repeat(10)}.eyJ${'b'.repeat(length - 34)}.${'c'.repeat(16)}`;
    assert.equal(run(MAX_INPUT_LENGTH).length, MAX_INPUT_LENGTH);
    assert.equal(findJwts(`x ${run(MAX_INPUT_LENGTH)} y`).length, 1);
    assert.equal(findJwts(`x ${run(MAX_INPUT_LENGTH + 1)} y`).length, 0);
  });
});

describe('wallClock: years outside 1000 to 9999', () => {
  const iso = (year: number) => Date.UTC(year, 0, 2, 3, 4, 5);
  it('pads short years to four digits, keeps long ones whole, and signs years before 1 BC', () => {
    const d = (year: number) => { const ms = Date.UTC(2000, 0, 2, 3, 4, 5); const t = new Date(ms); t.setUTCFullYear(year); return t.getTime(); };
    assert.equal(wallClock(d(999)), '0999-01-02 03:04:05');
    assert.equal(wallClock(d(1000)), '1000-01-02 03:04:05');
    assert.equal(wallClock(d(9999)), '9999-01-02 03:04:05');
    assert.equal(wallClock(d(10000)), '10000-01-02 03:04:05');
    assert.equal(wallClock(d(0)), '0000-01-02 03:04:05');
    assert.equal(wallClock(d(-1)), '-0001-01-02 03:04:05');
    assert.equal(wallClock(iso(2025)), '2025-01-02 03:04:05');
  });
});

describe('nbf and iat exactly at the leeway', () => {
  const statusOf = (report: VerifyReport, ...codes: string[]) => report.checks.filter((c) => codes.includes(c.code)).map((c) => c.status);
  const verify = async (claims: Record<string, unknown>) =>
    verifySessionToken(await joseToken(claimsFor('admin', claims)), { clientId: CLIENT_ID, secret: SECRET, now: new Date(T * 1000) });

  it('nbf 10 s ahead is accepted with a warning inside the leeway; 11 s ahead is refused', async () => {
    const inside = await verify({ nbf: T + 10, iat: T - 5, exp: T + 55 });
    assert.deepEqual(statusOf(inside, C.nbf, C.nbfFuture), ['warn']);
    assert.equal(inside.valid, true);
    const outside = await verify({ nbf: T + 11, iat: T - 5, exp: T + 55 });
    assert.deepEqual(statusOf(outside, C.nbf, C.nbfFuture), ['fail']);
  });

  it('iat 10 s ahead passes inside the leeway, naming it; at the as-of time it reads as issued 0 s ago', async () => {
    const inside = await verify({ iat: T + 10, nbf: T - 5, exp: T + 55 });
    assert.deepEqual(statusOf(inside, C.iat, C.iatFuture), ['pass']);
    assert.match(inside.checks.find((c) => c.code === C.iat)?.message ?? '', /inside the 10 s leeway/);
    const outside = await verify({ iat: T + 11, nbf: T - 5, exp: T + 55 });
    assert.deepEqual(statusOf(outside, C.iat, C.iatFuture), ['fail']);
    const atNow = await verify({ iat: T, nbf: T - 5, exp: T + 55 });
    assert.match(atNow.checks.find((c) => c.code === C.iat)?.message ?? '', /^Issued 0 s ago \(iat /);
  });
});

describe('more edges mutation testing found unread', () => {
  const decode = (token: string) => verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: new Date(T * 1000) });
  const message = (report: VerifyReport, code: string) => report.checks.find((c) => c.code === code)?.message ?? '';

  it('a character outside base64url that is no space, "=", "+" or "/" is named by its code point and position', async () => {
    const token = await joseToken(claimsFor('admin', {}));
    const [h, p, s] = token.split('.');
    const report = await decode(`${h}.${p?.slice(0, 4)}!${p?.slice(5)}.${s}`);
    assert.match(message(report, C.base64urlCharacter), /^The payload contains the character U\+0021 at position 5, /);
  });

  it('repeated names: at most five are named, separated by commas', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const payload = `{${names.map((n) => `"${n}":1,"${n}":2`).join(',')}}`;
    const report = await decode(claimsToken(payload));
    assert.match(message(report, C.claimsDuplicateKey), /^The payload names "a", "b", "c", "d", "e" more than once: /);
  });

  it('a header nested more than 20 deep is refused and not shown', async () => {
    const deep = `{"alg":"HS256","x":${'['.repeat(21)}${']'.repeat(21)}}`;
    const report = await decode(claimsToken(JSON.stringify(claimsFor('admin', {})), SECRET, deep));
    assert.match(message(report, C.headerJson), /^The header nests objects or lists more than 20 deep: /);
    assert.equal('header' in report, false);
  });

  it('sub is a staff user only when all digits, and a customer only for the whole gid', async () => {
    const subjectOf = async (sub: string) => (await decode(await joseToken(claimsFor('admin', { sub })))).subject?.kind;
    assert.equal(await subjectOf('1005'), 'user');
    assert.equal(await subjectOf('1005x'), 'other');
    assert.equal(await subjectOf('gid://shopify/Customer/12'), 'customer');
    assert.equal(await subjectOf('gid://shopify/Customer/12/extra'), 'other');
  });

  it('times lists only the times the token has', async () => {
    const claims = claimsFor('admin', {});
    delete claims['nbf'];
    delete claims['iat'];
    const report = await decode(await joseToken(claims));
    assert.deepEqual(Object.keys(report.times), ['exp']);
  });

  it('an aud that differs from the client id only in case or spaces says so', async () => {
    const report = await decode(await joseToken(claimsFor('admin', { aud: ` ${CLIENT_ID.toUpperCase()}` })));
    assert.match(message(report, C.aud), /they differ only in case or spaces/);
    // And the other way round: the client id is the one written in another case, with a space.
    const token = await joseToken(claimsFor('admin', {}));
    const reversed = await verifySessionToken(token, { clientId: `${CLIENT_ID.toUpperCase()} `, secret: SECRET, now: new Date(T * 1000) });
    assert.match(message(reversed, C.aud), /they differ only in case or spaces/);
    const other = await decode(await joseToken(claimsFor('admin', { aud: 'another-app' })));
    assert.doesNotMatch(message(other, C.aud), /differ only in case/);
  });
});

describe('family and iss edges', () => {
  const decode = (token: string, family?: 'admin') =>
    verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: new Date(T * 1000), ...(family ? { family } : {}) });

  it('an admin token without iss is refused, quoting where admin tokens come from', async () => {
    const claims = claimsFor('admin', {});
    delete claims['iss'];
    const report = await decode(await joseToken(claims), 'admin');
    const check = report.checks.find((c) => c.code === C.issMissing);
    assert.equal(check?.status, 'fail');
    assert.match(check?.message ?? '', /^There is no iss: admin tokens carry "https:\/\/<shop>\/admin"; /);
  });

  it('without dest, an iss on a shop host is not refused for its host', async () => {
    const claims = claimsFor('admin', {});
    delete claims['dest'];
    const report = await decode(await joseToken(claims), 'admin');
    assert.equal(report.checks.some((c) => c.code === C.issHost), false, report.checks.map((c) => c.code).join(' '));
  });

  it('a dest that only holds "https://" later on is not read as an admin origin', async () => {
    const claims = claimsFor('admin', { dest: 'my-store.myshopify.com?next=https://x' });
    delete claims['iss'];
    const report = await decode(await joseToken(claims));
    assert.notEqual(report.family, 'admin');
  });

  it('a valid token says its header and payload are JSON objects with no repeated names', async () => {
    const report = await decode(await joseToken(claimsFor('admin', {})));
    assert.equal(report.checks.find((c) => c.code === C.header)?.status, 'pass');
    assert.equal(report.checks.find((c) => c.code === C.claims)?.status, 'pass');
  });
});
