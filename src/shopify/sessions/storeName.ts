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

/**
 * `why` says what is wrong as a whole sentence about the shown input ("{0}" in each template), so a translator words
 * each reason with its subject; the advice follows as a sentence of its own.
 */
function reject(input: string, why: (shown: string) => string): never {
  const shown = input.length > 80 ? `${input.slice(0, 77)}...` : input;
  throw new ShopifyAuthError('bad-store', l10n.t('{0} Use the store\'s permanent domain, like my-store.myshopify.com, or just my-store.', why(shown)));
}

/**
 * Turns what a user typed into the store's permanent host, or says why it cannot.
 * Follows the Shopify CLI's normalizeStoreFqdn, plus admin.shopify.com/store/<handle> URLs.
 * A token is only ever sent to a host that came out of here.
 */
export function normalizeStore(input: string, rules: StoreRules = PRODUCTION_STORES): string {
  const text = input.trim();
  if (text === '') reject(input, (shown) => l10n.t('"{0}" is not a store name: it is empty.', shown));
  if (text.startsWith('/')) reject(input, (shown) => l10n.t('"{0}" is not a store name: it starts with "/".', shown));
  // Look-alike letters (Cyrillic "а", full-width dots) pass URL parsing as punycode; refuse them first.
  const foreign = [...text].find((ch) => ch.charCodeAt(0) > 0x7e || ch.charCodeAt(0) < 0x21);
  if (foreign !== undefined) {
    const code = foreign.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
    reject(input, (shown) => l10n.t('"{0}" is not a store name: it contains the character U+{1}, which a store domain never has.', shown, code ?? ''));
  }
  if (text.length > 300) reject(input, (shown) => l10n.t('"{0}" is not a store name: it is longer than any domain can be.', shown));

  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    reject(input, (shown) => l10n.t('"{0}" is not a store name: it cannot be read as a domain.', shown));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') reject(input, (shown) => l10n.t('"{0}" is not a store name: "{1}" is not a web address.', shown, url.protocol));
  if (url.username !== '' || url.password !== '') reject(input, (shown) => l10n.t('"{0}" is not a store name: it contains a user name or password.', shown));
  if (url.port !== '') reject(input, (shown) => l10n.t('"{0}" is not a store name: it contains a port.', shown));
  if (url.search !== '' || withScheme.includes('?')) reject(input, (shown) => l10n.t('"{0}" is not a store name: it contains a query ("?...").', shown));
  if (url.hash !== '' || withScheme.includes('#')) reject(input, (shown) => l10n.t('"{0}" is not a store name: it contains a fragment ("#...").', shown));

  let host = url.hostname.toLowerCase();
  if (host === ADMIN_HOST) {
    const handle = /^\/store\/([^/]+)(\/.*)?$/.exec(url.pathname)?.[1];
    if (handle === undefined) reject(input, (shown) => l10n.t('"{0}" is not a store name: an admin.shopify.com address must look like admin.shopify.com/store/<handle>.', shown));
    if (handle.includes('.')) reject(input, (shown) => l10n.t('"{0}" is not a store name: the handle "{1}" in admin.shopify.com/store/<handle> is one word, without dots.', shown, handle));
    host = `${handle.toLowerCase()}${PRODUCTION_SUFFIX}`;
  } else if (!['/', '/admin', '/admin/'].includes(url.pathname)) {
    reject(input, (shown) => l10n.t('"{0}" is not a store name: it contains the path "{1}".', shown, url.pathname));
  }

  if (host.endsWith('.')) reject(input, (shown) => l10n.t('"{0}" is not a store name: it ends with a dot.', shown));
  if (host.startsWith('xn--') || host.includes('.xn--')) reject(input, (shown) => l10n.t('"{0}" is not a store name: it contains an internationalised (punycode) label.', shown));
  if (!SHOPIFY_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    if (host.includes('.')) {
      reject(input, (shown) => l10n.t('"{0}" is not a store name: it looks like a custom domain; tokens only work with the store\'s permanent *.myshopify.com domain (see Settings > Domains in the admin).', shown));
    }
    host = `${host}.myshopify.com`;
  }
  if (host.length > 253) reject(input, (shown) => l10n.t('"{0}" is not a store name: it is longer than 253 characters.', shown));
  for (const label of host.split('.')) {
    if (label.length > 63) reject(input, (shown) => l10n.t('"{0}" is not a store name: the part "{1}..." is longer than 63 characters.', shown, label.slice(0, 20)));
    if (!LABEL.test(label)) reject(input, (shown) => l10n.t('"{0}" is not a store name: the part "{1}" may hold only letters, digits and inner hyphens.', shown, label));
  }
  const handle = host.slice(0, host.indexOf('.'));
  if (SHOPIFY_SUFFIXES.some((suffix) => `.${host}` === suffix) || handle === '') reject(input, (shown) => l10n.t('"{0}" is not a store name: it names no store.', shown));
  const suffix = host.slice(handle.length);
  if (!(SHOPIFY_SUFFIXES as readonly string[]).includes(suffix)) reject(input, (shown) => l10n.t('"{0}" is not a store name: a store is one word before its Shopify domain, and "{1}" has more.', shown, host));
  if (!rules.developmentStores && suffix !== PRODUCTION_SUFFIX) {
    reject(input, (shown) => l10n.t('"{0}" is not a store name: *{1} stores belong to Shopify\'s development environments, and shopifyAuth.identityUrl points to production Shopify.', shown, suffix));
  }
  return host;
}
