import * as l10n from '../common/text';
import { CLOCK_TOLERANCE_MS, measureOffset, skewMessage, type ServerClock } from '../common/clock';
import { formatDuration } from '../common/duration';
import { findShopifyError } from '../common/errors';
import { redact } from '../common/redact';
import type { Fetch } from './fetchAdapter';
import { identityEndpoints, shownUrl } from './identityUrl';
import { networkFailure } from './networkErrors';
import { maskProxy, type ProxyRoute } from './proxyRoute';

/** What the editor knows about itself; nothing here may be secret (the report masks and redacts anyway). */
export interface ConnectionFacts {
  readonly identityUrl: string;
  readonly proxy: ProxyRoute | undefined;
  /** Settings in effect, by name; values are shown as given (proxy addresses masked). */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Variables that change how requests go: only whether each is set, except the proxy ones (masked) and certificate paths. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly versions: Readonly<Record<string, string>>;
  readonly accounts: number;
}

export interface ConnectionCheckOptions {
  readonly facts: ConnectionFacts;
  readonly timeoutMs: number;
  readonly fetch?: Fetch;
  readonly clock?: ServerClock;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

export interface ConnectionResult {
  readonly ok: boolean;
  /** One line: the fact that matters. */
  readonly verdict: string;
  /** For a support request: every line, secrets masked. */
  readonly report: string;
}

const SHOWN_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR'];
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY'];
const SET_OR_NOT = ['SHOPIFY_APP_AUTOMATION_TOKEN', 'SHOPIFY_CLI_PARTNERS_TOKEN', 'SHOPIFY_FLAG_STORE'];

/**
 * Asks the identity server for its discovery document, once, the way every sign-in request travels (same fetch,
 * proxy and certificates), and says what came of it: reachable or not and why, through which proxy, and how far the
 * local clock is from the server's. Any HTTP answer proves the route; its status does not matter.
 */
export async function checkConnection(options: ConnectionCheckOptions): Promise<ConnectionResult> {
  const { facts } = options;
  const now = options.now ?? Date.now;
  const fetcher = options.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  const route = facts.proxy ? `through the proxy ${facts.proxy.proxy} (${facts.proxy.source})` : 'directly (no proxy configured for it)';
  const lines: string[] = [];
  let ok = false;
  let verdict: string;
  let host = facts.identityUrl;
  try {
    const issuer = identityEndpoints(facts.identityUrl).issuer;
    host = new URL(issuer).host;
    const url = `${issuer}/.well-known/openid-configuration`;
    const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
    const sentAt = now();
    try {
      const response = await fetcher(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.any(signals), headers: { accept: 'application/json' } });
      const receivedAt = now();
      await response.body?.cancel().catch(() => undefined);
      const date = response.headers.get('date');
      options.clock?.observe(date, sentAt, receivedAt);
      const offset = measureOffset(date, sentAt, receivedAt);
      ok = true;
      const clockLine = clockText(offset);
      verdict = connectedVerdict(host, facts.proxy, receivedAt - sentAt, offset !== undefined && Math.abs(offset) > CLOCK_TOLERANCE_MS ? offset : undefined);
      lines.push(`Reached: yes, HTTP ${response.status} in ${receivedAt - sentAt} ms`);
      lines.push(`TLS: ${url.startsWith('https:') ? 'certificate verified' : 'none (plain http on loopback)'}`);
      lines.push(`Clock: ${clockLine}`);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      const failure = timedOut
        ? facts.proxy
          ? l10n.t('{0} did not answer within {1} s through the proxy {2} ({3}). Check your connection, http.proxy and shopifyAuth.requestTimeoutSeconds.', host, Math.round(options.timeoutMs / 1000), facts.proxy.proxy, facts.proxy.source)
          : l10n.t('{0} did not answer within {1} s directly (no proxy configured for it). Check your connection, http.proxy and shopifyAuth.requestTimeoutSeconds.', host, Math.round(options.timeoutMs / 1000))
        : networkFailure(error, url, facts.proxy ? { proxy: `${facts.proxy.proxy} (${facts.proxy.source})` } : {}).message;
      verdict = l10n.t('Cannot reach {0}: {1}', host, failure);
      lines.push(`Reached: no, after ${now() - sentAt} ms`);
      lines.push(`Cause: ${failure}`);
      lines.push(`Cause in detail: ${causeChain(error)}`);
    }
  } catch (error) {
    const ours = findShopifyError(error);
    if (!ours) throw error;
    verdict = l10n.t('Cannot check the connection: {0}', ours.message);
    lines.push(`Cause: ${ours.message}`);
  }
  const report = [
    `Shopify Authentication: connection check, ${new Date(now()).toISOString()}`,
    `Verdict: ${verdict}`,
    `Identity server: ${shownUrl(facts.identityUrl)}`,
    `Route: ${route}`,
    ...lines,
    `Settings: ${Object.entries(facts.settings).map(([k, v]) => `${k}=${settingText(k, v)}`).join(', ')}`,
    `Environment: ${environmentText(facts.env)}`,
    `Versions: ${Object.entries(facts.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `Accounts signed in: ${facts.accounts}`,
  ].join('\n');
  return { ok, verdict: redact(verdict), report: redact(report) };
}

function clockText(offset: number | undefined): string {
  if (offset === undefined) return 'the server sent no Date header';
  if (Math.abs(offset) <= CLOCK_TOLERANCE_MS) return `within a minute of the server's (${offset >= 0 ? '+' : '-'}${formatDuration(Math.abs(offset))})`;
  return skewMessage(offset);
}

function settingText(key: string, value: unknown): string {
  if (key === 'http.proxy' && typeof value === 'string' && value !== '') return maskProxy(value).text;
  // Quoted as JSON, a password's own quote would become \" and end redact's mask early: masked before quoting.
  if (key === 'shopifyAuth.identityUrl' && typeof value === 'string') return JSON.stringify(shownUrl(value));
  return JSON.stringify(value ?? null);
}

function environmentText(env: Readonly<Record<string, string | undefined>>): string {
  const parts: string[] = [];
  for (const name of PROXY_VARIABLES) {
    const value = env[name];
    if (value) parts.push(`${name}=${/no_proxy/i.test(name) ? value : maskProxy(value).text}`);
  }
  for (const name of SHOWN_VARIABLES) if (env[name]) parts.push(`${name}=${env[name]}`);
  for (const name of SET_OR_NOT) if (env[name] !== undefined) parts.push(`${name} is set (${env[name] === '' ? 'empty' : 'value not shown'})`);
  return parts.length > 0 ? parts.join(', ') : 'none that matter here';
}

/** Names and codes along the cause chain, never the messages of others (they may quote a URL with a password). */
function causeChain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    parts.push(`${e.name}${typeof code === 'string' ? ` ${code}` : ''}`);
  }
  return parts.join(' < ') || String(typeof error);
}

