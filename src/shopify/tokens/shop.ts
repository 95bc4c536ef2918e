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
  | { readonly ok: false; readonly rule: 'format' | 'host'; readonly problem: DestProblem };

/** What is wrong with a dest; the check's sentence says it (one whole sentence per problem, for translators). */
export type DestProblem = 'http' | 'not-a-shop-address' | 'path' | 'capitals' | 'not-a-shop-host';

const DEST_ORIGIN = /^https:\/\/[^/?#]*\/?$/;
const ISS = /^https:\/\/[^/?#]*(?:\/[^?#]*)?$/;

export function readDest(dest: string): DestReading {
  // Tested, then cut by position: the host is what follows "https://", less one closing "/".
  const origin = DEST_ORIGIN.test(dest);
  const host = origin ? dest.slice(8, dest.endsWith('/') ? -1 : dest.length) : dest;
  if (!origin && /^[a-z][a-z0-9+.-]*:/i.test(dest)) {
    return { ok: false, rule: 'format', problem: dest.toLowerCase().startsWith('http:') ? 'http' : 'not-a-shop-address' };
  }
  if (!origin && /[/?#]/.test(dest)) return { ok: false, rule: 'format', problem: 'path' };
  if (!isShopHost(host)) {
    return {
      ok: false,
      rule: 'host',
      problem: host.toLowerCase() !== host ? 'capitals' : 'not-a-shop-host',
    };
  }
  return { ok: true, host, form: origin ? 'origin' : 'bare' };
}

export type IssReading =
  | { readonly ok: true; readonly host: string; readonly path: string }
  | { readonly ok: false; readonly problem: 'http' | 'not-https' };

/** `iss` is "https://<shop host><path>", the path naming the surface ("/admin", "/checkouts"). */
export function readIss(iss: string): IssReading {
  if (!ISS.test(iss)) {
    return { ok: false, problem: /^http:/i.test(iss) ? 'http' : 'not-https' };
  }
  // A host holds no "/": the path starts at the first one after "https://".
  const slash = iss.indexOf('/', 8);
  return slash < 0 ? { ok: true, host: iss.slice(8), path: '' } : { ok: true, host: iss.slice(8, slash), path: iss.slice(slash) };
}

/**
 * readIss(iss).path when it is "/admin" or "/checkouts" and the iss reads, without building the reading: family
 * recognition asks only this, once per token.
 */
export function issSurface(iss: string): '/admin' | '/checkouts' | undefined {
  if (!ISS.test(iss)) return undefined;
  // A shop host holds no "/", so the path starts at the first one after "https://".
  const slash = iss.indexOf('/', 8);
  if (slash === iss.length - 6 && iss.endsWith('/admin')) return '/admin';
  if (slash === iss.length - 10 && iss.endsWith('/checkouts')) return '/checkouts';
  return undefined;
}

/** "my-store", "my-store.myshopify.com", "https://my-store.myshopify.com/" → "my-store.myshopify.com", or undefined. */
export function shopHostFrom(shop: string): string | undefined {
  let text = shop.trim().toLowerCase().replace(/^https:\/\//, '').replace(/\/(admin\/?)?$/, '');
  if (!text.includes('.')) text = `${text}.myshopify.com`;
  return isShopHost(text) ? text : undefined;
}
