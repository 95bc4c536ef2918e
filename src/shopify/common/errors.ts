/** Every failure the user can meet, named. The message says what happened and what to do. */
export type ShopifyErrorCode =
  | 'bad-scopes'
  | 'bad-store'
  | 'bad-setting'
  | 'no-store'
  | 'cancelled'
  | 'access-denied'
  | 'code-expired'
  | 'network'
  | 'tls'
  | 'proxy'
  | 'timeout'
  | 'server'
  | 'rate-limited'
  | 'bad-response'
  | 'session-expired'
  | 'session-unusable'
  | 'store-access'
  | 'scope-rejected'
  | 'automation-token'
  | 'not-signed-in'
  | 'storage'
  | 'protocol';

export interface ShopifyErrorDetails {
  /** Trying again later, unchanged, can succeed. */
  readonly transient?: boolean;
  /** The request never left this machine (connection refused, no DNS): always safe to send again. */
  readonly neverSent?: boolean;
  /** The server asked us to wait this long. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

export class ShopifyAuthError extends Error {
  override readonly name = 'ShopifyAuthError';
  readonly transient: boolean;
  readonly neverSent: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly code: ShopifyErrorCode,
    message: string,
    details: ShopifyErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.transient = details.transient ?? false;
    this.neverSent = details.neverSent ?? false;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export function isShopifyError(e: unknown, code?: ShopifyErrorCode): e is ShopifyAuthError {
  return e instanceof ShopifyAuthError && (code === undefined || e.code === code);
}

/** openid-client wraps what our fetch throws; find ours in the cause chain. */
export function findShopifyError(e: unknown): ShopifyAuthError | undefined {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 6; cur = cur.cause, depth++) {
    if (cur instanceof ShopifyAuthError) return cur;
  }
  return undefined;
}
