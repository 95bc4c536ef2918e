/** Why a call gave no token: `consent-refused` (Cancel in VS Code's dialog), `no-session` (silent, nothing to give), `failed`. */
export type ShopifySessionErrorCode = 'consent-refused' | 'no-session' | 'not-installed' | 'failed';

export class ShopifySessionError extends Error {
  override readonly name = 'ShopifySessionError';
  constructor(
    readonly code: ShopifySessionErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const EXTENSION_ID = 'shopify-auth-dev.shopify-authentication';

/** VS Code's own wordings, as of 1.100: a refused consent dialog, and a provider that is not there. */
const CONSENT_REFUSED = /did not consent/i;
const NO_PROVIDER = /no authentication provider|timed out waiting for authentication provider/i;

/** Puts what VS Code or the provider said into an error that says what to do. */
export function explain(error: unknown, what: string): ShopifySessionError {
  const text = error instanceof Error ? error.message : String(error);
  if (CONSENT_REFUSED.test(text)) {
    return new ShopifySessionError(
      'consent-refused',
      `No ${what} was issued: access to your Shopify account was not allowed (Cancel in VS Code's dialog). Try again and choose Allow, or allow this extension under Accounts > your Shopify account > Manage Trusted Extensions.`,
      { cause: error },
    );
  }
  if (NO_PROVIDER.test(text)) {
    return new ShopifySessionError('not-installed', `No ${what} was issued: install and enable the "Shopify Authentication" extension (${EXTENSION_ID}).`, { cause: error });
  }
  return new ShopifySessionError('failed', `No ${what} was issued: ${text}`, { cause: error });
}

export function noSession(what: string): ShopifySessionError {
  return new ShopifySessionError('no-session', `No ${what} is available without asking you: sign in to Shopify from the Accounts menu, or allow this extension to use your Shopify account.`);
}
