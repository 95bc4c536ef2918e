// The editor hands the core its translations at activation, after every core module has loaded
// (src/editor/l10n.ts). Texts the core made while loading stayed English; these are read after the translation
// is configured, as a user in another display language meets them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTranslations } from '../../src/shopify/common/text';
import { APIS } from '../../src/shopify/identity/apis';
import { FAMILY_RULES, mintSessionToken, verifySessionToken } from '../../src/shopify/tokens';

// A pseudo-translation: each text marked, and one template reordered, as a translator may need to.
const BUNDLE: Record<string, string> = {
  'Admin API': '«Admin API»',
  'admin (App Bridge ID token)': '«admin (App Bridge ID token)»',
  'alg is HS256, as Shopify signs session tokens.': '«alg HS256»',
  'Signature verified with the current client secret.': '«signature verified»',
  'aud matches the app\'s client id.': '«aud matches»',
  'Valid: {0} No check failed.': '«valid» {0}',
  'Lives {0}, within the {1} Shopify gives {2} tokens.': '«{2} tokens: {0} of {1}»',
  '{0} s': '{0} sec',
  'admin/A kind of Shopify session token, inside sentences such as "Shopify issues {0} tokens for 60 s".': 'ADMIN',
};

describe('texts are translated when they are made, not when the core loads', () => {
  // The modules above are loaded; only now does the translation arrive.
  useTranslations(BUNDLE);

  test('API titles and token family labels', () => {
    assert.equal(APIS.admin.title, '«Admin API»');
    assert.equal(FAMILY_RULES.admin.label, '«admin (App Bridge ID token)»');
    assert.equal(FAMILY_RULES.admin.short, 'ADMIN');
  });

  test("a verified token's report: the shared verdicts, a reordered template, its units and family name", async () => {
    const secret = 'test-secret-for-l10n';
    const token = await mintSessionToken({ family: 'admin', shop: 'my-store', clientId: 'client-1', secret });
    const report = await verifySessionToken(token, { clientId: 'client-1', secret, family: 'admin' });
    assert.equal(report.valid, true, report.summary);
    assert.equal(report.signature.message, '«signature verified»');
    assert.equal(report.summary, '«valid» «signature verified»');
    const messages = report.checks.map((c) => c.message);
    assert.ok(messages.includes('«alg HS256»'), messages.join('\n'));
    assert.ok(messages.includes('«aud matches»'), messages.join('\n'));
    assert.ok(messages.includes('«ADMIN tokens: 60 sec of 60 sec»'), messages.join('\n'));
  });
});
