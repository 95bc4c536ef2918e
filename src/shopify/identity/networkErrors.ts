import * as l10n from '../common/text';
import { ShopifyAuthError } from '../common/errors';

/** How requests leave this machine, as far as the editor can tell; only for messages. */
export interface NetworkRoute {
  /** The proxy in effect for the identity server, user info removed, and where it was set, e.g. "http://proxy:3128 (http.proxy)". */
  readonly proxy?: string;
}

// Measured in VS Code 1.100: its fetch for extensions trusts the system's certificates while http.systemCertificates is
// on, and then ignores NODE_EXTRA_CA_CERTS; http.proxyStrictSSL does not reach it at all.
const TRUST_FIX =
  "get your network's root certificate from your IT team and add it to this computer's trusted certificates (VS Code reads them while http.systemCertificates is on); " +
  'or save it as a PEM file, start VS Code with NODE_EXTRA_CA_CERTS set to that file and turn http.systemCertificates off. Turning off http.proxyStrictSSL does not help here.';

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
  const via = route.proxy ? ` through the proxy ${route.proxy}` : '';
  const status = proxyStatus(messages);
  if (status !== undefined) {
    const proxy = route.proxy ?? 'your proxy';
    if (status === 407) {
      return new ShopifyAuthError(
        'proxy',
        l10n.t('The proxy {0} wants a user name and password (HTTP 407) before it connects to {1}. Put them in the proxy address in the setting http.proxy (http://user:password@host:port) or in HTTPS_PROXY, then try again.', proxy, host),
        { cause: error },
      );
    }
    return new ShopifyAuthError(
      'proxy',
      l10n.t('The proxy {0} would not connect to {1} (HTTP {2}). Ask your IT team to allow {3}; if it is reachable without the proxy, add it to the setting http.noProxy. The proxy comes from http.proxy or HTTPS_PROXY.', proxy, host, status, host),
      { transient: status >= 500, cause: error },
    );
  }
  const code = codes.find((c) => UNTRUSTED.has(c) || SELF_SIGNED.has(c) || c.startsWith('CERT_') || c === 'ERR_TLS_CERT_ALTNAME_INVALID');
  if (code !== undefined) return certificateFailure(code, host, via, error);
  const dns = codes.find((c) => DNS.has(c));
  if (dns !== undefined) {
    const fix = route.proxy
      ? `Check the proxy address in http.proxy or HTTPS_PROXY`
      : `Check the address in the setting shopifyAuth.identityUrl and your internet connection; if your network needs a proxy to reach the internet, set it in http.proxy (or HTTPS_PROXY)`;
    return new ShopifyAuthError(
      'network',
      l10n.t('The name {0} could not be found ({1}): this computer\'s DNS does not know it. {2}, then try again.', target.hostname, dns, fix),
      { transient: true, neverSent: true, cause: error },
    );
  }
  const other = codes.find((c) => /^E[A-Z]+$|^UND_ERR/.test(c));
  const detail = other ? ` (${other})` : '';
  if (other === 'ECONNREFUSED') {
    const where = route.proxy ? `the proxy ${route.proxy} accepted no connection` : 'nothing accepted the connection';
    const fix = route.proxy ? 'the proxy address in http.proxy or HTTPS_PROXY' : 'the setting shopifyAuth.identityUrl, and http.proxy if your network needs a proxy';
    return new ShopifyAuthError('network', l10n.t('Could not reach Shopify\'s identity service at {0}: {1}{2}. Check your internet connection and {3}, then try again.', host, where, detail, fix), {
      transient: true,
      neverSent: true,
      cause: error,
    });
  }
  return new ShopifyAuthError(
    'network',
    l10n.t('Could not reach Shopify\'s identity service at {0}{1}{2}. Check your internet connection, proxy (http.proxy) or VPN, then try again.', host, via, detail),
    { transient: true, neverSent: other !== undefined && NEVER_SENT.has(other), cause: error },
  );
}

function certificateFailure(code: string, host: string, via: string, error: unknown): ShopifyAuthError {
  const say = (text: string) => new ShopifyAuthError('tls', text, { cause: error });
  if (code === 'CERT_HAS_EXPIRED') {
    return say(
      `The certificate presented for ${host}${via} has expired (${code}). Check that this computer's date and time are right; if they are, the server or a proxy on your network presents an outdated certificate: tell your IT team, and check the setting shopifyAuth.identityUrl.`,
    );
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return say(`The certificate presented for ${host}${via} is not valid yet (${code}): this computer's clock is probably behind. Set the date and time automatically, then try again.`);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return say(`The certificate presented for ${host}${via} is for another name (${code}). Check the setting shopifyAuth.identityUrl. On a network that inspects traffic: ${TRUST_FIX}`);
  }
  if (code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return say(
      `The connection to ${host}${via} is intercepted: its certificate chain ends in a self-signed authority this computer does not trust (${code}), as TLS-inspecting proxies and firewalls do. To trust it: ${TRUST_FIX}`,
    );
  }
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return say(`${host}${via} presented a self-signed certificate (${code}), which this computer does not trust. Check the setting shopifyAuth.identityUrl. If your network inspects traffic: ${TRUST_FIX}`);
  }
  return say(`The certificate presented for ${host}${via} is issued by an authority this computer does not trust (${code}). If your network inspects traffic: ${TRUST_FIX}`);
}
