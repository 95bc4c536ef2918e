/** The sentences the session rules fail with, naming the account and the API, with the code callers act on. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import * as errors from '../../../src/shopify/sessions/sessionErrors';
import type { StoredAccount } from '../../../src/shopify/storage/state';

const identity = { accessToken: 'a', refreshToken: 'r', expiresAt: 1, obtainedAt: 0, scopes: [] };
const withEmail: StoredAccount = { id: 'user-1', email: 'dev@example.com', issuer: 'https://accounts.shopify.com', signedInAt: 0, identity, apps: {} };
const withoutEmail: StoredAccount = { id: 'user-2', signedInAt: 0, identity, apps: {} };

function said(error: ShopifyAuthError, code: string, message: string): void {
  assert.ok(error instanceof ShopifyAuthError);
  assert.equal(error.code, code);
  assert.equal(error.message, message);
}

describe('session errors', () => {
  it('not signed in names the account by email, else by id, else none', () => {
    said(errors.notSignedIn(withEmail), 'not-signed-in', 'dev@example.com is no longer signed in. Sign in again.');
    said(errors.notSignedIn(withoutEmail), 'not-signed-in', 'user-2 is no longer signed in. Sign in again.');
    said(errors.notSignedIn(), 'not-signed-in', 'This Shopify account is no longer signed in. Sign in again.');
  });

  it('signed out while work was under way says which work', () => {
    said(errors.signedOutWhile('refresh'), 'not-signed-in', 'This Shopify account was signed out while the session was being refreshed. Sign in again.');
    said(errors.signedOutWhile('issue'), 'not-signed-in', 'This Shopify account was signed out while the token was being issued. Sign in again.');
  });

  it('the fixed sentences', () => {
    said(errors.unusableAfterSignIn(), 'not-signed-in', 'Signed in, but the new session could not be used. Sign in again.');
    said(errors.notSaved(), 'protocol', 'The new session could not be saved. Sign in again.');
    said(
      errors.noStore(),
      'no-store',
      'No store was given and no active store is set. Run "Shopify: Select Active Store", pass a store (store:<name> in the scopes), or set SHOPIFY_FLAG_STORE.',
    );
  });

  it('approved as another account names both, in their places', () => {
    said(
      errors.approvedAsOther(withEmail, 'other@example.com'),
      'not-signed-in',
      'The sign-in was approved as dev@example.com, but a session for other@example.com was asked for. dev@example.com is now signed in too; to use other@example.com, sign in again and approve the code while logged in to Shopify as other@example.com.',
    );
  });

  it('a changed identity server names the old and the new one', () => {
    said(
      errors.issuerChanged(withEmail, 'https://id.example.test'),
      'bad-setting',
      'dev@example.com signed in through https://accounts.shopify.com, but shopifyAuth.identityUrl now points to https://id.example.test; its tokens are only sent to the server that issued them. Set shopifyAuth.identityUrl back to use this account, or sign in again through the new server.',
    );
    assert.match(errors.issuerChanged(withoutEmail, 'https://id.example.test').message, /^user-2 signed in through another server, but/);
  });

  it('an ended session keeps the reason and its code, and adds whose it was', () => {
    const reason = new ShopifyAuthError('session-expired', 'Your Shopify session ended (e.g. signed out elsewhere).', { transient: true });
    said(errors.sessionEnded(reason, withEmail), 'session-expired', 'Your Shopify session ended (e.g. signed out elsewhere) (dev@example.com).');
    said(errors.sessionEnded(new ShopifyAuthError('session-unusable', 'Refused'), withoutEmail), 'session-unusable', 'Refused (user-2).');
    said(errors.sessionEnded(new ShopifyAuthError('session-unusable', 'Refused..'), withoutEmail), 'session-unusable', 'Refused. (user-2).');
  });

  it('automation tokens: the variable and the API by name', () => {
    said(
      errors.automationTokenRefused('SHOPIFY_CLI_PARTNERS_TOKEN', 'partners'),
      'automation-token',
      'Shopify refused the token in SHOPIFY_CLI_PARTNERS_TOKEN for the Partners API: it may be expired, revoked or for another organization. Create a new one in the Partners Dashboard (Settings > CLI token), or unset the variable to use your signed-in account.',
    );
    said(errors.automationTokenUnusable('SHOPIFY_CLI_PARTNERS_TOKEN', 'app-management'), 'automation-token', 'No App Management API token could be made from SHOPIFY_CLI_PARTNERS_TOKEN.');
  });
});
