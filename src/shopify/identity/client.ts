import * as l10n from '../common/text';
import * as oidc from 'openid-client';
import { APIS, automationScopes, exchangeScopes, type ApiName } from './apis';
import { abortReason as cancelledBy, raceAbort } from '../common/abort';
import { ShopifyAuthError, findShopifyError } from '../common/errors';
import { rememberSecret, serverText } from '../common/redact';
import { readIdToken, type IdentityClaims } from './idToken';
import { checkSignInPage, identityEndpoints, type IdentityEndpoints } from './identityUrl';
import { readGrantedScopes } from './answerNormalizer';
import { shopifyFetch, UNVERIFIED_ID_TOKEN, type Fetch } from './fetchAdapter';
import type { ServerClock } from '../common/clock';
import type { NetworkRoute } from './networkErrors';

/** The Shopify CLI's public identity client. */
export const CLI_CLIENT_ID = 'fbdb2649-e327-4907-8f67-908d24cfd7e3';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
/** Used when an answer lacks expires_in: short enough to be refreshed soon rather than trusted for long. */
const ASSUMED_LIFETIME_S = 600;

export interface IdentityClientOptions {
  readonly identityUrl: string;
  readonly clientId?: string;
  /** Per HTTP request. */
  readonly requestTimeoutMs?: number;
  readonly fetch?: Fetch;
  readonly now?: () => number;
  readonly onNote?: (note: string) => void;
  /** The identity server's time: learned from its answers, and used for expiry unless `now` is given. */
  readonly clock?: ServerClock;
  /** Named in messages about failed connections. */
  readonly route?: () => NetworkRoute;
}

export interface DeviceAuthorization {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string;
  /** Epoch ms after which the code is dead. */
  readonly expiresAt: number;
  readonly intervalS: number;
  /** openid-client's view of the answer, needed to poll. */
  readonly raw: oidc.DeviceAuthorizationResponse;
  /** What was asked for: the scopes granted when the token answer does not list them (RFC 6749 §5.1). */
  readonly scopes: readonly string[];
}

export interface IdentityTokens extends IdentityClaims {
  readonly accessToken: string;
  /** Absent when a refresh answer carried none. */
  readonly idToken?: string;
  readonly refreshToken: string;
  readonly expiresAt: number;
  readonly scopes: readonly string[];
}

export interface AppToken {
  readonly accessToken: string;
  readonly expiresAt: number;
  /** What the answer says was granted, read against what was asked. */
  readonly scopes: readonly string[];
  /** What was asked for: what reuse is decided on, as the CLI does, never on how the server phrased its grant. */
  readonly requestedScopes: readonly string[];
}

type TokenAnswer = oidc.TokenEndpointResponse & Record<string, unknown>;

/**
 * Talks to Shopify's identity service through openid-client: device authorization, refresh with
 * Shopify's extra access_token parameter, and RFC 8693 token exchange per API.
 */
