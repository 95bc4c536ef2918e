import { SignJWT, type JWTPayload } from 'jose';
import { FAMILIES, FAMILY_RULES } from './families';
import type { MintOptions } from './report';
import { looksLikeKey } from './secret';
import { hmacKey } from './hmacKey';
import { shopHostFrom } from './shop';

/** A longer test token would teach a backend to accept what Shopify never sends. */
const MAX_LIFETIME_SECONDS = 24 * 3600;

function randomHex(bytes: number): string {
  const data = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(data, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Creates a session token shaped like the chosen family's, signed HS256 with the given secret, for testing a
 * backend locally. Its claims follow what Shopify issues (see families.ts), so a strict checker accepts it.
 */
export async function mintSessionToken(options: MintOptions): Promise<string> {
  const { family, shop, clientId, secret } = options;
  if (!FAMILIES.includes(family)) throw new RangeError(`family must be one of ${FAMILIES.join(', ')}.`);
  const host = typeof shop === 'string' ? shopHostFrom(shop) : undefined;
  if (host === undefined) throw new RangeError('shop must be a shop name like "my-store" or "my-store.myshopify.com".');
  if (typeof clientId !== 'string' || clientId.trim() === '') throw new RangeError('clientId must not be empty.');
  if (typeof secret !== 'string' || secret === '') throw new RangeError('secret must not be empty.');
  if (looksLikeKey(secret) !== undefined) {
    throw new RangeError("secret is key material (PEM or JWK), not an app's client secret: refused.");
  }
  const rules = FAMILY_RULES[family];
  const lifetime = options.lifetimeSeconds ?? rules.lifetimeSeconds;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_LIFETIME_SECONDS) {
    throw new RangeError(`lifetimeSeconds must be a whole number from 1 to ${MAX_LIFETIME_SECONDS}.`);
  }
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new RangeError('now is not a valid Date.');

  const iat = Math.floor(now.getTime() / 1000);
  const payload: JWTPayload = {};
  // Member order as in real tokens: iss, dest, aud, sub, exp, nbf, iat, jti, sid.
  if (family === 'admin' || family === 'pos') {
    payload.iss = `https://${host}/admin`;
    payload['dest'] = `https://${host}`;
    payload.aud = clientId;
    payload.sub = options.sub ?? '1';
  } else {
    if (family === 'checkout') payload.iss = `https://${host}/checkouts`;
    payload['dest'] = host;
    payload.aud = clientId;
    if (options.sub !== undefined) payload.sub = /^\d+$/.test(options.sub) ? `gid://shopify/Customer/${options.sub}` : options.sub;
  }
  payload.exp = iat + lifetime;
  payload.nbf = iat;
  payload.iat = iat;
  payload.jti = globalThis.crypto.randomUUID();
  if (rules.sidRequired) payload['sid'] = randomHex(16);

  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(await hmacKey(secret));
}