/** The verdict of a check that got an answer: one whole sentence per route and clock state. `skew`: only a skew worth telling. */
function connectedVerdict(host: string, proxy: ProxyRoute | undefined, ms: number, skew: number | undefined): string {
  const by = skew === undefined ? '' : formatDuration(Math.abs(skew));
  if (proxy) {
    if (skew === undefined) return l10n.t('Connected to {0} through the proxy {1} ({2}) in {3} ms.', host, proxy.proxy, proxy.source, ms);
    return skew < 0
      ? l10n.t("Connected to {0} through the proxy {1} ({2}) in {3} ms, but this computer's clock is {4} ahead.", host, proxy.proxy, proxy.source, ms, by)
      : l10n.t("Connected to {0} through the proxy {1} ({2}) in {3} ms, but this computer's clock is {4} behind.", host, proxy.proxy, proxy.source, ms, by);
  }
  if (skew === undefined) return l10n.t('Connected to {0} directly (no proxy configured for it) in {1} ms.', host, ms);
  return skew < 0
    ? l10n.t("Connected to {0} directly (no proxy configured for it) in {1} ms, but this computer's clock is {2} ahead.", host, ms, by)
    : l10n.t("Connected to {0} directly (no proxy configured for it) in {1} ms, but this computer's clock is {2} behind.", host, ms, by);
}
