import * as l10n from '../common/text';
/** Shopify's APIs as the identity service knows them: audience and default scopes, from the Shopify CLI's session module. */

export const SCOPE_PREFIX = 'https://api.shopify.com/auth/';

export type ApiName = 'admin' | 'partners' | 'storefront-renderer' | 'business-platform' | 'app-management';

export interface ApiSpec {
  readonly name: ApiName;
  /** What users call it in messages: localised each time it is read (a getter), never while the module loads. */
  readonly title: string;
  readonly audience: string;
  /** Scope names under SCOPE_PREFIX always requested for this API. */
  readonly defaultScopes: readonly string[];
  /** Admin tokens are minted per store. */
  readonly perStore: boolean;
  /** Whether a partners automation token from the environment can be exchanged for this API. */
  readonly fromAutomationToken: boolean;
}

const ADMIN_AUDIENCE = '7ee65a63608843c577db8b23c4d7316ea0a01bd2f7594f8a9c06ea668c1b775c';

export const APIS: Readonly<Record<ApiName, ApiSpec>> = {
  admin: {
    name: 'admin',
    get title() {
      return l10n.t('Admin API');
    },
    audience: ADMIN_AUDIENCE,
    defaultScopes: ['shop.admin.graphql', 'shop.admin.themes', 'partners.collaborator-relationships.readonly'],
    perStore: true,
    fromAutomationToken: false,
  },
  'storefront-renderer': {
    name: 'storefront-renderer',
    get title() {
      return l10n.t('Storefront API');
    },
    audience: 'ee139b3d-5861-4d45-b387-1bc3ada7811c',
    defaultScopes: ['shop.storefront-renderer.devtools', 'shop.admin.graphql'],
    perStore: false,
    fromAutomationToken: false,
  },
  partners: {
    name: 'partners',
    get title() {
      return l10n.t('Partners API');
    },
    audience: '271e16d403dfa18082ffb3d197bd2b5f4479c3fc32736d69296829cbb28d41a6',
    defaultScopes: ['partners.app.cli.access'],
    perStore: false,
    fromAutomationToken: true,
  },
  'business-platform': {
    name: 'business-platform',
    get title() {
      return l10n.t('Business Platform API');
    },
    audience: '32ff8ee5-82b8-4d93-9f8a-c6997cefb7dc',
    defaultScopes: ['destinations.readonly', 'organization.store-management', 'organization.on-demand-user-access'],
    perStore: false,
    fromAutomationToken: true,
  },
  'app-management': {
    name: 'app-management',
    get title() {
      return l10n.t('App Management API');
    },
    audience: ADMIN_AUDIENCE,
    defaultScopes: ['organization.apps.manage'],
    perStore: false,
    fromAutomationToken: true,
  },
};

export const API_NAMES = Object.keys(APIS) as ApiName[];

/** Words callers may use to name an API in their scope list. */
export const API_WORDS: Readonly<Record<string, ApiName>> = {
  admin: 'admin',
  partners: 'partners',
  storefront: 'storefront-renderer',
  'storefront-renderer': 'storefront-renderer',
  'business-platform': 'business-platform',
  'app-management': 'app-management',
};

/** The word a caller puts in a scope list to name this API. */
export function apiWord(api: ApiName): string {
  return api === 'storefront-renderer' ? 'storefront' : api;
}

/** Short names for the scopes Shopify is known to grant, so callers need not spell the URLs. */
export const SCOPE_ALIASES: Readonly<Record<string, string>> = {
  graphql: 'shop.admin.graphql',
  themes: 'shop.admin.themes',
  'collaborator-relationships': 'partners.collaborator-relationships.readonly',
  devtools: 'shop.storefront-renderer.devtools',
  'cli-access': 'partners.app.cli.access',
  destinations: 'destinations.readonly',
  'store-management': 'organization.store-management',
  'on-demand-user-access': 'organization.on-demand-user-access',
  'apps-manage': 'organization.apps.manage',
};

export function scopeUrl(name: string): string {
  return name === 'openid' ? name : SCOPE_PREFIX + name;
}

/** Scopes of the identity token: `openid`, every API's defaults, then the extras, without repeats. */
export function identityScopes(extra: Iterable<string> = []): string[] {
  const all = new Set<string>(['openid']);
  for (const api of API_NAMES) for (const s of APIS[api].defaultScopes) all.add(scopeUrl(s));
  for (const s of extra) all.add(s);
  return [...all];
}

/**
 * What the Shopify CLI asks for when it exchanges an automation token (scopes.ts, tokenExchangeScopes): one scope
 * per API, not the defaults. Business Platform gets destinations.readonly alone.
 */
const AUTOMATION_SCOPES: Readonly<Partial<Record<ApiName, readonly string[]>>> = {
  partners: ['partners.app.cli.access'],
  'app-management': ['organization.apps.manage'],
  'business-platform': ['destinations.readonly'],
};

export function automationScopes(api: ApiName): string[] {
  const scopes = AUTOMATION_SCOPES[api];
  if (!scopes) throw new Error(`${api} tokens cannot come from an automation token`);
  return scopes.map(scopeUrl);
}

/** Full scope URLs an exchange for `api` asks for: its defaults plus the extras. */
export function exchangeScopes(api: ApiName, extra: Iterable<string> = []): string[] {
  return [...new Set([...APIS[api].defaultScopes.map(scopeUrl), ...extra])];
}
