// The Shopify CLI's `session` module for VS Code extensions. Every token comes from
// vscode.authentication.getSession('shopify', …) called with the caller's own `vscode` API, so VS Code's
// consent dialog, account preference and Manage Trusted Extensions decide who gets one.
import { explain, noSession, ShopifySessionError } from './errors';
import type { AuthenticationSessionLike, VsCodeLike } from './vscodeApi';

export { ShopifySessionError, type ShopifySessionErrorCode } from './errors';
export type { AuthenticationSessionLike, GetSessionOptionsLike, VsCodeLike } from './vscodeApi';

export const PROVIDER_ID = 'shopify';

/** The Shopify CLI's AdminSession. */
export interface AdminSession {
  readonly token: string;
  /** The store's permanent domain, e.g. my-store.myshopify.com. */
  readonly storeFqdn: string;
}

export interface PartnersSession {
  readonly token: string;
  /** The signed-in user's id, or "environment" for a token from SHOPIFY_APP_AUTOMATION_TOKEN. */
  readonly userId: string;
}

export interface OAuthApplications {
  readonly adminApi?: { readonly storeFqdn?: string; readonly scopes?: readonly string[] };
  readonly partnersApi?: { readonly scopes?: readonly string[] };
  readonly storefrontRendererApi?: { readonly scopes?: readonly string[] };
  readonly businessPlatformApi?: { readonly scopes?: readonly string[] };
  readonly appManagementApi?: { readonly scopes?: readonly string[] };
}

export interface OAuthSession {
  readonly admin?: AdminSession;
  readonly partners?: string;
  readonly storefront?: string;
  readonly businessPlatform?: string;
  readonly appManagement?: string;
  readonly userId: string;
}

export interface SessionOptions {
  /** Never show UI (no consent dialog, no sign-in): a call without a session throws code `no-session`. */
  readonly silent?: boolean;
}

export interface ShopifySessions {
  ensureAuthenticatedAdmin(store?: string, scopes?: readonly string[]): Promise<AdminSession>;
  ensureAuthenticatedPartners(scopes?: readonly string[]): Promise<PartnersSession>;
  ensureAuthenticatedStorefront(scopes?: readonly string[]): Promise<string>;
  ensureAuthenticatedBusinessPlatform(scopes?: readonly string[]): Promise<string>;
  ensureAuthenticatedAppManagement(scopes?: readonly string[]): Promise<string>;
  /** Every API asked for, one after another, so at most one dialog is on screen at a time. */
  ensureAuthenticated(applications: OAuthApplications): Promise<OAuthSession>;
}

type ApiWord = 'admin' | 'partners' | 'storefront' | 'business-platform' | 'app-management';

const TITLES: Record<ApiWord, string> = {
  admin: 'Admin API token',
  partners: 'Partners API token',
  storefront: 'Storefront API token',
  'business-platform': 'Business Platform API token',
  'app-management': 'App Management API token',
};

/**
 * The helpers, bound to your extension's `vscode` API (pass `vscode` itself). Without a store,
 * ensureAuthenticatedAdmin uses the active store the user picked, and VS Code asks the user for one if
 * none is set; a store you name never changes the active store.
 */
export function createSession(vscode: VsCodeLike, options: SessionOptions = {}): ShopifySessions {
  const ask = async (api: ApiWord, extra: readonly string[], store?: string): Promise<AuthenticationSessionLike> => {
    const what = store === undefined ? TITLES[api] : `${TITLES[api]} for ${store}`;
    const scopes = [api, ...(store !== undefined ? [`store:${store}`] : []), ...extra];
    let session: AuthenticationSessionLike | undefined;
    try {
      session = await vscode.authentication.getSession(PROVIDER_ID, scopes, options.silent ? { silent: true } : { createIfNone: true });
    } catch (error) {
      throw explain(error, what);
    }
    if (!session) throw noSession(what);
    return session;
  };
  const admin = async (store: string | undefined, scopes: readonly string[] = []): Promise<AdminSession> => {
    if (store !== undefined && store.trim() === '') throw new ShopifySessionError('failed', 'No Admin API token was issued: the store name is empty. Pass a store such as "my-store", or nothing to use the active store.');
    const session = await ask('admin', scopes, store);
    return { token: session.accessToken, storeFqdn: storeOf(session) };
  };
  const token = (api: ApiWord) => async (scopes: readonly string[] = []) => (await ask(api, scopes)).accessToken;

  return {
    ensureAuthenticatedAdmin: admin,
    async ensureAuthenticatedPartners(scopes = []) {
      const session = await ask('partners', scopes);
      return { token: session.accessToken, userId: session.account.id };
    },
    ensureAuthenticatedStorefront: token('storefront'),
    ensureAuthenticatedBusinessPlatform: token('business-platform'),
    ensureAuthenticatedAppManagement: token('app-management'),
    async ensureAuthenticated(applications) {
      const wanted: Array<[Exclude<keyof OAuthSession, 'userId'>, ApiWord, readonly string[] | undefined]> = [];
      if (applications.adminApi) wanted.push(['admin', 'admin', applications.adminApi.scopes]);
      if (applications.partnersApi) wanted.push(['partners', 'partners', applications.partnersApi.scopes]);
      if (applications.storefrontRendererApi) wanted.push(['storefront', 'storefront', applications.storefrontRendererApi.scopes]);
      if (applications.businessPlatformApi) wanted.push(['businessPlatform', 'business-platform', applications.businessPlatformApi.scopes]);
      if (applications.appManagementApi) wanted.push(['appManagement', 'app-management', applications.appManagementApi.scopes]);
      if (wanted.length === 0) {
        throw new ShopifySessionError('failed', 'ensureAuthenticated needs at least one of adminApi, partnersApi, storefrontRendererApi, businessPlatformApi or appManagementApi.');
      }
      const result: { -readonly [K in keyof OAuthSession]?: OAuthSession[K] } = {};
      let userId = '';
      // One after another: the first call may sign in, and the rest then reuse that account.
      for (const [key, api, scopes] of wanted) {
        const session = await ask(api, scopes ?? [], key === 'admin' ? applications.adminApi?.storeFqdn : undefined);
        if (key === 'admin') result.admin = { token: session.accessToken, storeFqdn: storeOf(session) };
        else result[key] = session.accessToken;
        if (session.account.id !== 'environment' || userId === '') userId = session.account.id;
      }
      return { ...result, userId };
    },
  };
}

/** The provider lists an admin session's store as its `store:<domain>` scope. */
function storeOf(session: AuthenticationSessionLike): string {
  const scope = session.scopes.find((s) => s.startsWith('store:'));
  return scope === undefined ? '' : scope.slice('store:'.length);
}
