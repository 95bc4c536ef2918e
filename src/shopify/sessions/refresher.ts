import { raceAbort } from '../common/abort';
import { Coalescer } from '../common/coalesce';
import { isShopifyError, type ShopifyAuthError } from '../common/errors';
import { fingerprint } from '../common/redact';
import { withRetries } from '../common/retry';
import type { IdentityClient, IdentityTokens } from '../identity/client';
import { identityEndpoints, PRODUCTION_IDENTITY_URL } from '../identity/identityUrl';
import { accountLabel, type StoredAccount, type StoredState } from '../storage/state';
import { issuerChanged, notSignedIn, sessionEnded, signedOutWhile } from './sessionErrors';
import { isFresh } from './sessions';

/** How long a window that lost a refresh race waits for the winner's write before giving up on the account. */
const REFRESH_RACE_GRACE_MS = 1500;

/** What the refresh path needs from whoever keeps the accounts. */
export interface AccountBook {
  account(id: string): StoredAccount | undefined;
  /** Re-reads storage: another window may have refreshed (and rotated the refresh token) meanwhile. */
  reload(): Promise<void>;
  write(mutate: (s: StoredState) => StoredState): Promise<void>;
}

export interface RefresherOptions {
  readonly book: AccountBook;
  readonly client: () => IdentityClient;
  readonly log: { info(message: string): void; warn(message: string): void };
  readonly now: () => number;
}

/**
 * Keeps identity tokens fresh: one refresh per account at a time, shared by every caller, safe against other
 * windows refreshing the same account with the same refresh token.
 */
export class Refresher {
  private readonly refreshes = new Coalescer<StoredAccount>();

  constructor(private readonly options: RefresherOptions) {}

  /**
   * The account with a fresh identity token. `rejected` forces a refresh even when the token looks fresh: Shopify
   * refused that access token, so an account still holding it needs a new one (unless someone refreshed meanwhile).
   */
  freshIdentity(accountId: string, options: { signal?: AbortSignal; rejected?: string } = {}): Promise<StoredAccount> {
    const known = this.options.book.account(accountId);
    if (known && !this.due(known, options.rejected)) return Promise.resolve(known);
    // Never cut short: a refresh stopped after the server rotated would lose the only working refresh token.
    // Callers stop waiting on their own signal; the request timeouts bound the refresh, and it stays
    // shared until it settles so nobody starts a second one with the refresh token it is spending.
    return raceAbort(this.refreshes.run(accountId, () => this.refreshShared(accountId, options.rejected)), options.signal);
  }

  private due(account: StoredAccount, rejected: string | undefined): boolean {
    return !isFresh(account.identity, this.options.now()) || account.identity.accessToken === rejected;
  }

  private async refreshShared(accountId: string, rejected: string | undefined): Promise<StoredAccount> {
    const { book } = this.options;
    await book.reload();
    const account = book.account(accountId);
    if (!account) throw notSignedIn();
    if (!this.due(account, rejected)) return account;
    try {
      return await this.refresh(account);
    } catch (error) {
      if (!isShopifyError(error, 'session-expired') && !isShopifyError(error, 'session-unusable')) throw error;
      // Lost a race with another window? Its rotated refresh token is (or is about to be) in storage.
      for (const graceMs of [0, REFRESH_RACE_GRACE_MS]) {
        if (graceMs > 0) await new Promise((r) => setTimeout(r, graceMs));
        await book.reload();
        const latest = book.account(accountId);
        if (latest && latest.identity.refreshToken !== account.identity.refreshToken) {
          return isFresh(latest.identity, this.options.now()) ? latest : this.refresh(latest);
        }
        if (!latest) break;
      }
      await this.dropEnded(account, error);
      throw sessionEnded(error, account);
    }
  }

  /** Forgets an account whose session the server ended, unless another window replaced it meanwhile. */
  async dropEnded(account: StoredAccount, error: ShopifyAuthError): Promise<void> {
    const dead = account.identity.refreshToken;
    await this.options.book.write((s) => ({ ...s, accounts: s.accounts.filter((a) => a.id !== account.id || a.identity.refreshToken !== dead) }));
    this.options.log.warn(`The Shopify session of ${accountLabel(account)} ended (${error.code}); it was removed. Other accounts are kept.`);
  }

  private async refresh(account: StoredAccount): Promise<StoredAccount> {
    const client = this.options.client();
    sameIssuer(account, client);
    const tokens: IdentityTokens = await withRetries(() => client.refresh(account.identity.refreshToken, account.identity.accessToken, account.identity.scopes), 'once', {
      onRetry: (e, ms) => this.options.log.warn(`Session refresh failed (${e.code}); trying again in ${Math.round(ms)} ms`),
    });
    const obtainedAt = this.options.now();
    let saved: StoredAccount | undefined;
    // The rotated refresh token is stored before anything else happens: the old one is dead now.
    await this.options.book.write((s) => ({
      ...s,
      accounts: s.accounts.map((a) => {
        if (a.id !== account.id) return a;
        saved = { ...a, ...(tokens.email ? { email: tokens.email } : {}), identity: identityRecord(tokens, obtainedAt, a.identity.idToken) };
        return saved;
      }),
    }));
    if (!saved) throw signedOutWhile('refresh');
    this.options.log.info(`Session of ${accountLabel(saved)} refreshed (${fingerprint(tokens.refreshToken)} is the new refresh token)`);
    return saved;
  }
}

/**
 * An account's tokens go only to the identity server that issued them: after shopifyAuth.identityUrl changes, a
 * production refresh token must not reach a test server (or the reverse). The account is kept for when it changes back.
 */
export function sameIssuer(account: StoredAccount, client: IdentityClient): void {
  // Accounts stored before the issuer was recorded were signed in with the default: production Shopify.
  const issuer = account.issuer ?? identityEndpoints(PRODUCTION_IDENTITY_URL).issuer;
  if (issuer === client.endpoints.issuer) return;
  throw issuerChanged({ ...account, issuer }, client.endpoints.issuer);
}

/** What is stored of a sign-in or refresh answer; a refresh without a new id_token keeps the old one. */
export function identityRecord(tokens: IdentityTokens, obtainedAt: number, previousIdToken?: string): StoredAccount['identity'] {
  const idToken = tokens.idToken ?? previousIdToken;
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
    obtainedAt,
    scopes: [...tokens.scopes],
    ...(idToken ? { idToken } : {}),
  };
}
