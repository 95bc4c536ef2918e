import * as l10n from '../common/text';
import { ShopifyAuthError } from '../common/errors';

export const PRODUCTION_IDENTITY_URL = 'https://accounts.shopify.com';

export interface IdentityEndpoints {
  readonly issuer: string;
  readonly deviceAuthorization: string;
  readonly token: string;
  /** Plain http is allowed only here, for a local identity server. */
  readonly loopback: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

const SHOWN_LIMIT = 120;

/** A setting's value as it may be shown: never the user name and password inside it, never very long. */
export function shownUrl(value: string): string {
  const trimmed = value.trim();
  // The setting is one URL, so its user info runs to its last "@": a password typed as is may hold "/", "?", "#",
  // a space or a quote. An "@" in a path is masked too; an identity server has no reason to have one.
  let shown = trimmed.replace(/^([a-z0-9+.-]+:\/\/)?.*@/i, (_match, scheme?: string) => `${scheme ?? ''}***:***@`);
  if (shown.length > SHOWN_LIMIT) shown = `${shown.slice(0, SHOWN_LIMIT - 1)}…`;
  return shown;
}

type SettingProblem = 'not-a-url' | 'plain-http' | 'scheme' | 'credentials' | 'query';

/** One whole sentence per problem, so a translator can word each. `scheme` is the URL's, for the 'scheme' problem. */
function badSetting(value: string, problem: SettingProblem, scheme = ''): never {
  const shown = shownUrl(value);
  const messages: Record<SettingProblem, () => string> = {
    'not-a-url': () => l10n.t('The setting shopifyAuth.identityUrl ("{0}") is not a URL. Use https://accounts.shopify.com, or http://127.0.0.1:<port> for a local identity server.', shown),
    'plain-http': () =>
      l10n.t('The setting shopifyAuth.identityUrl ("{0}") uses plain http off this machine, which would expose tokens. Use https://accounts.shopify.com, or http://127.0.0.1:<port> for a local identity server.', shown),
    scheme: () => l10n.t('The setting shopifyAuth.identityUrl ("{0}") uses "{1}". Use https://accounts.shopify.com, or http://127.0.0.1:<port> for a local identity server.', shown, scheme),
    credentials: () =>
      l10n.t(
        'The setting shopifyAuth.identityUrl ("{0}") contains a user name or password, which are never sent (remove them from the setting). Use https://accounts.shopify.com, or http://127.0.0.1:<port> for a local identity server.',
        shown,
      ),
    query: () => l10n.t('The setting shopifyAuth.identityUrl ("{0}") contains a query or fragment. Use https://accounts.shopify.com, or http://127.0.0.1:<port> for a local identity server.', shown),
  };
  throw new ShopifyAuthError('bad-setting', messages[problem]());
}

/** Where tokens may be sent: https anywhere, plain http only on this machine. */
export function identityEndpoints(value: string): IdentityEndpoints {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    badSetting(value, 'not-a-url');
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    if (url.protocol === 'http:') badSetting(value, 'plain-http');
    badSetting(value, 'scheme', url.protocol);
  }
  if (url.username || url.password) badSetting(value, 'credentials');
  if (url.search || url.hash) badSetting(value, 'query');
  // The trailing slashes, found from the first of them only (from every slash of a long run, quadratic).
  const base = `${url.origin}${url.pathname.replace(/(?<!\/)\/+$/, '')}`;
  return {
    issuer: base,
    deviceAuthorization: `${base}/oauth/device_authorization`,
    token: `${base}/oauth/token`,
    loopback,
  };
}

/**
 * The sign-in page the server named (verification_uri): opened in the user's browser only when it is on the
 * identity server's own host, over https, or over plain http when both are on this machine. Anything else
 * is a misconfigured or hostile server, and the page is refused.
 */
export function checkSignInPage(address: string, endpoints: IdentityEndpoints): string {
  const expected = new URL(endpoints.issuer);
  let page: URL | undefined;
  try {
    page = new URL(address);
  } catch {
    page = undefined;
  }
  const sameHost = page !== undefined && page.hostname === expected.hostname;
  const schemeOk = page !== undefined && (page.protocol === 'https:' || (page.protocol === 'http:' && endpoints.loopback && LOOPBACK.has(page.hostname)));
  if (page === undefined || !sameHost || !schemeOk || page.username !== '' || page.password !== '') {
    throw new ShopifyAuthError(
      'bad-response',
      page === undefined
        ? l10n.t('The identity server asked to open its sign-in page at an address that is not a web page, which is not {0}//{1}, so it was not opened. Check the setting shopifyAuth.identityUrl (Shopify\'s is https://accounts.shopify.com).', expected.protocol, expected.hostname)
        : l10n.t('The identity server asked to open its sign-in page at {0}, which is not {1}//{2}, so it was not opened. Check the setting shopifyAuth.identityUrl (Shopify\'s is https://accounts.shopify.com).', shownUrl(`${page.protocol}//${page.hostname}`), expected.protocol, expected.hostname),
    );
  }
  return page.href;
}
