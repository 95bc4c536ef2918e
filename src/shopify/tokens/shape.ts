import { MAX_INPUT_LENGTH } from './input';

/**
 * A compact JWS as it appears in running text: two base64url JSON segments (both start with "eyJ", which is
 * `{"`) and a signature, not glued to neighbouring token characters. Used to find tokens under the cursor.
 */
const JWT_IN_TEXT = /(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_.-])/g;

export interface TokenSpan {
  readonly start: number;
  readonly end: number;
  readonly token: string;
}

/** Every JWT-shaped run in a line of text. */
export function findJwts(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const match of text.matchAll(JWT_IN_TEXT)) {
    if (match[0].length <= MAX_INPUT_LENGTH) spans.push({ start: match.index, end: match.index + match[0].length, token: match[0] });
  }
  return spans;
}

/** The JWT-shaped run covering `offset` (a cursor position, end inclusive), if any. */
export function findJwtAt(text: string, offset: number): TokenSpan | undefined {
  return findJwts(text).find((span) => offset >= span.start && offset <= span.end);
}
