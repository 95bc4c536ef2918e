import * as l10n from '../common/text';
import { ShopifyAuthError } from '../common/errors';
import { identityEndpoints, PRODUCTION_IDENTITY_URL } from '../identity/identityUrl';

/** Host suffix of production stores. */
const PRODUCTION_SUFFIX = '.myshopify.com';
/** Host suffixes of stores in Shopify's development environments: no production token is ever meant for them. */
const DEVELOPMENT_SUFFIXES = ['.myshopify.io', '.shop.dev'] as const;
const SHOPIFY_SUFFIXES = [PRODUCTION_SUFFIX, ...DEVELOPMENT_SUFFIXES] as const;

/** Which store domains the configured identity server can issue tokens for. */
export interface StoreRules {
  /** *.myshopify.io and *.shop.dev: only with an identity server other than production Shopify's. */
  readonly developmentStores: boolean;
}

export const PRODUCTION_STORES: StoreRules = { developmentStores: false };
export const DEVELOPMENT_STORES: StoreRules = { developmentStores: true };

/** The rules for the identity server at `issuer` (IdentityEndpoints.issuer). */
export function storeRulesFor(issuer: string): StoreRules {
  return issuer === identityEndpoints(PRODUCTION_IDENTITY_URL).issuer ? PRODUCTION_STORES : DEVELOPMENT_STORES;
}
const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const ADMIN_HOST = 'admin.shopify.com';

function reject(input: string, why: string): never {
  const shown = input.length > 80 ? `${input.slice(0, 77)}...` : input;
  throw new ShopifyAuthError(
    'bad-store',
    l10n.t('"{0}" is not a store name: {1}. Use the store\'s permanent domain, like my-store.myshopify.com, or just my-store.', shown, why),
  );
}

/**
 * Turns what a user typed into the store's permanent host, or says why it cannot.
 * Follows the Shopify CLI's normalizeStoreFqdn, plus admin.shopify.com/store/<handle> URLs.
 * A token is only ever sent to a host that came out of here.
 */
export function normalizeStore(input: string, rules: StoreRules = PRODUCTION_STORES): string {
  const text = input.trim();
  if (text === '') reject(input, 'it is empty');
  if (text.startsWith('/')) reject(input, 'it starts with "/"');
  // Look-alike letters (Cyrillic "а", full-width dots) pass URL parsing as punycode; refuse them first.
  const foreign = [...text].find((ch) => ch.charCodeAt(0) > 0x7e || ch.charCodeAt(0) < 0x21);
  if (foreign !== undefined) {
    const code = foreign.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
    reject(input, `it contains the character U+${code}, which a store domain never has`);
  }
  if (text.length > 300) reject(input, 'it is longer than any domain can be');

  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    reject(input, 'it cannot be read as a domain');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') reject(input, `"${url.protocol}" is not a web address`);
  if (url.username !== '' || url.password !== '') reject(input, 'it contains a user name or password');
  if (url.port !== '') reject(input, 'it contains a port');
  if (url.search !== '' || withScheme.includes('?')) reject(input, 'it contains a query ("?...")');
  if (url.hash !== '' || withScheme.includes('#')) reject(input, 'it contains a fragment ("#...")');

  let host = url.hostname.toLowerCase();
  if (host === ADMIN_HOST) {
    const handle = /^\/store\/([^/]+)(\/.*)?$/.exec(url.pathname)?.[1];
    if (handle === undefined) reject(input, 'an admin.shopify.com address must look like admin.shopify.com/store/<handle>');
    if (handle.includes('.')) reject(input, `the handle "${handle}" in admin.shopify.com/store/<handle> is one word, without dots`);
    host = `${handle.toLowerCase()}${PRODUCTION_SUFFIX}`;
  } else if (!['/', '/admin', '/admin/'].includes(url.pathname)) {
    reject(input, `it contains the path "${url.pathname}"`);
  }

  if (host.endsWith('.')) reject(input, 'it ends with a dot');
  if (host.startsWith('xn--') || host.includes('.xn--')) reject(input, 'it contains an internationalised (punycode) label');
  if (!SHOPIFY_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    if (host.includes('.')) {
      reject(input, 'it looks like a custom domain; tokens only work with the store\'s permanent *.myshopify.com domain (see Settings > Domains in the admin)');
    }
    host = `${host}.myshopify.com`;
  }
  if (host.length > 253) reject(input, 'it is longer than 253 characters');
  for (const label of host.split('.')) {
    if (label.length > 63) reject(input, `the part "${label.slice(0, 20)}..." is longer than 63 characters`);
    if (!LABEL.test(label)) reject(input, `the part "${label}" may hold only letters, digits and inner hyphens`);
  }
  const handle = host.slice(0, host.indexOf('.'));
  if (SHOPIFY_SUFFIXES.some((suffix) => `.${host}` === suffix) || handle === '') reject(input, 'it names no store');
  const suffix = host.slice(handle.length);
  if (!(SHOPIFY_SUFFIXES as readonly string[]).includes(suffix)) reject(input, `a store is one word before its Shopify domain, and "${host}" has more`);
  if (!rules.developmentStores && suffix !== PRODUCTION_SUFFIX) {
    reject(input, `*${suffix} stores belong to Shopify's development environments, and shopifyAuth.identityUrl points to production Shopify`);
  }
  return host;
}
