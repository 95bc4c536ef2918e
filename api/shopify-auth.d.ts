/**
 * The API of the "Shopify Authentication" extension (shopify-auth-dev.shopify-authentication), for other
 * extensions. Get it with:
 *
 *   const ext = vscode.extensions.getExtension<ShopifyAuthApi>('shopify-auth-dev.shopify-authentication');
 *   const shopify = await ext!.activate();
 *   const { token, storeFqdn } = await shopify.ensureAuthenticatedAdmin('my-store');
 *
 * It mirrors the `session` module of the Shopify CLI (@shopify/cli-kit). Each call returns a token that is
 * valid for at least a few more minutes; it signs in (device code, in a notification) only when no usable
 * session exists. Errors are plain Errors whose message says what happened and what to do; their `name`
 * is `Shopify:<code>` (for example `Shopify:store-access`, `Shopify:cancelled`).
 *
 * Scopes are extra scopes beyond each API's defaults: short names (`graphql`, `themes`, `devtools`,
 * `collaborator-relationships`, `cli-access`, `destinations`, `store-management`, `on-demand-user-access`,
 * `apps-manage`), names like `shop.admin.graphql`, or full `https://api.shopify.com/auth/...` URLs.
 */
export interface ShopifyAuthApi {
  ensureAuthenticatedStorefront(scopes?: readonly string[]): Promise<string>;
  ensureAuthenticatedPartners(scopes?: readonly string[]): Promise<PartnersSession>;
  /** A given store becomes the active store; without one the active store (or SHOPIFY_FLAG_STORE) is used. */
  ensureAuthenticatedAdmin(store?: string, scopes?: readonly string[]): Promise<AdminSession>;
  ensureAuthenticatedBusinessPlatform(scopes?: readonly string[]): Promise<string>;
  ensureAuthenticatedAppManagement(scopes?: readonly string[]): Promise<string>;
  /** Every API asked for, with at most one sign-in. */
  ensureAuthenticated(applications: OAuthApplications): Promise<OAuthSession>;
}

export interface AdminSession {
  token: string;
  /** The store's permanent domain, e.g. my-store.myshopify.com. */
  storeFqdn: string;
}

export interface PartnersSession {
  token: string;
  /** The signed-in user's id, or "environment" for a token from SHOPIFY_APP_AUTOMATION_TOKEN. */
  userId: string;
}

export interface OAuthApplications {
  adminApi?: { storeFqdn: string; scopes?: readonly string[] };
  partnersApi?: { scopes?: readonly string[] };
  storefrontRendererApi?: { scopes?: readonly string[] };
  businessPlatformApi?: { scopes?: readonly string[] };
  appManagementApi?: { scopes?: readonly string[] };
}

export interface OAuthSession {
  admin?: AdminSession;
  partners?: string;
  storefront?: string;
  businessPlatform?: string;
  appManagement?: string;
  userId: string;
}
