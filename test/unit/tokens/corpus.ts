/** The checklist corpus: one token per rule in docs/session-tokens.md, with the code it must be refused (or warned about) with. */
import { CHECK_CODES as C, type CheckCode, type VerifyOptions } from '../../../src/shopify/tokens';
import { b64u, CLIENT_ID, claimsFor, claimsToken, HEADER, joseToken, rawToken, SECRET, SHOP, sign, T, tokenFromSegments } from './helpers';

export interface Case {
  readonly name: string;
  readonly token: () => string | Promise<string>;
  readonly code: CheckCode;
  readonly status?: 'fail' | 'warn';
  readonly options?: Partial<VerifyOptions>;
  /** The rule needs the secret or client id, so decode cannot show it. */
  readonly verifyOnly?: boolean;
  readonly signature?: 'verified' | 'mismatch' | 'not-checked' | 'unsupported';
  /** Text the message must contain (the offending value, or the advice). */
  readonly says?: RegExp;
}

export const admin = (o: Record<string, unknown> = {}): string => JSON.stringify(claimsFor('admin', o));
const ext = (o: Record<string, unknown> = {}): string => JSON.stringify(claimsFor('checkout', o));

/** The payload segment of `json`, grown with trailing spaces until its base64url length has the wanted remainder. */
export function payloadWithRemainder(json: string, remainders: number[]): string {
  for (let text = json; ; text += ' ') {
    const seg = b64u(text);
    if (remainders.includes(seg.length % 4)) return seg;
  }
}

/** Standard base64 (with "+" or "/") of valid claims. */
function standardBase64Payload(): string {
  for (let n = 3; n < 12; n++) {
    const seg = Buffer.from(ext({ note: '>?'.repeat(n) })).toString('base64').replace(/=+$/, '');
    if (/[+/]/.test(seg)) return seg;
  }
  throw new Error('no standard-base64 payload found');
}

export const H = b64u(HEADER);

