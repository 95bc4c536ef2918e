import { CHECK_CODES as C, fail } from './checks';
import type { Check } from './report';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Strict RFC 7515 base64url: the alphabet only, no padding, no whitespace, and the unused bits of the last
 * character zero, so each byte string has exactly one spelling. jose's decoder tolerates some of these, and a
 * token that two decoders read differently is a token two servers can disagree about.
 * Returns the failure, or undefined when the segment is strict.
 */
export function checkBase64url(segment: string, part: string): Check | undefined {
  if (segment === '') return fail(C.base64urlEmpty, `The ${part} is empty: copy the whole token, all three parts.`);

  const space = /\s/.exec(segment);
  if (space) {
    return fail(
      C.base64urlWhitespace,
      `The ${part} contains whitespace at character ${space.index + 1}: remove the line breaks or spaces the copy added.`,
    );
  }
  if (segment.includes('=')) {
    return fail(
      C.base64urlPadding,
      `The ${part} ends in "=" padding, which base64url forbids: whatever produced it used standard base64; Shopify's tokens never have padding.`,
    );
  }
  const standard = /[+/]/.exec(segment);
  if (standard) {
    return fail(
      C.base64urlAlphabet,
      `The ${part} contains "${standard[0]}", a standard-base64 character: base64url uses "-" and "_"; the token was re-encoded or altered.`,
    );
  }
  for (let i = 0; i < segment.length; i++) {
    if (!ALPHABET.includes(segment.charAt(i))) {
      const code = segment.codePointAt(i)?.toString(16).toUpperCase().padStart(4, '0');
      return fail(
        C.base64urlCharacter,
        `The ${part} contains the character U+${code} at position ${i + 1}, which base64url never uses: copy the token again from its source.`,
      );
    }
  }
  const rest = segment.length % 4;
  if (rest === 1) {
    return fail(
      C.base64urlLength,
      `The ${part} has ${segment.length} characters, a length no base64url text can have: a character was lost or added in the copy.`,
    );
  }
  if (rest !== 0) {
    // The last character carries 4 (rest 2) or 2 (rest 3) bits past the final byte; they must be zero.
    const value = ALPHABET.indexOf(segment.charAt(segment.length - 1));
    const unusedMask = rest === 2 ? 0b1111 : 0b11;
    if ((value & unusedMask) !== 0) {
      return fail(
        C.base64urlNoncanonical,
        `The ${part} ends in "${segment.charAt(segment.length - 1)}", which sets bits no byte uses (a non-canonical spelling Shopify never produces): the token was altered or re-encoded; copy it again from its source.`,
      );
    }
  }
  return undefined;
}
