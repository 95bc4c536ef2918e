/** Who signed in, as read from the id_token of Shopify's sign-in answer, and the sentence when it cannot be read. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { readIdToken } from '../../../src/shopify/identity/idToken';

const b64u = (text: string): string => Buffer.from(text).toString('base64url');
const idToken = (claims: Record<string, unknown>): string => `${b64u('{"alg":"RS256","typ":"JWT"}')}.${b64u(JSON.stringify(claims))}.c2ln`;

const NO_ID_TOKEN = "Shopify's sign-in answer did not say who signed in (no id_token). Sign in again; if it keeps happening, report it.";
const UNREADABLE = "Shopify's sign-in answer carried an id_token that cannot be read. Sign in again; if it keeps happening, report it.";
const NO_SUBJECT = "Shopify's sign-in answer did not say who signed in (its id_token has no subject). Sign in again; if it keeps happening, report it.";

function refused(value: unknown, message: string): void {
  assert.throws(
    () => readIdToken(value),
    (e: unknown) => e instanceof ShopifyAuthError && e.code === 'bad-response' && e.message === message,
    JSON.stringify(value),
  );
}

describe('readIdToken', () => {
  it('reads the subject and an email address', () => {
    assert.deepEqual(readIdToken(idToken({ sub: 'user-1', email: 'dev@example.com' })), { userId: 'user-1', email: 'dev@example.com' });
  });

  it('leaves out an email that is not text or not an address', () => {
    for (const email of ['dev.example.com', '', 42, null, ['a@b']]) {
      assert.deepEqual(readIdToken(idToken({ sub: 'user-1', email })), { userId: 'user-1' }, JSON.stringify(email));
    }
    const result = readIdToken(idToken({ sub: 'user-1' }));
    assert.ok(!('email' in result));
  });

  it('says there was no id_token when there is none', () => {
    for (const value of [undefined, null, '', 42, {}]) refused(value, NO_ID_TOKEN);
  });

  it('says the id_token cannot be read when it is no JWT', () => {
    for (const value of ['not-a-token', 'a.b.c', `${b64u('{}')}.${b64u('[1]')}.x`]) refused(value, UNREADABLE);
  });

  it('says who signed in is unknown when the subject is missing, blank or not text', () => {
    for (const sub of [undefined, '', '   ', 42, null]) refused(idToken(sub === undefined ? {} : { sub }), NO_SUBJECT);
  });
});
