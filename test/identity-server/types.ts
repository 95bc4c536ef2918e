// Every type of the local identity server's public surface. Times are epoch milliseconds.

export type ApiName = 'admin' | 'partners' | 'storefront-renderer' | 'business-platform' | 'app-management';

/** The kinds of identity request the server counts and faults can target. */
export type RequestKind = 'device_authorization' | 'device_poll' | 'refresh' | 'exchange';

export type TestUserName = 'alice' | 'bob';

export interface IdentityServerOptions {
  /** 0 (default) = random free port; host is always 127.0.0.1. */
  port?: number;
  /** Seconds, expires_in of identity access tokens (default 7200). */
  identityLifetime?: number;
  /** Seconds, expires_in of exchanged app tokens (default 7200). */
  appLifetime?: number;
  /** Seconds (default 600). */
  deviceCodeLifetime?: number;
  /** Seconds, device polling interval (default 5, as Shopify; RFC 8628 allows a fraction, and the unit tests poll every 0.1 s). */
  interval?: number;
  /** One line per identity request (kind and outcome, never a token). Silent when absent. */
  log?: (line: string) => void;
  /** Serve HTTPS with this certificate (PEM, chain included) instead of HTTP. */
  tls?: ServerCertificate;
  /** The host name in `url` (default 127.0.0.1), e.g. one that only a proxy resolves to 127.0.0.1. */
  hostname?: string;
  /** Seconds added to the time in every answer's Date header (default 0): a server whose clock differs from ours. */
  clockSkewSeconds?: number;
}

export interface ServerCertificate {
  cert: string;
  key: string;
}

export interface IdentityServer {
  /** e.g. http://127.0.0.1:43121 (no trailing slash) */
  url: string;
  /** In-process access to everything the /__control endpoints do. */
  control: ControlClient;
  /** Also destroys open sockets and hanging requests. */
  close(): Promise<void>;
  /** HTTPS only: serve another certificate from the next connection on (idle connections are closed). */
  setCertificate(certificate: ServerCertificate): void;
}

/** 'not-on-exchange': token_type on device and refresh answers only, as the doc lists for exchanges. */
export type TokenTypeMode = 'always' | 'never' | 'not-on-exchange';

/** How answers are phrased (see answerStyles.ts); the content is the same in every style. */
export type AnswerStyle = 'standard' | 'rails' | 'strings' | 'sparse' | 'nulls' | 'scopes';

export type IdTokenMode = 'valid' | 'bad-signature' | 'no-sub' | 'no-email' | 'absent' | 'malformed';

export interface ServerConfig {
  identityLifetime: number;
  appLifetime: number;
  deviceCodeLifetime: number;
  interval: number;
  tokenType: TokenTypeMode;
  idToken: IdTokenMode;
  rotateRefreshTokens: boolean;
  /**
   * With rotation off, refresh answers leave out refresh_token (RFC 6749 §6 allows it: the client keeps
   * the one it has). Default false: the unchanged refresh token is sent back.
   */
  omitUnrotatedRefreshToken: boolean;
  automationTokens: string[];
  answerStyle: AnswerStyle;
  /** Seconds added to the Date header of every answer. */
  clockSkewSeconds: number;
  /**
   * Scopes a sign-in asked for but is not granted (RFC 6749 §3.3: the server may grant fewer; its answer's
   * scope then names what was granted), as for an account without access to an API. Default none.
   */
  withheldScopes: string[];
}

export type ConfigPatch = Partial<ServerConfig>;

export type FaultBody = 'html' | 'empty' | 'malformed-json' | 'no-access-token' | 'no-token-type' | 'no-scope' | 'no-refresh-token' | 'no-id-token-sub';

export interface Fault {
  on: RequestKind | 'any';
  /** Only exchanges for this API match. */
  api?: ApiName;
  /** Default 1; -1 = forever. */
  times?: number;
  latencyMs?: number;
  status?: number;
  error?: string;
  errorDescription?: string;
  /** e.g. Retry-After */
  headers?: Record<string, string>;
  body?: FaultBody;
  /**
   * Instead of a `body` variant: the answer's body replaced by exactly this text, with this Content-Type (no
   * Content-Type header when left out). Like `body`, it applies after the work, with `status` and `headers`.
   */
  raw?: { text: string; contentType?: string };
  /** 'before': destroy the socket without processing; 'after': process fully, then destroy the socket. */
  drop?: 'before' | 'after';
  /** Never answer until the client gives up or the server closes. */
  hang?: boolean;
}

export interface ExchangeCounts {
  total: number;
  admin: number;
  partners: number;
  'storefront-renderer': number;
  'business-platform': number;
  'app-management': number;
}

export interface Counts {
  deviceAuthorization: number;
  devicePoll: number;
  refresh: number;
  exchange: ExchangeCounts;
  approvals: number;
  denials: number;
  /** Identity requests the server itself refused (any error but authorization_pending; injected faults excluded). */
  rejected: number;
}

export type DeviceCodeStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'used';

export interface PendingCode {
  userCode: string;
  createdAt: number;
  expiresAt: number;
  status: DeviceCodeStatus;
  /** Current polling interval in seconds (grows by 5 on each slow_down). */
  interval: number;
  /** The approving user, once approved. */
  user?: TestUserName;
}

export type TokenKind = 'identity' | 'refresh' | 'app';

export interface IssuedToken {
  kind: TokenKind;
  value: string;
  /** The user's sub, or 'automation' for app tokens minted from an automation token. */
  sub: string;
  api?: ApiName;
  audience?: string;
  store?: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
}

export type ExpireKind = 'identity' | 'app' | 'all';

export type SessionTokenFamily = 'admin' | 'checkout' | 'customer-account' | 'pos';

export interface SessionTokenRequest {
  family: SessionTokenFamily;
  /** e.g. shop-one.myshopify.com */
  shop: string;
  clientId: string;
  secret: string;
  /** Seconds; defaults to the family's lifetime. */
  lifetime?: number;
  /** checkout/customer-account: a customer id or gid; admin/pos: a user id. */
  sub?: string;
  /** Overrides and additions; a null value removes the claim. */
  claims?: Record<string, unknown>;
  /** Overrides and additions to {alg: 'HS256', typ: 'JWT'}. */
  header?: Record<string, unknown>;
}

export interface ControlClient {
  configure(patch: ConfigPatch): Promise<ServerConfig>;
  config(): Promise<ServerConfig>;
  addFaults(faults: Fault[]): Promise<void>;
  clearFaults(): Promise<void>;
  /** Faults not used up yet, with their remaining times. */
  faults(): Promise<Fault[]>;
  counts(): Promise<Counts>;
  reset(): Promise<void>;
  pending(): Promise<PendingCode[]>;
  approve(userCode: string, user?: TestUserName): Promise<PendingCode>;
  deny(userCode: string): Promise<PendingCode>;
  issued(): Promise<IssuedToken[]>;
  expire(kind: ExpireKind): Promise<{ expired: number }>;
  revoke(sub: string): Promise<{ revoked: number }>;
  mintSessionToken(request: SessionTokenRequest): Promise<{ token: string }>;
}
