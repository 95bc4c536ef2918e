import * as l10n from '../common/text';
import { API_WORDS, APIS, apiWord, SCOPE_ALIASES, SCOPE_PREFIX, type ApiName } from '../identity/apis';
import { ShopifyAuthError } from '../common/errors';
import { andList } from '../common/lists';
import { normalizeStore, PRODUCTION_STORES, type StoreRules } from './storeName';

/** What a caller's scope list asks for. */
export interface ScopeRequest {
  readonly api: ApiName;
  /** Admin only: the normalised store host; undefined means "the active store". */
  readonly store?: string;
  /** Extra scope URLs beyond the API's defaults, sorted, without repeats. */
  readonly extraScopes: readonly string[];
}

/** How a scope list is written: the sentence every refusal ends with. */
export function scopeGrammar(): string {
  return l10n.t(
    'Scopes name exactly one API (admin, partners, storefront, business-platform, app-management), or are just ["openid"] to sign in without an API token; admin may add store:<store> (else the active store is used), and any list may add extra scopes as short names ({0}), as names like shop.admin.graphql, or as {1}... URLs. Example: ["admin", "store:my-store", "themes"].',
    Object.keys(SCOPE_ALIASES).join(', '),
    SCOPE_PREFIX,
  );
}

const SCOPE_NAME = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$/;

/** `problem`: the whole first sentence, "Shopify cannot read these scopes: …". The grammar follows as a sentence of its own. */
function bad(problem: string): never {
  throw new ShopifyAuthError('bad-scopes', l10n.t('{0} {1}', problem, scopeGrammar()));
}

function extraScope(word: string): string {
  const alias = SCOPE_ALIASES[word];
  if (alias !== undefined) return SCOPE_PREFIX + alias;
  const name = word.startsWith(SCOPE_PREFIX) ? word.slice(SCOPE_PREFIX.length) : word;
  if (SCOPE_NAME.test(name)) return SCOPE_PREFIX + name;
  bad(l10n.t('Shopify cannot read these scopes: "{0}" is not an API, a store or a scope.', word));
}

/** A store named in a scope list: the store rules' own message, then the scope grammar, as for any bad scope. */
function storeScope(store: string, rules: StoreRules): string {
  try {
    return normalizeStore(store, rules);
  } catch (error: unknown) {
    if (error instanceof ShopifyAuthError && error.code === 'bad-store') {
      throw new ShopifyAuthError('bad-store', l10n.t('Shopify cannot read these scopes: {0} {1}', error.message, scopeGrammar()));
    }
    throw error;
  }
}

/** Reads a caller's scope list. Repeated entries are harmless and dropped; contradictions are refused. */
export function parseScopes(scopes: readonly string[] | undefined, rules: StoreRules = PRODUCTION_STORES): ScopeRequest {
  if (scopes === undefined || scopes.length === 0) bad(l10n.t('Shopify cannot read these scopes: the list is empty.'));
  const apis = new Set<ApiName>();
  const stores = new Set<string>();
  const extras = new Set<string>();
  for (const raw of scopes) {
    if (typeof raw !== 'string') bad(l10n.t('Shopify cannot read these scopes: every scope must be a string.'));
    const word = raw.trim();
    if (word === '') bad(l10n.t('Shopify cannot read these scopes: one scope is empty.'));
    const lower = word.toLowerCase();
    const api = API_WORDS[lower];
    if (api !== undefined) {
      apis.add(api);
    } else if (lower.startsWith('store:')) {
      stores.add(storeScope(word.slice('store:'.length), rules));
    } else if (lower !== 'openid') {
      extras.add(extraScope(word));
    }
  }
  if (apis.size === 0) bad(l10n.t('Shopify cannot read these scopes: no API is named in [{0}].', scopes.join(', ')));
  if (apis.size > 1) bad(l10n.t('Shopify cannot read these scopes: one session holds one API\'s token, but {0} were asked for together.', andList([...apis])));
  const api = [...apis][0] as ApiName;
  if (stores.size > 1) bad(l10n.t('Shopify cannot read these scopes: one admin token is for one store, but {0} were named.', andList([...stores])));
  const store = [...stores][0];
  if (store !== undefined && !APIS[api].perStore) bad(l10n.t('Shopify cannot read these scopes: store:{0} only applies to admin.', store));
  // Defaults are always included, so they are not extras.
  const defaults = new Set(APIS[api].defaultScopes.map((s) => SCOPE_PREFIX + s));
  const extraScopes = [...extras].filter((s) => !defaults.has(s)).sort();
  return store === undefined ? { api, extraScopes } : { api, store, extraScopes };
}

/** `["openid"]` alone asks for the account itself: sign in and say who you are, with no API token. */
export function isAccountRequest(scopes: readonly string[] | undefined): boolean {
  return scopes !== undefined && scopes.length > 0 && scopes.every((s) => typeof s === 'string' && s.trim().toLowerCase() === 'openid');
}

/**
 * The scope list a session carries, as a caller writes it: the API word, the store, then the granted
 * extras. The API's defaults are implied by its word and left out, so a session for ["partners"] carries
 * exactly ["partners"]: VS Code retires an extension's sign-in request only on a word-for-word match.
 */
export function sessionScopes(api: ApiName, store: string | undefined, granted: readonly string[]): string[] {
  const implied = new Set(['openid', ...APIS[api].defaultScopes.map((s) => SCOPE_PREFIX + s)]);
  return [apiWord(api), ...(store ? [`store:${store}`] : []), ...[...granted].filter((s) => !implied.has(s)).sort()];
}

