// What an endpoint decides to send, kept as data until the last moment so that faults can
// alter it (or throw it away after the work is done, for drop 'after').
import type { JsonObject } from './validate.ts';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** An object is sent as JSON; a string as is, with the content type from headers. */
  body: JsonObject | string;
  /** The RFC 6749 error code when this is an OAuth error answer. */
  oauthError?: string;
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

export function jsonAnswer(body: JsonObject, status = 200): Answer {
  return { status, headers: { 'Content-Type': 'application/json', ...NO_STORE }, body };
}

/** RFC 6749 §5.2 error answer: 400, or 401 for invalid_client. */
export function oauthError(error: string, description: string, status = error === 'invalid_client' ? 401 : 400): Answer {
  return { ...jsonAnswer({ error, error_description: description }, status), oauthError: error };
}

export function textAnswer(status: number, contentType: string, text: string, headers: Record<string, string> = {}): Answer {
  return { status, headers: { 'Content-Type': contentType, ...NO_STORE, ...headers }, body: text };
}

export function serialize(answer: Answer): string {
  return typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
}
