import * as l10n from '../common/text';
import type { ServerClock } from '../common/clock';
import { ShopifyAuthError } from '../common/errors';
import { isJsonType, normalizeAnswer, normalizeHeaders } from './answerNormalizer';
import { networkFailure, type NetworkRoute } from './networkErrors';

/** The field where the adapter puts the id_token so that openid-client leaves it alone. */
export const UNVERIFIED_ID_TOKEN = 'x_unverified_id_token';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface AdapterOptions {
  /** Aborts the whole operation: the user cancelled, or its deadline passed. */
  readonly signal?: AbortSignal;
  /** Per request. */
  readonly timeoutMs: number;
  readonly fetch?: Fetch;
  readonly onNote?: (note: string) => void;
  /** Learns the server's time from each answer's Date header. */
  readonly clock?: ServerClock;
  /** Named in messages about failed connections. */
  readonly route?: () => NetworkRoute;
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** An HTTP failure that is not an OAuth error body: the server is down, overloaded or not an identity server. */
async function classifyFailure(response: Response, empty = false): Promise<ShopifyAuthError> {
  const type = response.headers.get('content-type') ?? '';
  const status = response.status;
  await response.body?.cancel().catch(() => undefined);
  if (status === 429) {
    const wait = retryAfterMs(response.headers.get('retry-after'));
    return new ShopifyAuthError(
      'rate-limited',
      wait !== undefined
        ? l10n.t('Shopify\'s identity service is limiting requests (HTTP 429); it asks to wait {0} s. Try again in a moment.', Math.ceil(wait / 1000))
        : l10n.t('Shopify\'s identity service is limiting requests (HTTP 429). Try again in a moment.'),
      { transient: true, retryAfterMs: wait },
    );
  }
  if (status >= 500) {
    return new ShopifyAuthError(
      'server',
      l10n.t('Shopify\'s identity service had a problem (HTTP {0}). Try again in a moment; if it persists, check https://www.shopifystatus.com.', status),
      { transient: true, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) },
    );
  }
  // One whole sentence per kind of answer, so a translator can word each.
  const message = empty
    ? l10n.t('The identity server answered HTTP {0} with an empty answer instead of an OAuth answer. Check the setting shopifyAuth.identityUrl, or your proxy.', status)
    : type.includes('html')
      ? l10n.t('The identity server answered HTTP {0} with a web page instead of an OAuth answer. Check the setting shopifyAuth.identityUrl, or your proxy.', status)
      : type
        ? l10n.t('The identity server answered HTTP {0} with "{1}" instead of an OAuth answer. Check the setting shopifyAuth.identityUrl, or your proxy.', status, type.split(';')[0] ?? '')
        : l10n.t('The identity server answered HTTP {0} with an answer with no content type instead of an OAuth answer. Check the setting shopifyAuth.identityUrl, or your proxy.', status);
  return new ShopifyAuthError('bad-response', message);
}

/**
 * The one place where Shopify's answers meet openid-client. It adds deadlines and cancellation to
 * every request, turns non-OAuth failures into clear errors, rewrites every legal phrasing of an answer
 * into the one openid-client accepts (answerNormalizer.ts), and hides the id_token, which openid-client
 * would verify against discovery metadata Shopify does not publish (we read it unverified, as the CLI does).
 */
export function shopifyFetch(options: AdapterOptions): Fetch {
  const base = options.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  return async (url, init) => {
    const signals = [AbortSignal.timeout(options.timeoutMs)];
    if (options.signal) signals.push(options.signal);
    if (init.signal) signals.push(init.signal);
    let response: Response;
    const sentAt = Date.now();
    try {
      response = await base(url, { ...init, signal: AbortSignal.any(signals), redirect: 'error' });
    } catch (error) {
      throw networkError(error, options.signal, () => networkFailure(error, url, options.route?.()));
    }
    options.clock?.observe(response.headers.get('date'), sentAt, Date.now());
    // Overload and outages are ours to classify whatever the body says: their Retry-After decides what is safe to retry.
    if (response.status === 429 || response.status >= 500) throw await classifyFailure(response);
    const type = response.headers.get('content-type') ?? '';
    if (!isJsonType(type)) {
      if (response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new ShopifyAuthError(
          'bad-response',
          type
            ? l10n.t('The identity server answered with "{0}" instead of JSON. Check the setting shopifyAuth.identityUrl, or your proxy.', type.split(';')[0] ?? '')
            : l10n.t('The identity server answered with no content type instead of JSON. Check the setting shopifyAuth.identityUrl, or your proxy.'),
        );
      }
      throw await classifyFailure(response);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw networkError(error, options.signal, () => networkFailure(error, url, options.route?.()));
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new ShopifyAuthError('bad-response', l10n.t('The identity server sent JSON that cannot be read (HTTP {0}, {1} bytes). Try again; if it persists, check shopifyAuth.identityUrl.', response.status, text.length), { transient: true });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      if (!response.ok) throw await classifyFailure(new Response(null, response), text === '');
      throw new ShopifyAuthError(
        'bad-response',
        text === ''
          ? l10n.t('The identity server sent an empty answer (HTTP {0}). Try again; if it persists, check shopifyAuth.identityUrl.', response.status)
          : l10n.t('The identity server sent JSON that is not an object (HTTP {0}). Try again; if it persists, check shopifyAuth.identityUrl.', response.status),
        { transient: true },
      );
    }
    const json = body as Record<string, unknown>;
    normalizeAnswer(json, response.ok, (note) => options.onNote?.(note));
    if (!response.ok && typeof json['error'] !== 'string') throw await classifyFailure(new Response(null, response));
    if (response.ok && url.endsWith('/oauth/token')) {
      // Set even when there is no id_token (undefined is left out of the JSON): a field of that name in the
      // answer itself is not ours, and would name someone past the id_token rules.
      json[UNVERIFIED_ID_TOKEN] = json['id_token'];
      delete json['id_token'];
    }
    const headers = normalizeHeaders(response.headers, !response.ok);
    return new Response(JSON.stringify(json), { status: response.status, statusText: response.statusText, headers });
  };
}

function networkError(error: unknown, cancel: AbortSignal | undefined, otherwise: () => ShopifyAuthError): ShopifyAuthError {
  if (cancel?.aborted) {
    const reason: unknown = cancel.reason;
    if (reason instanceof ShopifyAuthError) return reason;
    return new ShopifyAuthError('cancelled', l10n.t('Cancelled.'), { cause: error });
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ShopifyAuthError('timeout', l10n.t('Shopify\'s identity service did not answer in time. Check your connection and try again.'), { transient: true, cause: error });
  }
  return otherwise();
}
