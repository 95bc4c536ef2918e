import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanTokenInput, decodeSessionToken, verifySessionToken } from '../../../src/shopify/tokens';
import { CLIENT_ID, claimsFor, joseToken, NOW, SECRET } from './helpers';

describe('input clean-up', () => {
  const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';

  it('leaves a bare token alone and reports nothing', () => {
    assert.deepEqual(cleanTokenInput(TOKEN), { token: TOKEN, changes: [] });
  });

  it('trims surrounding whitespace', () => {
    const { token, changes } = cleanTokenInput(`  \n${TOKEN}\t `);
    assert.equal(token, TOKEN);
    assert.deepEqual(changes, ['Removed whitespace around the input.']);
  });

  it('strips "Bearer " in any case', () => {
    for (const prefix of ['Bearer ', 'bearer ', 'BEARER  ']) {
      const { token, changes } = cleanTokenInput(prefix + TOKEN);
      assert.equal(token, TOKEN);
      assert.deepEqual(changes, ['Removed the "Bearer " prefix.']);
    }
  });

  it('strips a whole Authorization header line', () => {
    const { token, changes } = cleanTokenInput(`Authorization: Bearer ${TOKEN}`);
    assert.equal(token, TOKEN);
    assert.deepEqual(changes, ['Removed the "Authorization:" header name.', 'Removed the "Bearer " prefix.']);
  });

  it('strips quotes a JSON or log copy adds', () => {
    assert.equal(cleanTokenInput(`"${TOKEN}"`).token, TOKEN);
    assert.equal(cleanTokenInput(`'Bearer ${TOKEN}'`).token, TOKEN);
    assert.deepEqual(cleanTokenInput(`"${TOKEN}"`).changes, ['Removed the surrounding " quotes.']);
  });

  it('takes id_token from a full URL', () => {
    const url = `https://my-app.example.com/app?embedded=1&hmac=abc&host=YWRtaW4&id_token=${TOKEN}&shop=my-store.myshopify.com`;
    const { token, changes } = cleanTokenInput(url);
    assert.equal(token, TOKEN);
    assert.deepEqual(changes, ['Took the id_token parameter from the URL.']);
  });

  it('takes id_token from a query string, with or without "?"', () => {
    for (const q of [`?shop=x&id_token=${TOKEN}`, `id_token=${TOKEN}&shop=x`, `shop=x&id_token=${TOKEN}`]) {
      const { token, changes } = cleanTokenInput(q);
      assert.equal(token, TOKEN, q);
      assert.deepEqual(changes, ['Took the id_token parameter from the query string.']);
    }
  });

  it('decodes percent-escapes and says so, but keeps "+" as "+"', () => {
    const { token, changes } = cleanTokenInput(`id_token=${TOKEN.replace(/\./g, '%2E')}`);
    assert.equal(token, TOKEN);
    assert.deepEqual(changes, ['Took the id_token parameter from the query string.', 'Decoded the percent-escapes in the id_token parameter.']);
    assert.equal(cleanTokenInput('id_token=ab+cd').token, 'ab+cd');
  });

  it('a pasted URL verifies, with the change listed in the report', async () => {
    const real = await joseToken(claimsFor('admin'));
    const report = await verifySessionToken(`https://admin.example/app?id_token=${real}`, { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    assert.equal(report.valid, true);
    assert.deepEqual(report.inputChanges, ['Took the id_token parameter from the URL.']);
  });

  it('a Bearer header decodes, with the change listed', async () => {
    const report = decodeSessionToken(`Bearer ${await joseToken(claimsFor('checkout'))}`, { now: NOW });
    assert.deepEqual(report.inputChanges, ['Removed the "Bearer " prefix.']);
    assert.equal(report.shop, 'my-store.myshopify.com');
  });
});
