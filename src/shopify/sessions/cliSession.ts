import type { ApiName } from '../identity/apis';
import { APIS, apiWord } from '../identity/apis';
import { ShopifyAuthError } from '../common/errors';
import type { SessionManager, SignInUi, TokenRequest } from './manager';
import { noStore, unusableAfterSignIn } from './sessionErrors';
import type { ShopifySession } from './sessions';

/** The Shopify CLI's AdminSession. */
export interface AdminSession {
  readonly token: string;
  readonly storeFqdn: string;
}

export interface PartnersSession {
  readonly token: string;
  readonly userId: string;
}

/** What `ensureAuthenticated` takes, as in the Shopify CLI. */
export interface OAuthApplications {
  readonly adminApi?: { readonly storeFqdn: string; readonly scopes?: readonly string[] };
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

/** Runs work that may need to sign in, with whatever UI the host gives a sign-in. */
export type WithSignIn = <T>(work: (ui: SignInUi) => Promise<T>) => Promise<T>;

/**
 * The Shopify CLI's `session` module on top of the session manager: the same calls and results, but only
 * the APIs asked for are minted, admin tokens are kept per store, and the browser opens only when there
 * is no usable session.
 */
export class CliSession {
  constructor(
    private readonly manager: SessionManager,
    private readonly withSignIn: WithSignIn,
  ) {}

  async ensureAuthenticatedStorefront(scopes: readonly string[] = []): Promise<string> {
    return (await this.one('storefront-renderer', undefined, scopes)).accessToken;
  }

  async ensureAuthenticatedPartners(scopes: readonly string[] = []): Promise<PartnersSession> {
    const session = await this.one('partners', undefined, scopes);
    return { token: session.accessToken, userId: session.account.id };
  }

  async ensureAuthenticatedBusinessPlatform(scopes: readonly string[] = []): Promise<string> {
    return (await this.one('business-platform', undefined, scopes)).accessToken;
  }

  async ensureAuthenticatedAppManagement(scopes: readonly string[] = []): Promise<string> {
    return (await this.one('app-management', undefined, scopes)).accessToken;
  }

  /** A given store becomes the active store; without one the active store is used. */
  async ensureAuthenticatedAdmin(store?: string, scopes: readonly string[] = []): Promise<AdminSession> {
    if (store !== undefined) await this.manager.setActiveStore(store);
    const session = await this.one('admin', undefined, scopes);
    return { token: session.accessToken, storeFqdn: session.store ?? '' };
  }

  /** Every API asked for, with at most one sign-in that covers all their scopes. */
  async ensureAuthenticated(applications: OAuthApplications): Promise<OAuthSession> {
    const wanted: Array<[keyof Omit<OAuthSession, 'userId'>, TokenRequest]> = [];
    const add = (key: keyof Omit<OAuthSession, 'userId'>, api: ApiName, scopes: readonly string[] = [], store?: string) =>
      wanted.push([key, this.request(api, store, scopes)]);
    if (applications.adminApi) add('admin', 'admin', applications.adminApi.scopes, applications.adminApi.storeFqdn);
    if (applications.partnersApi) add('partners', 'partners', applications.partnersApi.scopes);
    if (applications.storefrontRendererApi) add('storefront', 'storefront-renderer', applications.storefrontRendererApi.scopes);
    if (applications.businessPlatformApi) add('businessPlatform', 'business-platform', applications.businessPlatformApi.scopes);
    if (applications.appManagementApi) add('appManagement', 'app-management', applications.appManagementApi.scopes);
    if (wanted.length === 0) throw new ShopifyAuthError('bad-scopes', 'ensureAuthenticated needs at least one of adminApi, partnersApi, storefrontRendererApi, businessPlatformApi or appManagementApi.');

    const found = await Promise.all(wanted.map(([, request]) => this.manager.getSessions(request).then((s) => s[0])));
    if (found.some((s) => s === undefined)) {
      const extras = [...new Set(wanted.flatMap(([, request]) => request.extraScopes))];
      await this.withSignIn((ui) => this.manager.signIn(ui, { extraScopes: extras }));
    }
    const sessions = await Promise.all(
      wanted.map(async ([key, request], i) => {
        const session = found[i] ?? (await this.manager.getSessions(request))[0];
        if (!session) throw unusableAfterSignIn(request.api);
        return [key, session] as const;
      }),
    );
    const result: Record<string, unknown> = {};
    let userId = '';
    for (const [key, session] of sessions) {
      result[key] = key === 'admin' ? { token: session.accessToken, storeFqdn: session.store ?? '' } : session.accessToken;
      if (session.account.id !== 'environment' || userId === '') userId = session.account.id;
    }
    return { ...(result as Omit<OAuthSession, 'userId'>), userId };
  }

  private request(api: ApiName, store: string | undefined, scopes: readonly string[]): TokenRequest {
    return this.manager.resolve([apiWord(api), ...(store !== undefined ? [`store:${store}`] : []), ...scopes]);
  }

  private async one(api: ApiName, store: string | undefined, scopes: readonly string[]): Promise<ShopifySession> {
    const request = this.request(api, store, scopes);
    if (APIS[api].perStore && request.store === undefined) throw noStore();
    const existing = await this.manager.getSessions(request);
    if (existing[0]) return existing[0];
    return this.withSignIn((ui) => this.manager.getOrCreate(request, ui, { forceSignIn: true }));
  }
}