export class IdentityClient {
  readonly endpoints: IdentityEndpoints;
  readonly clientId: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: IdentityClientOptions) {
    this.endpoints = identityEndpoints(options.identityUrl);
    this.clientId = options.clientId ?? CLI_CLIENT_ID;
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.now = options.now ?? options.clock?.now ?? Date.now;
  }

  /**
   * A Configuration per operation, so the operation's cancel signal reaches every request it makes. `onAnswer` hears
   * of every HTTP answer, including the ones openid-client handles itself (authorization_pending).
   */
  private config(signal?: AbortSignal, onAnswer?: () => void): oidc.Configuration {
    const { issuer, deviceAuthorization, token, loopback } = this.endpoints;
    const config = new oidc.Configuration(
      { issuer, token_endpoint: token, device_authorization_endpoint: deviceAuthorization },
      this.clientId,
      undefined,
      oidc.None(),
    );
    if (loopback) oidc.allowInsecureRequests(config);
    // Our fetch enforces the deadline; openid-client's own timeout would hide the cause.
    config.timeout = 0;
    const adapter = shopifyFetch({
      signal,
      timeoutMs: this.timeoutMs,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.onNote ? { onNote: this.options.onNote } : {}),
      ...(this.options.clock ? { clock: this.options.clock } : {}),
      ...(this.options.route ? { route: this.options.route } : {}),
    });
    // openid-client only ever sends form bodies (URLSearchParams), which RequestInit accepts.
    config[oidc.customFetch] = onAnswer
      ? async (url, init) => {
          const answer = await adapter(url, init as RequestInit);
          onAnswer();
          return answer;
        }
      : (url, init) => adapter(url, init as RequestInit);
    return config;
  }

  async requestDeviceCode(scopes: readonly string[], signal?: AbortSignal): Promise<DeviceAuthorization> {
    const raw = await this.call('device', () =>
      oidc.initiateDeviceAuthorization(this.config(signal), { scope: scopes.join(' ') }),
    );
    // The device code stands for the sign-in until it is approved: redaction must know it.
    rememberSecret(raw.device_code);
    // The browser opens this page: only on the identity server's own host.
    const page = checkSignInPage(raw.verification_uri, this.endpoints);
    const complete = raw.verification_uri_complete === undefined ? page : checkSignInPage(raw.verification_uri_complete, this.endpoints);
    return {
      userCode: raw.user_code,
      verificationUri: page,
      verificationUriComplete: complete,
      expiresAt: this.now() + raw.expires_in * 1000,
      intervalS: raw.interval ?? 5,
      raw,
      scopes: [...scopes],
    };
  }

  /**
   * Waits for the user to approve the code. Pending and slow_down are openid-client's business; we add
   * what the CLI lacks: a deadline at the code's expiry, cancellation, and surviving failed polls.
   */
  async waitForApproval(device: DeviceAuthorization, signal?: AbortSignal): Promise<IdentityTokens> {
    const minutes = Math.round((device.expiresAt - this.now()) / 60_000) || 10;
    // Whether the server was still answering when the code ran out: if not, "expired" would hide the real cause.
    let lastFailure: ShopifyAuthError | undefined;
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      deadline.abort(
        lastFailure
          ? new ShopifyAuthError(
              lastFailure.code,
              l10n.t('The sign-in code {0} expired while requests to Shopify\'s sign-in server were failing. {1}', device.userCode, lastFailure.message),
              { transient: true, cause: lastFailure },
            )
          : new ShopifyAuthError('code-expired', l10n.t('The sign-in code {0} expired before it was approved. Sign in again and approve the new code within {1} minutes.', device.userCode, minutes)),
      );
    }, Math.max(0, device.expiresAt - this.now()));
    const both = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    const answered = () => {
      lastFailure = undefined;
    };
    let failures = 0;
    try {
      for (;;) {
        try {
          // openid-client notices an abort only between its 5 s wait steps; the race makes cancel immediate.
          const answer = await raceAbort(
            this.call('device', () => oidc.pollDeviceAuthorizationGrant(this.config(both, answered), device.raw, undefined, { signal: both })),
            both,
            SIGN_IN_CANCELLED,
          );
          return this.identityTokens(answer, device.scopes);
        } catch (error) {
          if (both.aborted) throw abortReason(both);
          if (!(error instanceof ShopifyAuthError) || !error.transient) throw error;
          // A lost poll is not a lost sign-in: the code stays good until it expires. Back off, then poll again
          // (openid-client waits one interval itself before polling).
          failures++;
          lastFailure = error;
          const extraS = Math.min(device.intervalS * (2 ** (failures - 1) - 1), 60);
          const waitMs = Math.max(extraS * 1000, (error.retryAfterMs ?? 0) - device.intervalS * 1000);
          this.options.onNote?.(`sign-in poll failed (${error.code}); polling again in ${Math.round(waitMs / 1000) + device.intervalS} s`);
          await sleep(waitMs, both);
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** `grantedScopes` stand when the answer lists none: a refresh keeps the original grant (RFC 6749 §6). */
  async refresh(refreshToken: string, accessToken: string, grantedScopes: readonly string[], signal?: AbortSignal): Promise<IdentityTokens> {
    const answer = await this.call('refresh', () =>
      oidc.refreshTokenGrant(this.config(signal), refreshToken, { access_token: accessToken }),
    );
    return this.identityTokens(answer, grantedScopes, refreshToken);
  }

  /** RFC 8693 exchange of an identity token for one API's token: its default scopes plus the extras. */
  exchange(
    subjectToken: string,
    api: ApiName,
    extraScopes: readonly string[],
    store: string | undefined,
    signal?: AbortSignal,
  ): Promise<AppToken> {
    return this.exchangeFor(subjectToken, api, exchangeScopes(api, extraScopes), store, signal);
  }

  /** An automation token (SHOPIFY_APP_AUTOMATION_TOKEN) asks for the few scopes the CLI asks with it, not the API's defaults. */
  exchangeAutomationToken(automationToken: string, api: ApiName, signal?: AbortSignal): Promise<AppToken> {
    return this.exchangeFor(automationToken, api, automationScopes(api), undefined, signal);
  }

  private async exchangeFor(subjectToken: string, api: ApiName, scopes: readonly string[], store: string | undefined, signal?: AbortSignal): Promise<AppToken> {
    const spec = APIS[api];
    if (spec.perStore && store === undefined) {
      throw new ShopifyAuthError('no-store', l10n.t('{0} tokens are per store, and no store was given.', spec.title));
    }
    const params: Record<string, string> = {
      grant_type: TOKEN_EXCHANGE,
      requested_token_type: ACCESS_TOKEN_TYPE,
      subject_token_type: ACCESS_TOKEN_TYPE,
      client_id: this.clientId,
      audience: spec.audience,
      scope: scopes.join(' '),
      subject_token: subjectToken,
    };
    if (spec.perStore && store !== undefined) {
      params['destination'] = `https://${store}/admin`;
      params['store'] = store;
    }
    const answer = await this.call('exchange', () => oidc.genericGrantRequest(this.config(signal), TOKEN_EXCHANGE, params), {
      api,
      store,
    });
    return {
      accessToken: answer.access_token,
      expiresAt: this.expiry(answer),
      scopes: readGrantedScopes(answer.scope, scopes),
      requestedScopes: [...scopes],
    };
  }

  private identityTokens(answer: TokenAnswer, scopesIfUnlisted: readonly string[], previousRefreshToken?: string): IdentityTokens {
    const refreshToken = typeof answer.refresh_token === 'string' ? answer.refresh_token : previousRefreshToken;
    if (refreshToken === undefined) {
      throw new ShopifyAuthError('bad-response', l10n.t('Shopify\'s sign-in answer had no refresh token, so the session could not be kept. Sign in again; if it keeps happening, report it.'));
    }
    const idToken = answer[UNVERIFIED_ID_TOKEN];
    const claims: IdentityClaims | undefined = previousRefreshToken === undefined ? readIdToken(idToken) : this.refreshedClaims(idToken);
    return {
      accessToken: answer.access_token,
      refreshToken,
      expiresAt: this.expiry(answer),
      scopes: readGrantedScopes(answer.scope, scopesIfUnlisted),
      userId: claims?.userId ?? '',
      ...(claims?.email ? { email: claims.email } : {}),
      ...(claims && typeof idToken === 'string' ? { idToken } : {}),
    };
  }

  /**
   * A refresh already knows who it is for, and the server has rotated the refresh token by the time it
   * answers: an unreadable id_token there must not throw the new refresh token away.
   */
  private refreshedClaims(idToken: unknown): IdentityClaims | undefined {
    if (idToken === undefined) return undefined;
    try {
      return readIdToken(idToken);
    } catch {
      this.options.onNote?.('refresh answer carried an unreadable id_token; the account keeps the identity it had');
      return undefined;
    }
  }

  private expiry(answer: TokenAnswer): number {
    const expiresIn = answer.expires_in;
    if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
      this.options.onNote?.(`token answer had no usable expires_in; assuming ${ASSUMED_LIFETIME_S} s`);
      return this.now() + ASSUMED_LIFETIME_S * 1000;
    }
    return this.now() + expiresIn * 1000;
  }

  private async call<T>(
    kind: 'device' | 'refresh' | 'exchange',
    run: () => Promise<T>,
    context: { api?: ApiName; store?: string | undefined } = {},
  ): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw translate(error, kind, context);
    }
  }
}

