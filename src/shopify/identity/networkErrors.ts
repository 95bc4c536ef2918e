import * as l10n from '../common/text';
import { ShopifyAuthError } from '../common/errors';

/** How requests leave this machine, as far as the editor can tell; only for messages. */
export interface NetworkRoute {
  /** The proxy in effect for the identity server, user info removed, and where it was set, e.g. "http://proxy:3128 (http.proxy)". */
  readonly proxy?: string;
}

// Measured in VS Code 1.100: its fetch for extensions trusts the system's certificates while http.systemCertificates is
// on, and then ignores NODE_EXTRA_CA_CERTS; http.proxyStrictSSL does not reach it at all. Whole sentences, ending the
// certificate messages after a colon.
const trustFix = (): string =>
  l10n.t(
    "get your network's root certificate from your IT team and add it to this computer's trusted certificates (VS Code reads them while http.systemCertificates is on); or save it as a PEM file, start VS Code with NODE_EXTRA_CA_CERTS set to that file and turn http.systemCertificates off. Turning off http.proxyStrictSSL does not help here.",
  );

/** OpenSSL's verdicts on a certificate, by what they mean for the user. */
const UNTRUSTED = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE']);
const SELF_SIGNED = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const NEVER_SENT = new Set([...DNS, 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Codes and texts along an error's cause chain (fetch wraps the real failure in "fetch failed"). */
function chain(error: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    messages.push(e.message);
  }
  return { codes, messages };
}

/** The status a proxy answered a CONNECT with, as undici (and VS Code's proxy support) report it. */
function proxyStatus(messages: readonly string[]): number | undefined {
  for (const message of messages) {
    const match = /Proxy response \((\d{3})\)/.exec(message);
    if (match) return Number(match[1]);
    if (/^Proxy authentication required/i.test(message)) return 407;
  }
  return undefined;
}

/**
 * A request that got no HTTP answer, turned into a sentence that names the cause and the setting that fixes it:
 * an untrusted or expired certificate, a proxy that refused, a name that does not resolve, a refused connection.
 */
export function networkFailure(error: unknown, url: string, route: NetworkRoute = {}): ShopifyAuthError {
  const { codes, messages } = chain(error);
  const target = new URL(url);
  const host = target.host;
  const proxy = route.proxy;
  const status = proxyStatus(messages);
  if (status !== undefined) {
    if (status === 407) {
      return new ShopifyAuthError(
        'proxy',
        proxy !== undefined
          ? l10n.t('The proxy {0} wants a user name and password (HTTP 407) before it connects to {1}. Put them in the proxy address in the setting http.proxy (http://user:password@host:port) or in HTTPS_PROXY, then try again.', proxy, host)
          : l10n.t('A proxy wants a user name and password (HTTP 407) before it connects to {0}. Put them in the proxy address in the setting http.proxy (http://user:password@host:port) or in HTTPS_PROXY, then try again.', host),
        { cause: error },
      );
    }
    return new ShopifyAuthError(
      'proxy',
      proxy !== undefined
        ? l10n.t('The proxy {0} would not connect to {1} (HTTP {2}). Ask your IT team to allow {1}; if it is reachable without the proxy, add it to the setting http.noProxy. The proxy comes from http.proxy or HTTPS_PROXY.', proxy, host, status)
        : l10n.t('A proxy would not connect to {0} (HTTP {1}). Ask your IT team to allow {0}; if it is reachable without the proxy, add it to the setting http.noProxy. The proxy comes from http.proxy or HTTPS_PROXY.', host, status),
      { transient: status >= 500, cause: error },
    );
  }
  const code = codes.find((c) => UNTRUSTED.has(c) || SELF_SIGNED.has(c) || c.startsWith('CERT_') || c === 'ERR_TLS_CERT_ALTNAME_INVALID');
  if (code !== undefined) return new ShopifyAuthError('tls', certificateMessage(code, host, proxy), { cause: error });
  const dns = codes.find((c) => DNS.has(c));
  if (dns !== undefined) {
    return new ShopifyAuthError(
      'network',
      proxy !== undefined
        ? l10n.t('The name {0} could not be found ({1}): this computer\'s DNS does not know it. Check the proxy address in http.proxy or HTTPS_PROXY, then try again.', target.hostname, dns)
        : l10n.t(
            'The name {0} could not be found ({1}): this computer\'s DNS does not know it. Check the address in the setting shopifyAuth.identityUrl and your internet connection; if your network needs a proxy to reach the internet, set it in http.proxy (or HTTPS_PROXY), then try again.',
            target.hostname,
            dns,
          ),
      { transient: true, neverSent: true, cause: error },
    );
  }
  const other = codes.find((c) => /^E[A-Z]+$|^UND_ERR/.test(c));
  if (other === 'ECONNREFUSED') {
    return new ShopifyAuthError(
      'network',
      proxy !== undefined
        ? l10n.t('Could not reach Shopify\'s identity service at {0}: the proxy {1} accepted no connection ({2}). Check your internet connection and the proxy address in http.proxy or HTTPS_PROXY, then try again.', host, proxy, other)
        : l10n.t('Could not reach Shopify\'s identity service at {0}: nothing accepted the connection ({1}). Check your internet connection and the setting shopifyAuth.identityUrl, and http.proxy if your network needs a proxy, then try again.', host, other),
      { transient: true, neverSent: true, cause: error },
    );
  }
  return new ShopifyAuthError('network', unreachableMessage(host, proxy, other), { transient: true, neverSent: other !== undefined && NEVER_SENT.has(other), cause: error });
}

/** No answer for another reason: one sentence per combination of proxy and error code. */
function unreachableMessage(host: string, proxy: string | undefined, code: string | undefined): string {
  if (proxy !== undefined) {
    return code !== undefined
      ? l10n.t('Could not reach Shopify\'s identity service at {0} through the proxy {1} ({2}). Check your internet connection, proxy (http.proxy) or VPN, then try again.', host, proxy, code)
      : l10n.t('Could not reach Shopify\'s identity service at {0} through the proxy {1}. Check your internet connection, proxy (http.proxy) or VPN, then try again.', host, proxy);
  }
  return code !== undefined
    ? l10n.t('Could not reach Shopify\'s identity service at {0} ({1}). Check your internet connection, proxy (http.proxy) or VPN, then try again.', host, code)
    : l10n.t('Could not reach Shopify\'s identity service at {0}. Check your internet connection, proxy (http.proxy) or VPN, then try again.', host);
}

/** A certificate the connection could not trust: what it means and what to do, with and without a proxy in the way. */
function certificateMessage(code: string, host: string, proxy: string | undefined): string {
  if (code === 'CERT_HAS_EXPIRED') {
    return proxy !== undefined
      ? l10n.t(
          'The certificate presented for {0} through the proxy {1} has expired ({2}). Check that this computer\'s date and time are right; if they are, the server or a proxy on your network presents an outdated certificate: tell your IT team, and check the setting shopifyAuth.identityUrl.',
          host,
          proxy,
          code,
        )
      : l10n.t(
          'The certificate presented for {0} has expired ({1}). Check that this computer\'s date and time are right; if they are, the server or a proxy on your network presents an outdated certificate: tell your IT team, and check the setting shopifyAuth.identityUrl.',
          host,
          code,
        );
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return proxy !== undefined
      ? l10n.t('The certificate presented for {0} through the proxy {1} is not valid yet ({2}): this computer\'s clock is probably behind. Set the date and time automatically, then try again.', host, proxy, code)
      : l10n.t('The certificate presented for {0} is not valid yet ({1}): this computer\'s clock is probably behind. Set the date and time automatically, then try again.', host, code);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return proxy !== undefined
      ? l10n.t('The certificate presented for {0} through the proxy {1} is for another name ({2}). Check the setting shopifyAuth.identityUrl. On a network that inspects traffic: {3}', host, proxy, code, trustFix())
      : l10n.t('The certificate presented for {0} is for another name ({1}). Check the setting shopifyAuth.identityUrl. On a network that inspects traffic: {2}', host, code, trustFix());
  }
  if (code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return proxy !== undefined
      ? l10n.t(
          'The connection to {0} through the proxy {1} is intercepted: its certificate chain ends in a self-signed authority this computer does not trust ({2}), as TLS-inspecting proxies and firewalls do. To trust it: {3}',
          host,
          proxy,
          code,
          trustFix(),
        )
      : l10n.t(
          'The connection to {0} is intercepted: its certificate chain ends in a self-signed authority this computer does not trust ({1}), as TLS-inspecting proxies and firewalls do. To trust it: {2}',
          host,
          code,
          trustFix(),
        );
  }
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return proxy !== undefined
      ? l10n.t('{0} through the proxy {1} presented a self-signed certificate ({2}), which this computer does not trust. Check the setting shopifyAuth.identityUrl. If your network inspects traffic: {3}', host, proxy, code, trustFix())
      : l10n.t('{0} presented a self-signed certificate ({1}), which this computer does not trust. Check the setting shopifyAuth.identityUrl. If your network inspects traffic: {2}', host, code, trustFix());
  }
  return proxy !== undefined
    ? l10n.t('The certificate presented for {0} through the proxy {1} is issued by an authority this computer does not trust ({2}). If your network inspects traffic: {3}', host, proxy, code, trustFix())
    : l10n.t('The certificate presented for {0} is issued by an authority this computer does not trust ({1}). If your network inspects traffic: {2}', host, code, trustFix());
}
