import { createHash } from 'node:crypto';

/** A short, stable name for a secret: enough to tell two tokens apart in a log, useless to an attacker. */
export function fingerprint(secret: string): string {
  return `#${createHash('sha256').update(secret).digest('hex').slice(0, 8)}`;
}

// A compact JWS or JWE: base64url segments joined by dots, the first a JSON header: "ey" for `{"` or `{ `, "ew" for a
// header laid out on lines (`{` then a newline, CR or tab). An empty second segment is a JWE with direct encryption
// (no encrypted key; then the IV, ciphertext and tag) or a JWS with a detached payload (then only the signature).
// It starts only where a base64url run starts: from every "ey" inside a run (as \b allowed after "-") each try
// scanned the rest of the run, and 100,000 characters of "-ey" took half a minute. The price: a token glued to a
// word by "-" is not found by its shape (one glued by "_" never was); the tokens we hold are still removed as held
// secrets. A store such as eyewear-shop.myshopify.com has the same shape: opensJsonObject tells them apart.
const COMPACT_JOSE = /(?<![A-Za-z0-9_-])e[yw][A-Za-z0-9_-]{8,}\.(?:[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){1,3}|\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){0,2})/g;

/** Whether a JOSE-shaped text's first segment decodes to the start of a JSON object: "{", white space, a name's quote. */
function opensJsonObject(shaped: string): boolean {
  const head = shaped.slice(0, Math.min(16, shaped.indexOf('.')));
  return /^\{\s*"/.test(Buffer.from(head, 'base64url').toString('latin1'));
}

// Shapes a secret can take in text we did not write ourselves (server errors, exception messages).
const SECRET_SHAPES: RegExp[] = [
  // Shopify opaque tokens: identity access and refresh (atkn_, atkr_, …), admin, custom app, theme access
  /\b(?:atk[a-z]|shpat|shpua|shpca|shptka|shpss|shppa|shprt)_[A-Za-z0-9_-]{6,}/g,
  // bearer headers and form or query parameters that carry secrets
  /\b(Bearer\s+)[^\s"',;]+/gi,
  // Basic credentials are base64 of "user:password" (a challenge's "Basic realm=…" is not)
  /\b(Basic\s+)[A-Za-z0-9+/]{6,}={0,2}(?![A-Za-z0-9+/=])/gi,
  /\b((?:access_token|refresh_token|subject_token|id_token|device_code|client_secret|token|secret|password)=)[^\s&"',;]+/gi,
  // A JSON string member (escaped quotes inside it included), quoted with " or ', and the same name unquoted in YAML or logs.
  /("(?:access_token|refresh_token|subject_token|id_token|device_code|client_secret|accessToken|refreshToken|secret|token|password)"\s*:\s*")(?:[^"\\]|\\.)*/gi,
  /('(?:access_token|refresh_token|subject_token|id_token|device_code|client_secret|accessToken|refreshToken|secret|token|password)'\s*:\s*')(?:[^'\\]|\\.)*/gi,
  /(\b(?:access_token|refresh_token|subject_token|id_token|device_code|client_secret|password):[ \t]*)(?!["'\s])[^\s"',;}]+/gi,
];

/**
 * Every secret the extension holds now (tokens, refresh tokens, app secrets), so that redaction also
 * catches those whose shape no pattern knows. The newest few thousand are kept, oldest forgotten first.
 */
// On globalThis: the lazily loaded bundle (dist/tokens.js) has its own copy of this module, and must share the set.
const LIVE_KEY = Symbol.for('shopify-authentication.liveSecrets');
const holder = globalThis as typeof globalThis & { [LIVE_KEY]?: Set<string> };
const live: Set<string> = (holder[LIVE_KEY] ??= new Set<string>());
const LIVE_LIMIT = 2000;
const MIN_SECRET_LENGTH = 8;

export function rememberSecret(secret: string | undefined): void {
  if (secret === undefined || secret.length < MIN_SECRET_LENGTH) return;
  live.delete(secret); // re-adding moves it to the newest end
  live.add(secret);
  if (live.size > LIVE_LIMIT) live.delete(live.values().next().value as string);
}

/** Replaces every known secret and anything that looks like one with its fingerprint. Applied to every log line and every error text shown. */
export function redact(text: string, known?: Iterable<string>): string {
  let out = text;
  if (known !== undefined) for (const secret of known) out = withoutSecret(out, secret);
  for (const secret of live) out = withoutSecret(out, secret);
  // A user name and password inside a URL (https://user:pass@host), masked as Check Connection masks them;
  // the placeholder our own hints show (http://user:password@host:port) holds no secret and stays readable.
  // The user information runs to the last "@" before the host: a password typed as is may hold "@", "?" or "#"
  // (a URL parser would end it there, and show the rest). Only a space, "/" or a quote ends it.
  // The scheme starts where a run of scheme characters starts, for the same reason as the token shapes above; the
  // run may open with any of them, so a stray character before it ("1https://me:pw@…", a typo) still masks.
  out = out.replace(/(?<![a-z0-9+.-])([a-z0-9+.-]+:\/\/)([^\s/"']+)@/gi, (match: string, scheme: string, userInfo: string) =>
    userInfo === 'user:password' ? match : `${scheme}***:***@`,
  );
  out = out.replace(COMPACT_JOSE, (match: string) => (opensJsonObject(match) ? fingerprint(match) : match));
  for (const shape of SECRET_SHAPES) {
    out = out.replace(shape, (match: string, prefix?: unknown) => {
      if (typeof prefix === 'string' && match.startsWith(prefix)) {
        return prefix + fingerprint(match.slice(prefix.length));
      }
      return fingerprint(match);
    });
  }
  return out;
}

function withoutSecret(text: string, secret: string): string {
  return secret.length >= MIN_SECRET_LENGTH && text.includes(secret) ? text.split(secret).join(fingerprint(secret)) : text;
}

/** Longest piece of a server's own words quoted in a message: enough to recognise, short enough for a notification. */
export const SERVER_TEXT_LIMIT = 160;

/** Text from a server (an error_description, an exception message), made fit to quote: redacted, on one line, short. */
export function serverText(text: string): string {
  const line = inert(redact(text).replace(/\s+/g, ' ').trim());
  return line.length <= SERVER_TEXT_LIMIT ? line : `${line.slice(0, SERVER_TEXT_LIMIT - 1)}…`;
}

/**
 * Text from outside (a server, a pasted token, an id_token's email) made safe to put in a notification: VS Code turns
 * "[label](target)" in a message into a link, command: links included, so a crafted value could offer to run a
 * command in our name. A zero-width space between "]" and "(" keeps the text as it reads and makes it no link.
 */
export function inert(text: string): string {
  return text.includes('](') ? text.replaceAll('](', ']\u200b(') : text;
}
