// Random values for codes and tokens. Opaque tokens are long enough that a leak scan can
// search for them without false hits.
import { randomBytes, randomInt } from 'node:crypto';

export function randomToken(prefix: string, bytes = 32): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** RFC 8628 §6.1: consonants only, so no look-alikes (0/O, 1/I/L) and no words. */
const USER_CODE_LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';

export function randomUserCode(): string {
  let letters = '';
  for (let i = 0; i < 8; i++) letters += USER_CODE_LETTERS[randomInt(USER_CODE_LETTERS.length)];
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}

/** What a person typed (any case, with or without the dash or spaces) as XXXX-XXXX, if it can be. */
export function normalizeUserCode(input: string): string | undefined {
  const letters = input.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z]{8}$/.test(letters)) return undefined;
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}
