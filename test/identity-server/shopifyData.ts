// The identity server's own copy of Shopify's constants (shopify-identity.md). It is a fake of
// the outside world, so it never imports the extension's table: a typo there must show up as a
// failing exchange here, not be copied silently.
import type { ApiName } from './types.ts';

export const CLI_CLIENT_ID = 'fbdb2649-e327-4907-8f67-908d24cfd7e3';
export const SCOPE_PREFIX = 'https://api.shopify.com/auth/';

export const GRANT_DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
export const GRANT_REFRESH_TOKEN = 'refresh_token';
export const GRANT_TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

export const ADMIN_AUDIENCE = '7ee65a63608843c577db8b23c4d7316ea0a01bd2f7594f8a9c06ea668c1b775c';

export interface ApiData {
  audience: string;
  /** Default scope names, without SCOPE_PREFIX. */
  scopes: readonly string[];
}

export const APIS: Readonly<Record<ApiName, ApiData>> = {
  admin: {
    audience: ADMIN_AUDIENCE,
    scopes: ['shop.admin.graphql', 'shop.admin.themes', 'partners.collaborator-relationships.readonly'],
  },
  'storefront-renderer': {
    audience: 'ee139b3d-5861-4d45-b387-1bc3ada7811c',
    scopes: ['shop.storefront-renderer.devtools', 'shop.admin.graphql'],
  },
  partners: {
    audience: '271e16d403dfa18082ffb3d197bd2b5f4479c3fc32736d69296829cbb28d41a6',
    scopes: ['partners.app.cli.access'],
  },
  'business-platform': {
    audience: '32ff8ee5-82b8-4d93-9f8a-c6997cefb7dc',
    scopes: ['destinations.readonly', 'organization.store-management', 'organization.on-demand-user-access'],
  },
  // Shares the admin audience; told apart by its scope and the absence of a destination.
  'app-management': { audience: ADMIN_AUDIENCE, scopes: ['organization.apps.manage'] },
};

export const API_NAMES = Object.keys(APIS) as ApiName[];

/** What an automation (partners) token may be exchanged for; admin and storefront cannot. */
export const AUTOMATION_APIS: readonly ApiName[] = ['partners', 'business-platform', 'app-management'];

export const APP_MANAGEMENT_SCOPE = SCOPE_PREFIX + 'organization.apps.manage';

/** Every default scope of every API, as full URLs, deduplicated: what the CLI asks for at login. */
export const ALL_DEFAULT_SCOPES: readonly string[] = [
  ...new Set(API_NAMES.flatMap((api) => APIS[api].scopes.map((s) => SCOPE_PREFIX + s))),
];

/** The scope grammar: dot, dash or underscore separated lowercase words. */
const SCOPE_NAME = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/;

export function isWellFormedScope(scope: string): boolean {
  return scope.startsWith(SCOPE_PREFIX) && SCOPE_NAME.test(scope.slice(SCOPE_PREFIX.length));
}

export function isAdminScope(scope: string): boolean {
  return scope.startsWith(SCOPE_PREFIX + 'shop.admin.');
}

/** Permanent store hosts only: the check that makes vanity domains fail with invalid_target. */
const MYSHOPIFY_HOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.myshopify\.com$/;

export function isMyshopifyHost(host: string): boolean {
  return MYSHOPIFY_HOST.test(host);
}
