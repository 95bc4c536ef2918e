/** How values from an untrusted token appear inside our sentences: quoted, escaped, and short. */
import { inert } from '../common/redact';

const MAX_SHOWN = 60;
const VERBATIM = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A claim or header value as it should appear in a message: JSON-quoted (so control characters are escaped) and cut short. */
export function show(value: unknown): string {
  let text: string;
  // Printable ASCII other than " and \ is what JSON.stringify leaves as it is: quoted without it, in half the time.
  if (typeof value === 'string' && VERBATIM.test(value)) text = `"${value}"`;
  else if (value === undefined) text = 'nothing';
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return inert(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text);
}

/** The JSON type of a value, in words, for "exp is a string" sentences. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const PRINTABLE_ID = /^[\x21-\x7e]{1,80}$/;

/**
 * How every message and notification names a token: by its jti when it has a plain one, else by its first
 * characters. Never enough of the token to replay it.
 */
export function tokenName(token: string, jti: unknown): string {
  if (typeof jti === 'string' && PRINTABLE_ID.test(jti)) return `token jti ${inert(jti)}`;
  const trimmed = token.trim();
  if (trimmed === '') return 'empty token';
  // Show at most 12 characters and never more than a third of the text, so a short input is not echoed whole.
  const shown = trimmed.slice(0, Math.min(12, Math.floor(trimmed.length / 3)));
  return shown === '' ? `token of ${trimmed.length} characters` : `token starting ${shown}… (${trimmed.length} characters)`;
}

/** "1 check", "3 checks". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
