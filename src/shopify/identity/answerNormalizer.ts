/**
 * Reads identity answers as loosely as the Shopify CLI does, and no looser. openid-client (oauth4webapi) is
 * strict where the CLI is not: it takes any WWW-Authenticate header on an error answer for a challenge, wants
 * numbers as numbers, optional fields absent rather than null, scope as one string, `application/json` exactly
 * and token_type "bearer". Every legal phrasing is rewritten here into the one it accepts; what the answer says
 * is never changed, and an answer the CLI could not use either (no access_token, not JSON) is left for the
 * usual errors.
 */

type Json = Record<string, unknown>;

/** Fields RFC 6749 and RFC 8628 send as numbers. */
const NUMBER_FIELDS = ['expires_in', 'interval'] as const;
const NUMERIC_TEXT = /^\s*\d+(\.\d+)?\s*$/;

/** Whether an answer says it is JSON in any of the usual ways: application/json with any parameters or casing, text/json, `+json` types. */
export function isJsonType(contentType: string): boolean {
  return /json/i.test(contentType.split(';')[0] ?? '');
}

/**
 * Rewrites a parsed answer in place into the phrasing openid-client accepts. `notes` hears of the rewrites worth a
 * debug line (none of them quote a value).
 */
export function normalizeAnswer(json: Json, ok: boolean, notes: (note: string) => void): void {
  // null is how some stacks say "not sent" (Rails' to_json of a nil attribute).
  for (const [key, value] of Object.entries(json)) if (value === null) delete json[key];
  for (const field of NUMBER_FIELDS) {
    const value = json[field];
    if (typeof value === 'string' && NUMERIC_TEXT.test(value)) json[field] = Number(value);
  }
  if (!ok) return;
  const scope = json['scope'];
  if (Array.isArray(scope) && scope.every((s) => typeof s === 'string')) json['scope'] = scope.join(' ');
  else if (scope !== undefined && typeof scope !== 'string') delete json['scope']; // unreadable: as if not sent (RFC 6749 §5.1)
  if (typeof json['access_token'] === 'string') {
    // The CLI never reads token_type and sends every token as Bearer; openid-client refuses all but bearer and DPoP.
    const type = json['token_type'];
    if (type === undefined) notes('token answer had no token_type; treated as bearer');
    else if (typeof type !== 'string' || type.toLowerCase() !== 'bearer') notes('token answer had an unusual token_type; treated as bearer');
    json['token_type'] = 'bearer';
  }
}

/**
 * The headers openid-client sees: the JSON we re-encode, and no WWW-Authenticate on an OAuth error answer, where
 * openid-client would report the header as a challenge and never read the error in the body.
 */
export function normalizeHeaders(headers: Headers, isOAuthError: boolean): Headers {
  const out = new Headers(headers);
  out.delete('content-length');
  out.set('content-type', 'application/json');
  if (isOAuthError) out.delete('www-authenticate');
  return out;
}

/**
 * Granted scopes as the client asked for them. Servers may list them in any order, spaced unevenly, or by their
 * short names without the common prefix; an entry that names an asked scope counts as that scope. None listed
 * means what was asked (RFC 6749 §5.1).
 */
export function readGrantedScopes(scope: unknown, asked: readonly string[]): string[] {
  if (typeof scope !== 'string' || scope.trim() === '') return [...asked];
  const granted = scope.trim().split(/\s+/);
  return [...new Set(granted.map((s) => asked.find((a) => a === s || a.endsWith(`/${s}`)) ?? s))];
}
