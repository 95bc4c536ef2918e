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

  /**
   * Reads a Shopify session token (App Bridge ID token, checkout, customer account or POS UI extension
   * token) without checking its signature. Accepts `Bearer <token>` and URLs or query strings with
   * `id_token=`. Never throws for bad input: the report says what is wrong.
   */
  decodeSessionToken(token: string, options?: DecodeOptions): SessionTokenReport;
  /**
   * Checks a session token against the app's client id and secret. Without `secret`, the secret stored
   * with "Shopify: Manage App Secrets" for `clientId` (and its previous secret) is used.
   */
  verifySessionToken(token: string, options: VerifyOptions): Promise<SessionTokenReport>;
}

export type SessionTokenFamily = 'admin' | 'checkout' | 'customer-account' | 'pos';

export interface DecodeOptions {
  now?: Date;
  /** Judge the time claims as of this moment (a Date, or seconds since the epoch), e.g. for a token from a log. */
  at?: Date | number;
  /** Default 10, as Shopify's libraries. */
  leewaySeconds?: number;
  /** Where the token came from, when known: tells admin from POS and checkout from customer account. */
  family?: SessionTokenFamily;
}

export interface VerifyOptions extends DecodeOptions {
  /** The app's client id (API key): `aud` must equal it. */
  clientId: string;
  secret?: string;
  /** Tried only after the current secret does not match (secret rotation). */
  previousSecret?: string;
}

export interface SessionTokenCheck {
  /** Stable, e.g. `claims.exp.expired`, `header.alg`, `claims.aud`. */
  code: string;
  status: 'pass' | 'fail' | 'warn';
  /** One sentence that says what happened and what to do. */
  message: string;
}

export interface SessionTokenTime {
  epochSeconds: number;
  utc: string;
  local: string;
  relative: string;
}

export interface SessionTokenReport {
  mode: 'decode' | 'verify';
  /** True only when the signature verified and no check failed (warnings allowed). Always false for a decode. */
  valid: boolean;
  summary: string;
  /** The token's jti or its first characters: never the whole token. */
  name: string;
  family: SessionTokenFamily | 'unknown';
  shop?: string;
  subject?: { value: string; kind: 'user' | 'customer' | 'other'; userId?: string; customerId?: string };
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** Kept apart from the claim checks on purpose. */
  signature: { status: 'verified' | 'mismatch' | 'not-checked' | 'unsupported'; matched?: 'current' | 'previous'; message: string };
  checks: SessionTokenCheck[];
  inputChanges: string[];
  times: { exp?: SessionTokenTime; nbf?: SessionTokenTime; iat?: SessionTokenTime };
  leewaySeconds: number;
  asOf: SessionTokenTime & { isNow: boolean };
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