const SIGN_IN_CANCELLED = 'Sign-in cancelled.';
const abortReason = (signal: AbortSignal) => cancelledBy(signal, SIGN_IN_CANCELLED);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}


/** Turns what openid-client or our fetch threw into one clear, token-free error. */
export function translate(
  error: unknown,
  kind: 'device' | 'refresh' | 'exchange',
  context: { api?: ApiName; store?: string | undefined } = {},
): ShopifyAuthError {
  const ours = findShopifyError(error);
  if (ours) return ours;
  if (error instanceof oidc.ResponseBodyError) {
    const code = error.error;
    if (kind === 'device') {
      if (code === 'access_denied') return new ShopifyAuthError('access-denied', l10n.t('Shopify sign-in was denied on the approval page. Sign in again and choose Approve if you meant to.'));
      if (code === 'expired_token') return new ShopifyAuthError('code-expired', l10n.t('The sign-in code expired before it was approved. Sign in again and approve the new code in time.'));
    }
    if (kind === 'refresh') {
      if (code === 'invalid_grant') return new ShopifyAuthError('session-expired', l10n.t('Your Shopify session has expired or was revoked. Sign in again.'));
      if (code === 'invalid_request') return new ShopifyAuthError('session-unusable', l10n.t('Your stored Shopify session cannot be used any more. Sign in again.'));
    }
    if (kind === 'exchange') {
      // Exchanges always name their API; "a token" covers a caller that did not say. API names are products, so they
      // follow "the" (no article to agree with them).
      const api = context.api ? APIS[context.api].title : undefined;
      if (code === 'invalid_target') return new ShopifyAuthError('store-access', storeAccessRefused(api, context.store));
      if (code === 'invalid_scope') {
        const why = error.error_description ? serverText(error.error_description) : undefined;
        return new ShopifyAuthError(
          'scope-rejected',
          api === undefined
            ? why === undefined
              ? l10n.t('Shopify refused the scopes asked for. Ask for fewer or other scopes.')
              : l10n.t('Shopify refused the scopes asked for ({0}). Ask for fewer or other scopes.', why)
            : why === undefined
              ? l10n.t('Shopify refused the scopes asked for the {0}. Ask for fewer or other scopes.', api)
              : l10n.t('Shopify refused the scopes asked for the {0} ({1}). Ask for fewer or other scopes.', api, why),
        );
      }
      if (code === 'invalid_grant') {
        return new ShopifyAuthError(
          'session-expired',
          api === undefined
            ? l10n.t('Shopify refused to issue a token: the sign-in it was based on is no longer valid. Sign in again.')
            : l10n.t('Shopify refused to issue a token for the {0}: the sign-in it was based on is no longer valid. Sign in again.', api),
        );
      }
      // The CLI's reading: the identity token is no longer accepted, so the session is dropped.
      if (code === 'invalid_request') {
        return new ShopifyAuthError(
          'session-unusable',
          api === undefined ? l10n.t('Shopify no longer accepts this sign-in. Sign in again.') : l10n.t('Shopify no longer accepts this sign-in for the {0}. Sign in again.', api),
        );
      }
    }
    if (error.status >= 500) {
      return new ShopifyAuthError('server', l10n.t('Shopify\'s identity service had a problem (HTTP {0}, {1}). Try again in a moment.', error.status, serverText(code)), { transient: true });
    }
    return new ShopifyAuthError(
      'protocol',
      error.error_description
        ? l10n.t('Shopify\'s identity service answered "{0}": {1}. Try again; if it persists, report it.', serverText(code), serverText(error.error_description))
        : l10n.t('Shopify\'s identity service answered "{0}". Try again; if it persists, report it.', serverText(code)),
    );
  }
  if (error instanceof oidc.ClientError) {
    return new ShopifyAuthError('bad-response', l10n.t('Shopify\'s identity service sent an answer that is not valid ({0}). Try again; if it persists, check shopifyAuth.identityUrl.', serverText(error.message)), { transient: true });
  }
  // undici's fetch rejects with a TypeError "fetch failed" (the fetch adapter turns those into our own errors first).
  // Any other TypeError is a bug or an argument openid-client refused before sending anything, such as an empty
  // refresh token: no connection was tried, and trying again cannot help.
  if (error instanceof TypeError && error.message === 'fetch failed') {
    return new ShopifyAuthError('network', l10n.t('Could not reach Shopify\'s identity service ({0}). Check your connection and try again.', serverText(error.message)), { transient: true, cause: error });
  }
  return new ShopifyAuthError('protocol', l10n.t('Sign-in failed unexpectedly: {0}.', serverText(error instanceof Error ? error.message : String(error))));
}

