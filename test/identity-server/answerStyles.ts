// Answer styles: the same answers, phrased in the other ways OAuth allows (or that common server
// stacks produce). Shopify's exact phrasing is not known beyond what the CLI reads, so the client
// must cope with each of these; the content of every answer stays the same.
import type { Answer } from './answers.ts';
import { SCOPE_PREFIX } from './shopifyData.ts';
import type { AnswerStyle, RequestKind } from './types.ts';
import type { JsonObject } from './validate.ts';

export const ANSWER_STYLES: readonly AnswerStyle[] = ['standard', 'rails', 'strings', 'sparse', 'nulls', 'scopes'];

/** What each style does, for --help and the README. */
export const ANSWER_STYLE_NOTES: Readonly<Record<AnswerStyle, string>> = {
  standard: 'as documented: application/json, numbers as numbers, every field present',
  rails: 'as a Rails (Doorkeeper) server: WWW-Authenticate on every error answer, "application/json; charset=utf-8", token_type "Bearer", an extra created_at',
  strings: 'numbers sent as strings (expires_in "7200", interval "5"), "application/json;charset=UTF-8"',
  sparse: 'optional fields left out: scope, token_type, verification_uri_complete, interval, and on refresh id_token and refresh_token (which then does not rotate); "text/json"',
  nulls: 'the same optional fields present as null, and error_description null',
  scopes: 'granted scopes in another order and form: reversed, without the https://api.shopify.com/auth/ prefix, spaced unevenly; refresh answers list them as a JSON array',
};

/** Styles whose refresh answers carry no refresh token: the server must then keep the old one alive. */
export function keepsRefreshToken(style: AnswerStyle): boolean {
  return style === 'sparse' || style === 'nulls';
}

/** Fields RFC 6749 and RFC 8628 let a server leave out, per request kind. */
function optionalFields(kind: RequestKind | undefined, error: boolean): string[] {
  if (error) return ['error_description'];
  switch (kind) {
    case 'device_authorization':
      return ['verification_uri_complete', 'interval'];
    case 'refresh':
      return ['scope', 'token_type', 'id_token', 'refresh_token'];
    case 'device_poll':
    case 'exchange':
      return ['scope', 'token_type', 'issued_token_type'];
    default:
      return [];
  }
}

const CONTENT_TYPE: Readonly<Record<AnswerStyle, string>> = {
  standard: 'application/json',
  rails: 'application/json; charset=utf-8',
  strings: 'application/json;charset=UTF-8',
  sparse: 'text/json',
  nulls: 'application/json',
  scopes: 'application/json',
};

/** The answer to an identity request, phrased in the given style. Non-JSON answers are left alone. */
export function styleAnswer(answer: Answer, style: AnswerStyle, kind: RequestKind | undefined, now: number): Answer {
  if (style === 'standard' || typeof answer.body === 'string') return answer;
  const error = answer.oauthError !== undefined;
  const body: JsonObject = { ...answer.body };
  const headers: Record<string, string> = { ...answer.headers, 'Content-Type': CONTENT_TYPE[style] };
  switch (style) {
    case 'rails':
      if (error) headers['WWW-Authenticate'] = `Bearer realm="Doorkeeper", error="${String(body.error)}", error_description="${String(body.error_description ?? '').replace(/"/g, "'")}"`;
      else {
        if (body.token_type !== undefined) body.token_type = 'Bearer';
        if (body.access_token !== undefined) body.created_at = Math.floor(now / 1000);
      }
      break;
    case 'strings':
      for (const field of ['expires_in', 'interval']) if (typeof body[field] === 'number') body[field] = String(body[field]);
      break;
    case 'sparse':
    case 'nulls':
      for (const field of optionalFields(kind, error)) {
        if (style === 'sparse') delete body[field];
        else body[field] = null;
      }
      break;
    case 'scopes':
      if (typeof body.scope === 'string') {
        const scopes = body.scope.split(' ').reverse().map((s) => (s.startsWith(SCOPE_PREFIX) ? s.slice(SCOPE_PREFIX.length) : s));
        body.scope = kind === 'refresh' ? scopes : `  ${scopes.join('   ')} `;
      }
      break;
  }
  return { ...answer, headers, body };
}
