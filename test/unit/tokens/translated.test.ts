// A report in the user's language: no sentence of the checklist may be frozen in English when the module loads,
// before the editor hands the core its translations.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTranslations } from '../../../src/shopify/common/text';
import { decodeSessionToken, mintSessionToken, verifySessionToken } from '../../../src/shopify/tokens';

const CLIENT_ID = 'translated0123456789abcdef012345';
const SECRET = 'shpss_translated_0123456789abcdef';
const NOW = new Date('2026-11-30T12:00:00Z');

// One sentence of each kind kept between reports: a shared passing check, a cached check with a value, a signature
// verdict, decode's "not verified", a lifetime check, and the strict-encoding check.
const GERMAN = {
  'alg is HS256, as Shopify signs session tokens.': 'alg ist HS256, wie Shopify Sitzungstoken signiert.',
  'Three parts, {0} characters.': 'Drei Teile, {0} Zeichen.',
  'Signature verified with the current client secret.': 'Signatur mit dem aktuellen Client-Secret bestätigt.',
  "Signature not verified: decoding only reads the token. Verify it with the app's client secret before trusting anything in it.":
    'Signatur nicht geprüft.',
  'All three parts are strict base64url.': 'Alle drei Teile sind striktes base64url.',
  "aud matches the app's client id.": 'aud ist die Client-ID der App.',
  'The payload is a JSON object with no repeated names.': 'Die Nutzlast ist ein JSON-Objekt ohne doppelte Namen.',
  'The client secret is plain text, not key material.': 'Das Client-Secret ist Klartext, kein Schlüsselmaterial.',
} as const;

describe('session-token reports after translations arrive', () => {
  test('every kept sentence is made again in the new language', async () => {
    const token = await mintSessionToken({ family: 'admin', shop: 'my-store', clientId: CLIENT_ID, secret: SECRET, now: NOW });
    const options = { clientId: CLIENT_ID, secret: SECRET, now: NOW };
    // In English first, so every sentence kept between reports has been made.
    const english = await verifySessionToken(token, options);
    assert.equal(english.valid, true);
    assert.equal(decodeSessionToken(token, { now: NOW }).signature.message.startsWith('Signature not verified'), true);

    useTranslations(GERMAN);
    const german = await verifySessionToken(token, options);
    const messages = german.checks.map((c) => c.message);
    assert.ok(messages.includes(GERMAN['alg is HS256, as Shopify signs session tokens.']), messages.join('\n'));
    assert.ok(messages.includes(`Drei Teile, ${token.length} Zeichen.`), messages.join('\n'));
    assert.ok(messages.includes(GERMAN['All three parts are strict base64url.']), messages.join('\n'));
    assert.ok(messages.includes(GERMAN["aud matches the app's client id."]), messages.join('\n'));
    assert.ok(messages.includes(GERMAN['The payload is a JSON object with no repeated names.']), messages.join('\n'));
    assert.ok(messages.includes(GERMAN['The client secret is plain text, not key material.']), messages.join('\n'));
    assert.equal(german.signature.message, GERMAN['Signature verified with the current client secret.']);
    assert.equal(decodeSessionToken(token, { now: NOW }).signature.message, 'Signatur nicht geprüft.');
  });
});
