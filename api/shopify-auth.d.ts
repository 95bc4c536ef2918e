/**
 * The API of the "Shopify Authentication" extension (shopify-auth-dev.shopify-authentication), for other
 * extensions. It reads and checks session tokens; it never returns a Shopify token. Tokens come only from
 * `vscode.authentication.getSession('shopify', scopes, …)`, where VS Code asks the user to allow your
 * extension first. For the Shopify CLI's `session` module shape (`ensureAuthenticatedAdmin` and friends),
 * bundle the `@shopify-auth-dev/vscode-session` library (packages/session in this repository): it calls
 * getSession with your extension's own `vscode` API.
 *
 *   const ext = vscode.extensions.getExtension<ShopifyAuthApi>('shopify-auth-dev.shopify-authentication');
 *   const shopify = await ext!.activate();
 *   const report = shopify.decodeSessionToken(token);
 */
export interface ShopifyAuthApi {
  /**
   * Reads a Shopify session token (App Bridge ID token, checkout, customer account or POS UI extension
   * token) without checking its signature. Accepts `Bearer <token>` and URLs or query strings with
   * `id_token=`. Never throws for bad input: the report says what is wrong.
   */
  decodeSessionToken(token: string, options?: DecodeOptions): SessionTokenReport;
  /**
   * Checks a session token against the app's client id and secret. Without `secret`, the secret stored
   * with "Shopify: Manage App Secrets" for `clientId` (and its previous secret) is used. A stored secret
   * never leaves the extension: the caller learns only the report (whether the token's signature matches,
   * and so whether a secret is stored for that client id), which lets no one sign a token.
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
