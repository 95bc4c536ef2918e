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

function badSetting(value: string, why: string): never {
  throw new ShopifyAuthError(
    'bad-setting',
    `The setting shopifyAuth.identityUrl ("${value}") ${why}. Use https://accounts.shopify.com, or http://127.0.0.1:<port> for a local identity server.`,
  );
}

/** Where tokens may be sent: https anywhere, plain http only on this machine. */
export function identityEndpoints(value: string): IdentityEndpoints {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    badSetting(value, 'is not a URL');
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    badSetting(value, url.protocol === 'http:' ? 'uses plain http off this machine, which would expose tokens' : `uses "${url.protocol}"`);
  }
  if (url.username || url.password) badSetting(value, 'contains a user name or password');
  if (url.search || url.hash) badSetting(value, 'contains a query or fragment');
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return {
    issuer: base,
    deviceAuthorization: `${base}/oauth/device_authorization`,
    token: `${base}/oauth/token`,
    loopback,
  };
}
