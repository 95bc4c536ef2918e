/**
 * Turns what a developer pasted (a bare token, an Authorization header, a URL or query string with
 * `id_token=`) into the token, saying what was changed so nothing happens silently.
 */
import * as l10n from '../common/text';

/** Real tokens are about 500 characters; anything past this is refused before it is split or parsed. */
export const MAX_INPUT_LENGTH = 16 * 1024;

export interface CleanInput {
  readonly token: string;
  readonly changes: string[];
}

const QUOTES: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
];

// `id_token=` at the start or after ? & # ; the value runs to the next & or #.
const ID_TOKEN_PARAM = /(?:^|[?&#;])id_token=([^&#\s]*)/;

export function cleanTokenInput(raw: string): CleanInput {
  const changes: string[] = [];
  let text = raw;

  const trimmed = text.trim();
  if (trimmed !== text) {
    changes.push(l10n.t('Removed whitespace around the input.'));
    text = trimmed;
  }

  for (const [open, close] of QUOTES) {
    if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) {
      text = text.slice(1, -1).trim();
      changes.push(l10n.t('Removed the surrounding {0} quotes.', open));
      break;
    }
  }

  const header = /^authorization\s*:\s*/i.exec(text);
  if (header) {
    text = text.slice(header[0].length);
    changes.push(l10n.t('Removed the "Authorization:" header name.'));
  }

  const bearer = /^bearer\s+/i.exec(text);
  if (bearer) {
    text = text.slice(bearer[0].length);
    changes.push(l10n.t('Removed the "Bearer " prefix.'));
  }

  // The regular expression only on text holding an "=": a bare token has none, and one character is found far faster
  // than the expression scans (measured: a multi-character includes is slower than the expression itself).
  const param = text.includes('=') ? ID_TOKEN_PARAM.exec(text) : null;
  if (param && text !== '') {
    const inUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
    const encoded = param[1] ?? '';
    let value = encoded;
    try {
      // decodeURIComponent, not URLSearchParams: a "+" must stay a "+" so a standard-base64 token is named as such.
      value = decodeURIComponent(encoded);
    } catch {
      // Malformed escapes: keep the text as it was; the base64url checks will name the bad characters.
    }
    text = value;
    changes.push(inUrl ? l10n.t('Took the id_token parameter from the URL.') : l10n.t('Took the id_token parameter from the query string.'));
    if (value !== encoded) changes.push(l10n.t('Decoded the percent-escapes in the id_token parameter.'));
  }

  const final = text.trim();
  if (final !== text) {
    changes.push(l10n.t('Removed whitespace around the token.'));
    text = final;
  }
  return { token: text, changes };
}
