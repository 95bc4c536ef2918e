/**
 * Deterministic damage for the differential test: from a few well-formed tokens, a seeded generator makes thousands
 * of tokens that are wrong in one or two ways each (characters flipped, inserted or deleted, segments swapped,
 * claims or header edited and re-signed, the input wrapped as a header or URL). The same seed always gives the same
 * tokens, so a difference found once is found again.
 */
import { b64u, CLIENT_ID, claimsFor, OLD_SECRET, rawToken, SECRET, SHOP, sign, T } from './helpers';

/** mulberry32: small, fast and good enough to pick mutations; not for anything secret. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** Characters a damaged copy can contain: mostly base64url, plus the ones each strictness rule is about. */
const NOISE = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '+', '/', '=', ' ', '\n', '\t', '*', '.', 'é', '\u00a0', '\ud83d'];

/** Claim values that break one rule each, by name; `undefined` removes the claim. */
function claimEdits(): ReadonlyArray<readonly [string, unknown]> {
  return [
    ['exp', undefined],
    ['exp', T - 3600],
    ['exp', T - 5],
    ['exp', T + 86_400],
    ['exp', String(T + 55)],
    ['exp', (T + 55) * 1000],
    ['exp', T - 5],
    ['exp', 0],
    ['exp', -1e13],
    ['exp', 1e13],
    ['nbf', undefined],
    ['nbf', T + 40],
    ['nbf', T + 8],
    ['nbf', (T + 40) * 1000],
    ['nbf', 'soon'],
    ['nbf', T + 1e6],
    ['iat', undefined],
    ['iat', T + 60],
    ['iat', T + 3],
    ['iat', (T - 5) * 1000],
    ['iat', null],
    ['iat', T - 7200],
    ['aud', undefined],
    ['aud', 'another-app'],
    ['aud', CLIENT_ID.toUpperCase()],
    ['aud', ` ${CLIENT_ID}`],
    ['aud', [CLIENT_ID]],
    ['aud', 42],
    ['aud', ''],
    ['dest', undefined],
    ['dest', ''],
    ['dest', SHOP],
    ['dest', `https://${SHOP}`],
    ['dest', `https://${SHOP}/`],
    ['dest', `http://${SHOP}`],
    ['dest', `https://${SHOP}/admin`],
    ['dest', 'evil.example.com'],
    ['dest', `https://${SHOP.toUpperCase()}`],
    ['dest', `ftp://${SHOP}`],
    ['dest', `${SHOP}?x=1`],
    ['dest', 42],
    ['iss', undefined],
    ['iss', `https://${SHOP}/admin`],
    ['iss', `https://${SHOP}/checkouts`],
    ['iss', `https://${SHOP}`],
    ['iss', `https://${SHOP}/apps`],
    ['iss', 'https://other-store.myshopify.com/admin'],
    ['iss', 'https://evil.example.com/admin'],
    ['iss', `http://${SHOP}/admin`],
    ['iss', `https://${SHOP}/admin?x`],
    ['iss', ['x']],
    ['sub', undefined],
    ['sub', ''],
    ['sub', '74329876'],
    ['sub', 'gid://shopify/Customer/5550001'],
    ['sub', 'someone'],
    ['sub', 7],
    ['sid', undefined],
    ['sid', ''],
    ['sid', 5],
    ['jti', undefined],
    ['jti', ''],
    ['jti', 7],
    ['jti', 'with space and "quotes"'],
    ['jti', 'x'.repeat(100)],
    ['ext', { a: 1, b: [1, { c: 2 }] }],
    ['note', '\u0000\u001f</script>\u2028'],
  ];
}

/** Header texts: the usual one, and one per header rule. */
const HEADERS = [
  '{"alg":"HS256","typ":"JWT"}',
  '{"alg":"HS256","typ":"JWT"}',
  '{"typ":"JWT","alg":"HS256"}',
  '{"alg":"HS256"}',
  '{"alg":"HS256","typ":"at+jwt"}',
  '{"alg":"HS256","typ":"JWT","kid":"k1","jku":"https://attacker.example/jwks"}',
  '{"alg":"HS384","typ":"JWT"}',
  '{"alg":"RS256","typ":"JWT"}',
  '{"alg":"none","typ":"JWT"}',
  '{"alg":"NONE"}',
  '{"alg":"hs256"}',
  '{"alg":7}',
  '{"typ":"JWT"}',
  '{"alg":"HS256","crit":["exp"]}',
  '{"alg":"HS256","b64":false,"crit":["b64"]}',
  '{"alg":"HS256","alg":"HS256"}',
  '{"alg":"HS256","\\u0061lg":"none"}',
  '{"alg":"HS256","x":{"y":1,"y":2}}',
  '["HS256"]',
  '{"alg":"HS256",',
  ' {"alg":"HS256"} ',
];

