import * as l10n from '../common/text';
import { ShopifyAuthError } from '../common/errors';
import { APIS, type ApiName } from '../identity/apis';
import { accountLabel, type StoredAccount } from '../storage/state';

// Every failure the session rules raise, worded once. A caller may meet the same situation from several paths
// (a refresh, a mint, a CLI-shaped call); it should read the same sentence each time.

/** The account is gone (signed out here or in another window) or never was. */
export function notSignedIn(account?: StoredAccount): ShopifyAuthError {
  return new ShopifyAuthError(
    'not-signed-in',
    account ? l10n.t('{0} is no longer signed in. Sign in again.', accountLabel(account)) : l10n.t('This Shopify account is no longer signed in. Sign in again.'),
  );
}

/** The account was signed out while work for it was under way: a refresh, or the issue of a token. */
export function signedOutWhile(work: 'refresh' | 'issue'): ShopifyAuthError {
  return new ShopifyAuthError(
    'not-signed-in',
    work === 'refresh'
      ? l10n.t('This Shopify account was signed out while the session was being refreshed. Sign in again.')
      : l10n.t('This Shopify account was signed out while the token was being issued. Sign in again.'),
  );
}

/** A sign-in succeeded but left no usable token for the API asked for. */
export function unusableAfterSignIn(): ShopifyAuthError {
  return new ShopifyAuthError('not-signed-in', l10n.t('Signed in, but the new session could not be used. Sign in again.'));
}

/** The device flow cannot be told whom to expect: someone other than the asked-for account approved it. */
export function approvedAsOther(approved: StoredAccount, asked: string): ShopifyAuthError {
  const who = accountLabel(approved);
  return new ShopifyAuthError(
    'not-signed-in',
    l10n.t('The sign-in was approved as {0}, but a session for {1} was asked for. {2} is now signed in too; to use {3}, sign in again and approve the code while logged in to Shopify as {4}.', who, asked, who, asked, asked),
  );
}

export function notSaved(): ShopifyAuthError {
  return new ShopifyAuthError('protocol', l10n.t('The new session could not be saved. Sign in again.'));
}

export function noStore(): ShopifyAuthError {
  return new ShopifyAuthError(
    'no-store',
    l10n.t('No store was given and no active store is set. Run "Shopify: Select Active Store", pass a store (store:<name> in the scopes), or set SHOPIFY_FLAG_STORE.'),
  );
}

/** An account's tokens go only to the server that issued them. */
export function issuerChanged(account: StoredAccount, current: string): ShopifyAuthError {
  return new ShopifyAuthError(
    'bad-setting',
    account.issuer !== undefined
      ? l10n.t('{0} signed in through {1}, but shopifyAuth.identityUrl now points to {2}; its tokens are only sent to the server that issued them. Set shopifyAuth.identityUrl back to use this account, or sign in again through the new server.', accountLabel(account), account.issuer, current)
      : l10n.t('{0} signed in through another server, but shopifyAuth.identityUrl now points to {1}; its tokens are only sent to the server that issued them. Set shopifyAuth.identityUrl back to use this account, or sign in again through the new server.', accountLabel(account), current),
  );
}

/** The server ended the account's session: the reason, with whose session it was. */
export function sessionEnded(error: ShopifyAuthError, account: StoredAccount): ShopifyAuthError {
  // The reason is a whole localised sentence already; the template only adds whose session it was.
  return new ShopifyAuthError(error.code, l10n.t('{0} ({1}).', error.message.replace(/\.$/, ''), accountLabel(account)));
}

export function automationTokenRefused(variable: string, api: ApiName): ShopifyAuthError {
  return new ShopifyAuthError(
    'automation-token',
    l10n.t('Shopify refused the token in {0} for the {1}: it may be expired, revoked or for another organization. Create a new one in the Partners Dashboard (Settings > CLI token), or unset the variable to use your signed-in account.', variable, APIS[api].title),
  );
}

export function automationTokenUnusable(variable: string, api: ApiName): ShopifyAuthError {
  return new ShopifyAuthError('automation-token', l10n.t('No {0} token could be made from {1}.', APIS[api].title, variable));
}
