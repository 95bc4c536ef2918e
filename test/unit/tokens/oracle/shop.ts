/** Reading shop hosts out of `dest` and `iss`. Exact text matching, no URL parser leniency (no ports, users, case folding). */

const SHOP_HOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.myshopify\.com$/;

export function isShopHost(host: string): boolean {
  return SHOP_HOST.test(host);
}

/** `dest` comes as an origin ("https://x.myshopify.com", admin and POS) or a bare host ("x.myshopify.com", extensions). */
export type DestForm = 'origin' | 'bare';

export type DestReading =
  | { readonly ok: true; readonly host: string; readonly form: DestForm }
  /** `format`: not written as a bare host or an https origin; `host`: written so, but not a shop host. */
  | { readonly ok: false; readonly rule: 'format' | 'host'; readonly why: string };

export function readDest(dest: string): DestReading {
  const origin = /^https:\/\/([^/?#]*)\/?$/.exec(dest);
  const host = origin ? (origin[1] ?? '') : dest;
  if (!origin && /^[a-z][a-z0-9+.-]*:/i.test(dest)) {
    return { ok: false, rule: 'format', why: dest.toLowerCase().startsWith('http:') ? 'uses http, not https' : 'is an address with a path, query or unexpected scheme, not a shop' };
  }
  if (!origin && /[/?#]/.test(dest)) return { ok: false, rule: 'format', why: 'has a path or query; it should name only the shop' };
  if (!isShopHost(host)) {
    return {
      ok: false,
      rule: 'host',
      why: host.toLowerCase() !== host ? 'has capital letters; Shopify writes shop hosts in lower case' : 'is not a *.myshopify.com shop host',
    };
  }
  return { ok: true, host, form: origin ? 'origin' : 'bare' };
}

export type IssReading =
  | { readonly ok: true; readonly host: string; readonly path: string }
  | { readonly ok: false; readonly why: string };

/** `iss` is "https://<shop host><path>", the path naming the surface ("/admin", "/checkouts"). */
export function readIss(iss: string): IssReading {
  const match = /^https:\/\/([^/?#]*)(\/[^?#]*)?$/.exec(iss);
  if (!match) {
    return { ok: false, why: /^http:/i.test(iss) ? 'uses http, not https' : 'is not an https address without query or fragment' };
  }
  return { ok: true, host: match[1] ?? '', path: match[2] ?? '' };
}

/** "my-store", "my-store.myshopify.com", "https://my-store.myshopify.com/" → "my-store.myshopify.com", or undefined. */
export function shopHostFrom(shop: string): string | undefined {
  let text = shop.trim().toLowerCase().replace(/^https:\/\//, '').replace(/\/(admin\/?)?$/, '');
  if (!text.includes('.')) text = `${text}.myshopify.com`;
  return isShopHost(text) ? text : undefined;
}