/** Payload texts with faults JSON.stringify cannot write: duplicates, 1e309, nesting, odd spacing. */
function rawPayloadEdits(json: string): string[] {
  return [
    json.replace('{', '{"aud":"another-app",'),
    json.replace(/"exp":\d+/, '"exp":1e309'),
    json.replace(/"nbf":\d+/, '"nbf":-1e309'),
    json.replace(/"iat":\d+/, '"iat":1.5e9'),
    json.replace('{', '{"x":{"k":1,"k":2},'),
    json.replace('{', '{"l":[{"k":1},{"k":1,"k":3}],'),
    json.replace('{', '{ "\\u0073ub" : "1" , '),
    `${json}  `,
    `\ufeff${json}`,
    json.replace('{', '{"note":"\ufffd is a real character here",'),
    json.replace(/,/g, ' ,\n'),
    '{}',
    'null',
    '[1,2]',
    '"text"',
    json.slice(0, -1),
  ];
}

const SECRETS = [SECRET, SECRET, SECRET, OLD_SECRET, 'a-third-secret-nobody-has'];

function editClaims(random: Random, claims: Record<string, unknown>, edits: number): Record<string, unknown> {
  const out = { ...claims };
  const all = claimEdits();
  for (let i = 0; i < edits; i++) {
    const [name, value] = pick(random, all);
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out;
}

function damageText(random: Random, token: string): string {
  const at = Math.floor(random() * (token.length + 1));
  switch (Math.floor(random() * 3)) {
    case 0:
      return token.slice(0, at) + pick(random, NOISE) + token.slice(at + 1);
    case 1:
      return token.slice(0, at) + pick(random, NOISE) + token.slice(at);
    default:
      return token.slice(0, at) + token.slice(at + 1);
  }
}

function swapSegments(random: Random, token: string): string {
  const parts = token.split('.');
  if (parts.length < 2) return `${token}.`;
  const i = Math.floor(random() * parts.length);
  const j = (i + 1 + Math.floor(random() * (parts.length - 1))) % parts.length;
  [parts[i], parts[j]] = [parts[j] ?? '', parts[i] ?? ''];
  return parts.join('.');
}

function wrap(random: Random, token: string): string {
  return pick(random, [
    `Bearer ${token}`,
    `Authorization: Bearer ${token}`,
    `  "${token}"\n`,
    `'${token}'`,
    `https://my-app.example.com/auth?shop=${SHOP}&id_token=${token}&host=abc`,
    `id_token=${encodeURIComponent(token)}`,
    `https://x.example/?id_token=%E0%A4%A`,
    `${token}.${token}`,
    `${token.split('.').slice(0, 2).join('.')}`,
    `${token}..aXY`,
    '',
    ' \n ',
  ]);
}

/** One damaged token, built from a family's valid claims. */
export function mutatedToken(random: Random): string {
  const family = pick(random, ['admin', 'admin', 'admin', 'pos', 'checkout', 'customer-account'] as const);
  let claims = claimsFor(family);
  const kind = Math.floor(random() * 10);
  if (kind <= 3) claims = editClaims(random, claims, 1 + Math.floor(random() * 3));
  let payloadJson = JSON.stringify(claims);
  if (kind === 4) payloadJson = pick(random, rawPayloadEdits(payloadJson));
  const headerJson = kind === 5 ? pick(random, HEADERS) : HEADERS[0] ?? '';
  let token = rawToken(headerJson, payloadJson, pick(random, SECRETS));
  if (kind === 6) token = damageText(random, token);
  if (kind === 7) token = random() < 0.5 ? swapSegments(random, token) : damageText(random, damageText(random, token));
  if (kind === 8) token = wrap(random, token);
  if (kind === 9) {
    // Segments re-spelled: padding, standard alphabet, a signature cut short or signed over other text.
    const [h = '', p = ''] = token.split('.');
    token = pick(random, [
      `${h}.${p}==.${sign(`${h}.${p}`)}`,
      `${h}.${Buffer.from(payloadJson).toString('base64')}.${sign(`${h}.${p}`)}`,
      `${h}.${p}.${sign(`${h}.${p}`).slice(0, 20 + Math.floor(random() * 20))}`,
      `${h}.${p}.${sign(`${p}.${h}`)}`,
      `${h}.${p}.${b64u(new Uint8Array(32))}`,
      `${h}.${p}.`,
    ]);
  }
  return token;
}

/** `count` damaged tokens from one seed. */
export function mutatedTokens(seed: number, count: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => mutatedToken(random));
}
