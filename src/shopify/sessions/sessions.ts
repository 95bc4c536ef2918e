import { type ApiName } from '../identity/apis';
import { sessionScopes } from './scopes';
import { accountLabel, appKey, type StoredState } from '../storage/state';

/** The Shopify CLI treats tokens as expired this long before they run out. */
export const REFRESH_MARGIN_MS = 4 * 60_000;

/** 4 minutes before expiry, or halfway for tokens too short-lived for that (test servers, short-lived grants). */
export function refreshAt(token: { readonly obtainedAt: number; readonly expiresAt: number }): number {
  const lifetime = Math.max(0, token.expiresAt - token.obtainedAt);
  return token.expiresAt - Math.min(REFRESH_MARGIN_MS, lifetime / 2);
}

export function isFresh(token: { readonly obtainedAt: number; readonly expiresAt: number }, now: number): boolean {
  return now < refreshAt(token);
}

export function covers(granted: readonly string[], wanted: readonly string[]): boolean {
  const have = new Set(granted);
  return wanted.every((s) => have.has(s));
}

export type SessionKind = 'account' | ApiName;

/** What the editor shows and hands out: a VS Code AuthenticationSession plus what the rules need. */
export interface ShopifySession {
  readonly id: string;
  readonly accessToken: string;
  readonly idToken?: string;
  readonly account: { readonly id: string; readonly label: string };
  readonly scopes: readonly string[];
  readonly kind: SessionKind;
  readonly store?: string;
  readonly expiresAt: number;
}

export function accountSessionId(accountId: string): string {
  return `${accountId}/account`;
}

export function appSessionId(accountId: string, api: ApiName, store?: string): string {
  return `${accountId}/${appKey(api, store)}`;
}

/**
 * Every session of every account: one "account" session per signed-in user (what the Accounts menu lists
 * and signs out), then one per minted API token.
 */
export function sessionsOf(state: StoredState): ShopifySession[] {
  const out: ShopifySession[] = [];
  for (const account of state.accounts) {
    const who = { id: account.id, label: accountLabel(account) };
    // The identity token can be exchanged for every API, so it never leaves the extension: an account
    // session carries the id_token, which only says who signed in.
    out.push({
      id: accountSessionId(account.id),
      accessToken: account.identity.idToken ?? '',
      ...(account.identity.idToken ? { idToken: account.identity.idToken } : {}),
      account: who,
      scopes: [...account.identity.scopes],
      kind: 'account',
      expiresAt: account.identity.expiresAt,
    });
    for (const app of Object.values(account.apps)) {
      out.push({
        id: appSessionId(account.id, app.api, app.store),
        accessToken: app.accessToken,
        account: who,
        scopes: sessionScopes(app.api, app.store, app.scopes),
        kind: app.api,
        ...(app.store ? { store: app.store } : {}),
        expiresAt: app.expiresAt,
      });
    }
  }
  return out;
}

export interface SessionChanges {
  readonly added: ShopifySession[];
  readonly removed: ShopifySession[];
  readonly changed: ShopifySession[];
}

/** What another window (or this one) changed, by session id: the one diff behind every change event. */
export function diffSessions(before: readonly ShopifySession[], after: readonly ShopifySession[]): SessionChanges {
  const old = new Map(before.map((s) => [s.id, s]));
  const now = new Map(after.map((s) => [s.id, s]));
  const added = after.filter((s) => !old.has(s.id));
  const removed = before.filter((s) => !now.has(s.id));
  const changed = after.filter((s) => {
    const prev = old.get(s.id);
    return prev !== undefined && (prev.accessToken !== s.accessToken || prev.account.label !== s.account.label || prev.scopes.join(' ') !== s.scopes.join(' '));
  });
  return { added, removed, changed };
}

export function isEmpty(changes: SessionChanges): boolean {
  return changes.added.length + changes.removed.length + changes.changed.length === 0;
}
