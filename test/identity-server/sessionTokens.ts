// Session tokens of every family (session-tokens.md), HS256-signed with a test app secret,
// so the extension's checker can be tested against realistic and deliberately broken tokens.
import { SignJWT } from 'jose';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { SessionTokenFamily, SessionTokenRequest } from './types.ts';
import {
  expectNonNegativeInteger,
  expectObject,
  expectOneOf,
  expectString,
  rejectUnknownKeys,
  type JsonObject,
} from './validate.ts';

const FAMILIES: readonly SessionTokenFamily[] = ['admin', 'checkout', 'customer-account', 'pos'];
const LIFETIMES: Readonly<Record<SessionTokenFamily, number>> = { admin: 60, checkout: 300, 'customer-account': 300, pos: 60 };
const REQUEST_KEYS = ['family', 'shop', 'clientId', 'secret', 'lifetime', 'sub', 'claims', 'header'];
const HMAC_HASHES: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

export function parseSessionTokenRequest(value: unknown): SessionTokenRequest {
  const input = expectObject(value, 'session-token body');
  rejectUnknownKeys(input, REQUEST_KEYS, 'session-token');
  const request: SessionTokenRequest = {
    family: expectOneOf(input.family, FAMILIES, 'family'),
    shop: expectString(input.shop, 'shop'),
    clientId: expectString(input.clientId, 'clientId'),
    secret: expectString(input.secret, 'secret'),
  };
  if (input.lifetime !== undefined) request.lifetime = expectNonNegativeInteger(input.lifetime, 'lifetime');
  if (input.sub !== undefined) request.sub = expectString(input.sub, 'sub');
  if (input.claims !== undefined) request.claims = expectObject(input.claims, 'claims');
  if (input.header !== undefined) request.header = expectObject(input.header, 'header');
  return request;
}

/** The family's claims in the order real tokens carry them, then the caller's overrides (null removes). */
export function sessionTokenClaims(request: SessionTokenRequest, now: number): JsonObject {
  const { family, shop, clientId } = request;
  const iat = Math.floor(now / 1000);
  const exp = iat + (request.lifetime ?? LIFETIMES[family]);
  const jti = randomUUID();
  let claims: JsonObject;
  switch (family) {
    case 'admin':
      claims = {
        iss: `https://${shop}/admin`,
        dest: `https://${shop}`,
        aud: clientId,
        sub: request.sub ?? '42',
        exp,
        nbf: iat,
        iat,
        jti,
        sid: randomBytes(16).toString('hex'),
      };
      break;
    case 'checkout':
    case 'customer-account':
      claims = family === 'checkout' ? { iss: `https://${shop}/checkouts`, dest: shop } : { dest: shop };
      Object.assign(claims, { aud: clientId, exp, nbf: iat, iat, jti });
      if (request.sub !== undefined) claims.sub = request.sub.startsWith('gid://') ? request.sub : `gid://shopify/Customer/${request.sub}`;
      break;
    case 'pos':
      claims = { dest: shop, aud: clientId, sub: request.sub ?? '42', exp, nbf: iat, iat, jti };
      break;
  }
  return withOverrides(claims, request.claims);
}

export async function mintSessionToken(request: SessionTokenRequest, now = Date.now()): Promise<string> {
  const claims = sessionTokenClaims(request, now);
  const header = withOverrides({ alg: 'HS256', typ: 'JWT' }, request.header);
  const secret = new TextEncoder().encode(request.secret);
  const alg = header.alg;
  if (typeof alg === 'string' && alg in HMAC_HASHES && header.crit === undefined && header.b64 === undefined) {
    return new SignJWT(claims).setProtectedHeader({ ...header, alg }).sign(secret);
  }
  // Headers jose refuses to produce (alg none, an RS256 label on an HMAC signature, crit/b64) are
  // exactly what a strict checker must reject, so they are assembled by hand.
  return signByHand(header, claims, request.secret);
}

function signByHand(header: JsonObject, claims: JsonObject, secret: string): string {
  const encode = (part: JsonObject): string => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  if (header.alg === 'none') return `${input}.`;
  const hash = (typeof header.alg === 'string' && HMAC_HASHES[header.alg]) || 'sha256';
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

function withOverrides(base: JsonObject, overrides: JsonObject | undefined): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}
