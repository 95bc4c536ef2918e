import * as l10n from '../common/text';
import { inert } from '../common/redact';
import type { ApiName } from '../identity/apis';

/**
 * The persisted layout: one JSON document under one SecretStorage key. The version is in the key as well
 * as in the document, so an older extension never reads (or overwrites) a newer one's layout.
 */
export const LAYOUT_VERSION = 1;
export const STATE_KEY = `shopify.auth.v${LAYOUT_VERSION}`;

export interface StoredIdentity {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: number;
  readonly obtainedAt: number;
  readonly scopes: readonly string[];
  /** The OpenID id_token: who signed in. It grants no API access, so it is what an account session hands out. */
  readonly idToken?: string;
}

export interface StoredAppToken {
  readonly api: ApiName;
  readonly store?: string;
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly obtainedAt: number;
  /** What the server says it granted. */
  readonly scopes: readonly string[];
  /** What was asked for, which reuse is decided on; absent in documents written before it was kept. */
  readonly requestedScopes?: readonly string[];
}

export interface StoredAccount {
  /** The id_token's `sub`. */
  readonly id: string;
  readonly email?: string;
  /** The identity server that issued its tokens (shopifyAuth.identityUrl at sign-in): they are only sent back there. */
  readonly issuer?: string;
  readonly signedInAt: number;
  readonly identity: StoredIdentity;
  /** Keyed by appKey(): one token per API, admin per store. */
  readonly apps: Readonly<Record<string, StoredAppToken>>;
}

export interface StoredState {
  readonly version: typeof LAYOUT_VERSION;
  readonly accounts: readonly StoredAccount[];
  readonly activeStore?: string;
}

export const EMPTY_STATE: StoredState = { version: LAYOUT_VERSION, accounts: [] };

export function appKey(api: ApiName, store?: string): string {
  return store === undefined ? api : `${api}/${store}`;
}

/** The scopes a stored token was asked with; older documents only have what was granted, which was then read the same way. */
export function askedScopes(app: StoredAppToken): readonly string[] {
  return app.requestedScopes ?? app.scopes;
}

/** How an account is named in the Accounts menu and in messages: the id_token's email is the server's text. */
export function accountLabel(account: Pick<StoredAccount, 'id' | 'email'>): string {
  return inert(account.email ?? account.id);
}

export interface ParsedState {
  readonly state: StoredState;
  /** Why (part of) the stored value was unusable; empty when all was read. Never contains secrets. */
  readonly problems: readonly string[];
  /** Nothing of the stored value could be used. */
  readonly unreadable: boolean;
}

const API_SET = new Set<string>(['admin', 'partners', 'storefront-renderer', 'business-platform', 'app-management']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function readIdentity(v: unknown): StoredIdentity | undefined {
  if (!isObject(v)) return undefined;
  const { accessToken, refreshToken, expiresAt, obtainedAt, scopes, idToken } = v;
  if (!isText(accessToken) || !isText(refreshToken) || !isTime(expiresAt) || !isTime(obtainedAt) || !isTextList(scopes)) return undefined;
  if (idToken !== undefined && !isText(idToken)) return undefined;
  return { accessToken, refreshToken, expiresAt, obtainedAt, scopes, ...(idToken ? { idToken } : {}) };
}

function readApp(v: unknown): StoredAppToken | undefined {
  if (!isObject(v)) return undefined;
  const { api, store, accessToken, expiresAt, obtainedAt, scopes, requestedScopes } = v;
  if (!isText(api) || !API_SET.has(api) || !isText(accessToken) || !isTime(expiresAt) || !isTime(obtainedAt) || !isTextList(scopes)) return undefined;
  if (store !== undefined && !isText(store)) return undefined;
  // An unreadable list of asked scopes costs only reuse by it, not the token.
  const base = { api: api as ApiName, accessToken, expiresAt, obtainedAt, scopes, ...(isTextList(requestedScopes) ? { requestedScopes } : {}) };
  return store === undefined ? base : { ...base, store };
}

/**
 * Reads the stored document. What cannot be read is left out and named in `problems`, never thrown:
 * one bad entry must not cost the user their other accounts.
 */
export function parseState(text: string | undefined): ParsedState {
  if (text === undefined || text === '') return { state: EMPTY_STATE, problems: [], unreadable: false };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { state: EMPTY_STATE, problems: [l10n.t('the stored sessions are not valid JSON')], unreadable: true };
  }
  if (!isObject(doc)) return { state: EMPTY_STATE, problems: [l10n.t('the stored sessions are not a JSON object')], unreadable: true };
  if (doc['version'] !== LAYOUT_VERSION) {
    const v = doc['version'];
    const problem =
      typeof v !== 'number'
        ? l10n.t('the stored sessions have no layout version; this version reads version {0}', LAYOUT_VERSION)
        : v > LAYOUT_VERSION
          ? l10n.t('the stored sessions have a newer layout (version {0}); this version reads version {1}', v, LAYOUT_VERSION)
          : l10n.t('the stored sessions have an older layout (version {0}); this version reads version {1}', v, LAYOUT_VERSION);
    return { state: EMPTY_STATE, problems: [problem], unreadable: true };
  }
  const problems: string[] = [];
  const accounts: StoredAccount[] = [];
  const rawAccounts = Array.isArray(doc['accounts']) ? doc['accounts'] : [];
  if (!Array.isArray(doc['accounts'])) problems.push(l10n.t('the stored sessions have no account list'));
  rawAccounts.forEach((raw: unknown, index) => {
    const identity = isObject(raw) ? readIdentity(raw['identity']) : undefined;
    if (!isObject(raw) || !isText(raw['id']) || !isTime(raw['signedInAt']) || identity === undefined) {
      problems.push(l10n.t('stored account #{0} is incomplete', index + 1));
      return;
    }
    const apps: Record<string, StoredAppToken> = {};
    if (isObject(raw['apps'])) {
      for (const [key, value] of Object.entries(raw['apps'])) {
        const app = readApp(value);
        if (app && appKey(app.api, app.store) === key) apps[key] = app;
        else problems.push(l10n.t('a stored token of account #{0} is incomplete', index + 1));
      }
    }
    const email = raw['email'];
    const issuer = raw['issuer'];
    accounts.push({
      id: raw['id'],
      signedInAt: raw['signedInAt'],
      identity,
      apps,
      ...(isText(email) ? { email } : {}),
      ...(isText(issuer) ? { issuer } : {}),
    });
  });
  const activeStore = doc['activeStore'];
  const state: StoredState = { version: LAYOUT_VERSION, accounts, ...(isText(activeStore) ? { activeStore } : {}) };
  return { state, problems, unreadable: false };
}

export function serializeState(state: StoredState): string {
  return JSON.stringify(state);
}
