import * as l10n from '../common/text';
import { CHECK_CODES as C, fail } from './checks';
import type { Check } from './report';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/**
 * One regular-expression pass instead of a look-up per character: nearly every segment is plain base64url. Searching
 * for a character outside the alphabet measured a fifth faster than matching the whole segment against it.
 */
const OUTSIDE_ALPHABET = /[^A-Za-z0-9_-]/;
/** Each alphabet character's 6-bit value by character code, for the last-character check. */
const VALUE_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE_OF[ALPHABET.charCodeAt(i)] = i;

/**
 * Strict RFC 7515 base64url: the alphabet only, no padding, no whitespace, and the unused bits of the last
 * character zero, so each byte string has exactly one spelling. jose's decoder tolerates some of these, and a
 * token that two decoders read differently is a token two servers can disagree about.
 * Returns the failure, or undefined when the segment is strict.
 */
export function checkBase64url(segment: string, part: TokenPart): Check | undefined {
  if (segment === '') return fail(C.base64urlEmpty, l10n.t('The {0} is empty: copy the whole token, all three parts.', partName(part)));
  return OUTSIDE_ALPHABET.test(segment) ? findForeignCharacter(segment, part) : checkLength(segment, part);
}

export type TokenPart = 'header' | 'payload' | 'signature';

/** The part's name inside the sentences below, translated when a message is made (not for the strict segments). */
function partName(part: TokenPart): string {
  const comment = ['One of the three parts of a session token (JWT), inside sentences such as "The {0} is empty".'];
  if (part === 'header') return l10n.t({ message: 'header', comment });
  return part === 'payload' ? l10n.t({ message: 'payload', comment }) : l10n.t({ message: 'signature', comment });
}

/** Which rule a segment with characters outside the alphabet breaks, in the order the rules are told. */
function findForeignCharacter(segment: string, part: TokenPart): Check {
  const space = /\s/.exec(segment);
  if (space) {
    return fail(
      C.base64urlWhitespace,
      l10n.t('The {0} contains whitespace at character {1}: remove the line breaks or spaces the copy added.', partName(part), space.index + 1),
    );
  }
  if (segment.includes('=')) {
    return fail(
      C.base64urlPadding,
      l10n.t('The {0} ends in "=" padding, which base64url forbids: whatever produced it used standard base64; Shopify\'s tokens never have padding.', partName(part)),
    );
  }
  const standard = /[+/]/.exec(segment);
  if (standard) {
    return fail(
      C.base64urlAlphabet,
      l10n.t('The {0} contains "{1}", a standard-base64 character: base64url uses "-" and "_"; the token was re-encoded or altered.', partName(part), standard[0]),
    );
  }
  const i = OUTSIDE_ALPHABET.exec(segment)?.index ?? 0;
  const code = segment.codePointAt(i)?.toString(16).toUpperCase().padStart(4, '0');
  return fail(
    C.base64urlCharacter,
    l10n.t('The {0} contains the character U+{1} at position {2}, which base64url never uses: copy the token again from its source.', partName(part), code ?? '?', i + 1),
  );
}

/** The length and last-character rules, for a segment made of alphabet characters only. */
function checkLength(segment: string, part: TokenPart): Check | undefined {
  const rest = segment.length % 4;
  if (rest === 1) {
    return fail(
      C.base64urlLength,
      l10n.t('The {0} has {1} characters, a length no base64url text can have: a character was lost or added in the copy.', partName(part), segment.length),
    );
  }
  if (rest !== 0) {
    // The last character carries 4 (rest 2) or 2 (rest 3) bits past the final byte; they must be zero.
    const value = VALUE_OF[segment.charCodeAt(segment.length - 1)] ?? 0;
    const unusedMask = rest === 2 ? 0b1111 : 0b11;
    if ((value & unusedMask) !== 0) {
      return fail(
        C.base64urlNoncanonical,
        l10n.t('The {0} ends in "{1}", which sets bits no byte uses (a non-canonical spelling Shopify never produces): the token was altered or re-encoded; copy it again from its source.', partName(part), segment.charAt(segment.length - 1)),
      );
    }
  }
  return undefined;
}
