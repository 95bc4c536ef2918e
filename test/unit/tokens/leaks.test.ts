/** No sentence of any report carries the token or a secret: not in checks, summary, signature verdict, name or input changes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSessionToken, verifySessionToken, type SessionTokenReport } from '../../../src/shopify/tokens';
import { CASES } from './corpus';
import { CLIENT_ID, claimsFor, joseToken, NOW, OLD_SECRET, SECRET, sentences } from './helpers';

function assertClean(report: SessionTokenReport, token: string, secrets: string[]): void {
  const cleaned = token.trim().replace(/^bearer\s+/i, '');
  const signature = cleaned.split('.')[2] ?? '';
  for (const sentence of sentences(report)) {
    if (cleaned.length >= 20) assert.ok(!sentence.includes(cleaned), `token in: ${sentence.slice(0, 120)}`);
    if (signature.length >= 16) assert.ok(!sentence.includes(signature), `signature in: ${sentence.slice(0, 120)}`);
    for (const s of secrets) {
      if (s.trim().length >= 8) assert.ok(!sentence.includes(s.trim()), `secret in: ${sentence.slice(0, 120)}`);
    }
  }
}

describe('reports never echo the token or a secret', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const token = await c.token();
      const options = { clientId: CLIENT_ID, secret: SECRET, previousSecret: OLD_SECRET, now: NOW, ...c.options };
      const secrets = [options.secret, options.previousSecret].filter((s): s is string => typeof s === 'string');
      assertClean(await verifySessionToken(token, options), token, secrets);
      assertClean(decodeSessionToken(token, { now: NOW }), token, []);
    });
  }

  it('valid, mismatched and previous-secret tokens, pasted in every form', async () => {
    for (const secret of [SECRET, OLD_SECRET, 'unrelated-secret-value']) {
      const token = await joseToken(claimsFor('admin', { jti: undefined }), secret);
      for (const pasted of [token, `Bearer ${token}`, `https://x.example/?id_token=${token}`]) {
        const report = await verifySessionToken(pasted, { clientId: CLIENT_ID, secret: SECRET, previousSecret: OLD_SECRET, now: NOW });
        assertClean(report, token, [SECRET, OLD_SECRET, 'unrelated-secret-value']);
        assert.match(report.name, /^token starting .{1,12}… \(\d+ characters\)$/);
      }
    }
  });

  it('names a token by its jti when it has one', async () => {
    const report = decodeSessionToken(await joseToken(claimsFor('admin')), { now: NOW });
    assert.equal(report.name, 'token jti 0b6a4b2e-5a0f-4c55-9f55-1d1c1e9b2a10');
  });

  it('a short input is never echoed whole in its name', () => {
    const report = decodeSessionToken('abc.def.ghi', { now: NOW });
    assert.ok(!report.name.includes('abc.def.ghi'));
  });
});