export const CASES: Case[] = [
  // ---- input ----
  { name: 'empty input', token: () => '   ', code: C.inputEmpty },
  { name: 'input over 16 KB', token: () => joseToken(claimsFor('admin', { pad: 'x'.repeat(17000) })), code: C.inputTooLong, says: /16384/ },
  { name: 'two segments', token: () => `${H}.${b64u(admin())}`, code: C.inputSegments },
  { name: 'four segments', token: () => `${H}.${b64u(admin())}.abc.def`, code: C.inputSegments },
  { name: 'five segments (JWE)', token: () => 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y2lwaGVy.dGFn', code: C.inputJwe, says: /encrypted JWE/ },

  // ---- base64url ----
  { name: 'empty header segment', token: () => `.${b64u(admin())}.${sign(`.${b64u(admin())}`)}`, code: C.base64urlEmpty },
  { name: 'padded payload', token: () => tokenFromSegments(H, `${payloadWithRemainder(admin(), [2])}==`), code: C.base64urlPadding },
  { name: 'standard base64 "+" or "/"', token: () => tokenFromSegments(H, standardBase64Payload()), code: C.base64urlAlphabet },
  {
    name: 'line break inside the payload',
    token: () => {
      const p = b64u(admin());
      return tokenFromSegments(H, `${p.slice(0, 20)}\n${p.slice(20)}`);
    },
    code: C.base64urlWhitespace,
  },
  { name: 'a character outside base64url', token: () => tokenFromSegments(H, `${b64u(admin()).slice(0, 10)}*${b64u(admin()).slice(10)}`), code: C.base64urlCharacter, says: /U\+002A/ },
  { name: 'impossible length', token: () => tokenFromSegments(H, `${payloadWithRemainder(admin(), [0])}A`), code: C.base64urlLength },
  {
    name: 'non-canonical last character',
    token: () => {
      const seg = payloadWithRemainder(admin(), [2, 3]);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = alphabet.indexOf(seg.charAt(seg.length - 1));
      return tokenFromSegments(H, seg.slice(0, -1) + alphabet.charAt(last + 1));
    },
    code: C.base64urlNoncanonical,
  },
  { name: 'empty signature (unsecured)', token: () => `${H}.${b64u(admin())}.`, code: C.signatureMissing },
  { name: 'truncated signature', token: () => `${H}.${b64u(admin())}.${sign(`${H}.${b64u(admin())}`).slice(0, 40)}`, code: C.signatureLength },

  // ---- header ----
  { name: 'header not JSON', token: () => rawToken('{"alg":"HS256",', admin()), code: C.headerJson },
  { name: 'header a list', token: () => rawToken('["HS256"]', admin()), code: C.headerNotObject },
  { name: 'header names alg twice', token: () => rawToken('{"alg":"none","alg":"HS256","typ":"JWT"}', admin()), code: C.headerDuplicateKey, says: /"alg"/ },
  { name: 'header names alg twice, once escaped', token: () => rawToken('{"alg":"HS256","\\u0061lg":"HS256"}', admin()), code: C.headerDuplicateKey },
  { name: 'alg RS256', token: () => rawToken('{"alg":"RS256","typ":"JWT"}', admin()), code: C.headerAlg, says: /"RS256"/, signature: 'unsupported' },
  { name: 'alg hs256 in lower case', token: () => rawToken('{"alg":"hs256","typ":"JWT"}', admin()), code: C.headerAlg, says: /"hs256"/, signature: 'unsupported' },
  { name: 'alg none', token: () => rawToken('{"alg":"none","typ":"JWT"}', admin()), code: C.headerAlgNone, signature: 'unsupported' },
  { name: 'no alg', token: () => rawToken('{"typ":"JWT"}', admin()), code: C.headerAlgMissing, signature: 'unsupported' },
  { name: 'crit', token: () => rawToken('{"alg":"HS256","crit":["exp"],"exp":1}', admin()), code: C.headerCrit, signature: 'unsupported' },
  { name: 'b64', token: () => rawToken('{"alg":"HS256","b64":false,"crit":["b64"]}', admin()), code: C.headerB64, signature: 'unsupported' },
  { name: 'typ other than JWT', token: () => rawToken('{"alg":"HS256","typ":"at+jwt"}', admin()), code: C.headerTyp, status: 'warn', signature: 'verified', says: /"at\+jwt"/ },
  {
    name: 'kid and jku (never fetched)',
    token: () => rawToken('{"alg":"HS256","typ":"JWT","kid":"k1","jku":"https://attacker.example/jwks"}', admin()),
    code: C.headerKeyReference,
    status: 'warn',
    signature: 'verified',
  },

  // ---- what the caller verifies with ----
  { name: 'PEM text as secret', token: () => joseToken(claimsFor('admin')), options: { secret: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----\n' }, code: C.secretLooksLikeKey, verifyOnly: true, signature: 'not-checked' },
  { name: 'JWK text as secret', token: () => joseToken(claimsFor('admin')), options: { secret: '{"kty":"oct","k":"c2VjcmV0"}' }, code: C.secretLooksLikeKey, verifyOnly: true, signature: 'not-checked' },
  { name: 'empty secret', token: () => joseToken(claimsFor('admin')), options: { secret: '' }, code: C.secretEmpty, verifyOnly: true, signature: 'not-checked' },
  { name: 'client id given as secret', token: () => joseToken(claimsFor('admin')), options: { secret: CLIENT_ID }, code: C.secretIsClientId, verifyOnly: true, signature: 'not-checked' },
  { name: 'secret with a trailing line break', token: () => joseToken(claimsFor('admin')), options: { secret: `${SECRET}\n` }, code: C.secretWhitespace, status: 'warn', verifyOnly: true, signature: 'mismatch' },
  { name: 'previous secret same as current', token: () => joseToken(claimsFor('admin')), options: { previousSecret: SECRET }, code: C.secretPreviousSame, status: 'warn', verifyOnly: true, signature: 'verified' },
  { name: 'no client id', token: () => joseToken(claimsFor('admin')), options: { clientId: '' }, code: C.clientIdMissing, verifyOnly: true, signature: 'verified' },

  // ---- claims set ----
  { name: 'payload not JSON', token: () => rawToken(HEADER, '{"exp":'), code: C.claimsJson },
  { name: 'payload not UTF-8', token: () => tokenFromSegments(H, b64u(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))), code: C.claimsJson },
  { name: 'payload a number', token: () => rawToken(HEADER, '42'), code: C.claimsNotObject },
  { name: 'payload names aud twice', token: () => claimsToken(admin().replace('{', '{"aud":"another-app",')), code: C.claimsDuplicateKey, says: /"aud"/ },

  // ---- exp / nbf / iat ----
  { name: 'no exp', token: () => joseToken(claimsFor('admin', { exp: undefined })), code: C.expMissing },
  { name: 'exp a string', token: () => joseToken(claimsFor('admin', { exp: String(T + 55) })), code: C.expType, says: /a string/ },
  { name: 'exp 1e309', token: () => claimsToken(admin({ exp: 0 }).replace('"exp":0', '"exp":1e309')), code: C.expNotFinite },
  { name: 'expired', token: () => joseToken(claimsFor('admin', { iat: T - 240, nbf: T - 240, exp: T - 180 })), code: C.expExpired, says: /Expired 3 min ago.*fetch a fresh token/ },
  { name: 'no nbf', token: () => joseToken(claimsFor('admin', { nbf: undefined })), code: C.nbfMissing },
  { name: 'nbf a string', token: () => joseToken(claimsFor('admin', { nbf: 'soon' })), code: C.nbfType },
  { name: 'nbf 1e309', token: () => claimsToken(admin({ nbf: 0 }).replace('"nbf":0', '"nbf":1e309')), code: C.nbfNotFinite },
  { name: 'nbf 40 s ahead', token: () => joseToken(claimsFor('admin', { nbf: T + 40, iat: T - 5, exp: T + 55 })), code: C.nbfFuture, says: /Not valid for 40 s more.*clocks differ/ },
  { name: 'no iat', token: () => joseToken(claimsFor('admin', { iat: undefined })), code: C.iatMissing, status: 'warn', signature: 'verified' },
  { name: 'iat a string', token: () => joseToken(claimsFor('admin', { iat: 'now' })), code: C.iatType },
  { name: 'iat -1e309', token: () => claimsToken(admin({ iat: 0 }).replace('"iat":0', '"iat":-1e309')), code: C.iatNotFinite },
  { name: 'iat in the future', token: () => joseToken(claimsFor('admin', { iat: T + 60, nbf: T - 5, exp: T + 100 })), code: C.iatFuture, says: /clocks differ/ },
  {
    name: 'times in milliseconds',
    token: () => joseToken(claimsFor('admin', { iat: (T - 5) * 1000, nbf: (T - 5) * 1000, exp: (T + 55) * 1000 })),
    code: C.msTimestamp,
    status: 'warn',
  },
  { name: 'exp not after nbf', token: () => joseToken(claimsFor('admin', { iat: T - 5, nbf: T + 5, exp: T + 5 })), code: C.window },
  { name: 'admin token living an hour', token: () => joseToken(claimsFor('admin', { exp: T - 5 + 3600 })), code: C.lifetime, status: 'warn', signature: 'verified' },

  // ---- aud ----
  { name: 'no aud', token: () => joseToken(claimsFor('admin', { aud: undefined })), code: C.audMissing },
  { name: 'aud a list holding the client id', token: () => joseToken(claimsFor('admin', { aud: [CLIENT_ID, 'another-app'] })), code: C.audArray },
  { name: 'aud a number', token: () => joseToken(claimsFor('admin', { aud: 42 })), code: C.audType },
  { name: 'aud of another app', token: () => joseToken(claimsFor('admin', { aud: 'another-app' })), code: C.aud, verifyOnly: true, says: /"another-app".*another app/ },
  { name: 'aud differing only in case', token: () => joseToken(claimsFor('admin', { aud: CLIENT_ID.toUpperCase() })), code: C.aud, verifyOnly: true, says: /only in case/ },

  // ---- dest and iss ----
  { name: 'no dest', token: () => joseToken(claimsFor('checkout', { dest: undefined, iss: `https://${SHOP}/checkouts` })), code: C.destMissing },
  { name: 'dest not a shop', token: () => joseToken(claimsFor('checkout', { dest: 'evil.example.com' })), code: C.destHost, says: /myshopify/ },
  { name: 'dest over http', token: () => joseToken(claimsFor('admin', { dest: `http://${SHOP}` })), code: C.destFormat, says: /http/ },
  { name: 'dest with a path', token: () => joseToken(claimsFor('admin', { dest: `https://${SHOP}/admin` })), code: C.destFormat },
  { name: 'dest in the wrong form for the family', token: () => joseToken(claimsFor('checkout')), options: { family: 'admin' }, code: C.destForm, says: /another kind/ },
  { name: 'dest a number', token: () => joseToken(claimsFor('admin', { dest: 42 })), code: C.destType, says: /a number/ },
  { name: 'dest in capitals', token: () => joseToken(claimsFor('admin', { dest: `https://${SHOP.toUpperCase()}` })), code: C.destHost, says: /lower case/ },
  { name: 'admin-like token without iss', token: () => joseToken(claimsFor('admin', { iss: undefined })), code: C.issMissing },
  { name: 'iss on another shop', token: () => joseToken(claimsFor('admin', { iss: 'https://other-store.myshopify.com/admin' })), code: C.issHost, says: /two shops/ },
  { name: 'iss path naming no surface', token: () => joseToken(claimsFor('admin', { iss: `https://${SHOP}/apps` })), code: C.issPath, says: /"\/apps"/ },
  { name: 'iss path of another family', token: () => joseToken(claimsFor('checkout', { iss: `https://${SHOP}/admin` })), options: { family: 'checkout' }, code: C.issPath },
  { name: 'iss over http', token: () => joseToken(claimsFor('admin', { iss: `http://${SHOP}/admin` })), code: C.issFormat },

  // ---- per family ----
  { name: 'admin token without sub', token: () => joseToken(claimsFor('admin', { sub: undefined })), code: C.subMissing },
  { name: 'extension token whose sub is not a customer', token: () => joseToken(claimsFor('checkout', { sub: '42' })), code: C.subFormat, status: 'warn', signature: 'verified' },
  { name: 'admin token without sid', token: () => joseToken(claimsFor('admin', { sid: undefined })), options: { family: 'admin' }, code: C.sidMissing },
  { name: 'no jti', token: () => joseToken(claimsFor('checkout', { jti: undefined })), code: C.jtiMissing },
  { name: 'jti a number', token: () => joseToken(claimsFor('checkout', { jti: 7 })), code: C.jtiMissing },
  { name: 'no iss or dest: family unknown', token: () => joseToken({ aud: CLIENT_ID, exp: T + 55, nbf: T - 5, iat: T - 5, jti: 'x' }), code: C.family, status: 'warn' },
];