/** invalid_target: the account may not develop on the store. One whole message per case, the usual causes included. */
function storeAccessRefused(api: string | undefined, store: string | undefined): string {
  if (api !== undefined && store !== undefined) {
    return l10n.t(
      'Shopify refused a token for the {0} on {1}: this account may not develop on it. The usual causes: (1) you have never opened this store\'s admin with this account, so log in to it once in the browser; (2) you have no staff or collaborator account on it, so ask the owner for access; (3) you used a custom domain, so use the permanent *.myshopify.com domain (Settings > Domains).',
      api,
      store,
    );
  }
  if (store !== undefined) {
    return l10n.t(
      'Shopify refused a token for {0}: this account may not develop on it. The usual causes: (1) you have never opened this store\'s admin with this account, so log in to it once in the browser; (2) you have no staff or collaborator account on it, so ask the owner for access; (3) you used a custom domain, so use the permanent *.myshopify.com domain (Settings > Domains).',
      store,
    );
  }
  return l10n.t(
    'Shopify refused a token for this store: this account may not develop on it. The usual causes: (1) you have never opened this store\'s admin with this account, so log in to it once in the browser; (2) you have no staff or collaborator account on it, so ask the owner for access; (3) you used a custom domain, so use the permanent *.myshopify.com domain (Settings > Domains).',
  );
}
