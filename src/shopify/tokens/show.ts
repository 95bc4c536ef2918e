import * as l10n from '../common/text';
import { inert } from '../common/redact';
/** How values from an untrusted token appear inside our sentences: quoted, escaped, and short. */

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
  if (Array.isArray(value)) return l10n.t('a list');
  switch (typeof value) {
    case 'string':
      return l10n.t('a string');
    case 'number':
      return l10n.t('a number');
    case 'boolean':
      return l10n.t('a boolean');
    case 'object':
      return l10n.t('an object');
    default:
      return typeof value;
  }
}

/** kindOf, or "empty" for the empty string: for "sub is empty" sentences. */
export function kindOrEmpty(value: unknown): string {
  return value === '' ? l10n.t('empty') : kindOf(value);
}

/** "a", "a or b", "a or b or c": alternatives (paths, names) inside a sentence. */
export function orList(items: readonly string[]): string {
  return items.length === 0 ? '' : items.reduce((list, item) => l10n.t('{0} or {1}', list, item));
}

const PRINTABLE_ID = /^[\x21-\x7e]{1,80}$/;

/**
 * How every message and notification names a token: by its jti when it has a plain one, else by its first
 * characters. Never enough of the token to replay it.
 */
export function tokenName(token: string, jti: unknown): string {
  if (typeof jti === 'string' && PRINTABLE_ID.test(jti)) return l10n.t('token jti {0}', inert(jti));
  const trimmed = token.trim();
  if (trimmed === '') return l10n.t('empty token');
  // Show at most 12 characters and never more than a third of the text, so a short input is not echoed whole.
  const shown = trimmed.slice(0, Math.min(12, Math.floor(trimmed.length / 3)));
  return shown === '' ? l10n.t('token of {0} characters', trimmed.length) : l10n.t('token starting {0}… ({1} characters)', shown, trimmed.length);
}
