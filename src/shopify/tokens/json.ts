import { isUtf8 } from 'node:buffer';
import type { JsonObject, JsonValue } from './report';

export type JsonObjectResult =
  | { readonly ok: true; readonly value: JsonObject; readonly duplicates: readonly string[] }
  | { readonly ok: false; readonly problem: 'utf8' | 'syntax' | 'too-deep' }
  /** `value`: what the text held instead (null, a list, a string…), for the message to name its kind. */
  | { readonly ok: false; readonly problem: 'not-object'; readonly value: JsonValue };

/**
 * How deep objects and lists may nest. Shopify's tokens are flat; a deeply nested one verified before this limit, and its
 * report then could not be sent to the inspector (structured clone and JSON.stringify give up long before JSON.parse).
 */
export const MAX_JSON_DEPTH = 20;

/**
 * The text of UTF-8 bytes, or undefined when they are not UTF-8: invalid bytes are refused, never replaced by U+FFFD,
 * and a BOM is kept so JSON.parse refuses it (what TextDecoder does with fatal and ignoreBOM, in a native check and a
 * copy instead of a streaming decoder).
 */
function utf8Text(bytes: Uint8Array): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString('utf8');
}

/** Decodes bytes as a JSON object, reporting every member name that occurs twice (JSON.parse silently keeps the last). */
export function parseJsonObject(bytes: Uint8Array): JsonObjectResult {
  return parseJsonText(utf8Text(bytes));
}

/** parseJsonObject for bytes already decoded as UTF-8; undefined stands for bytes that were not UTF-8. */
export function parseJsonText(text: string | undefined): JsonObjectResult {
  if (text === undefined) return { ok: false, problem: 'utf8' };
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    return { ok: false, problem: 'syntax' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problem: 'not-object', value };
  }
  // Counting members is enough to know there are no duplicates (JSON.parse keeps one per distinct name); only a
  // nested object or a repeated name needs the full scan, which names the repeats.
  const members = countFlatMembers(text);
  if (members === undefined && nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    return { ok: false, problem: 'too-deep' };
  }
  // Object.keys over JSON.parse's objects reads V8's cached key list: measured faster than counting in a for-in loop.
  const duplicates = members !== undefined && members === Object.keys(value).length ? NONE : findDuplicateKeys(text);
  return { ok: true, value, duplicates };
}

const NONE: readonly string[] = Object.freeze([]);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** Index of the quote that closes the string whose opening quote is at `open`, in text JSON.parse accepted. */
function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  for (;;) {
    if (end < 0) return text.length;
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/**
 * The number of members of a JSON object text with no object or list inside, or undefined when it has one. Runs on
 * text JSON.parse accepted as an object: outside strings, every colon separates a name from its value.
 */
export function countFlatMembers(text: string): number | undefined {
  let members = 0;
  let braces = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = closingQuote(text, i);
    else if (c === COLON) members++;
    else if (c === OPEN_BRACKET || (c === OPEN_BRACE && ++braces > 1)) return undefined;
  }
  return members;
}

/** Whether brackets outside strings nest deeper than `limit`, in text JSON.parse accepted. Stops at the first too deep. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = closingQuote(text, i);
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

interface Frame {
  /** Member names seen so far; null for an array. */
  readonly keys: Set<string> | null;
  readonly path: string;
  expectKey: boolean;
  lastKey: string;
}

/**
 * Member names that repeat within one object, as dotted paths ("aud", "ext.x"). Runs on text JSON.parse has
 * already accepted, so it only has to tell strings, brackets and commas apart. Names are compared after
 * unescaping: "aud" and "\u0061ud" are the same member.
 */
export function findDuplicateKeys(text: string): string[] {
  const duplicates: string[] = [];
  const stack: Frame[] = [];
  const childPath = (parent: Frame | undefined): string => {
    if (parent === undefined) return '';
    if (parent.keys === null) return `${parent.path}[]`;
    return parent.path === '' ? parent.lastKey : `${parent.path}.${parent.lastKey}`;
  };

  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    const top = stack[stack.length - 1];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text.charAt(j) !== '"') j += text.charAt(j) === '\\' ? 2 : 1;
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) {
          const path = top.path === '' ? key : `${top.path}.${key}`;
          if (!duplicates.includes(path)) duplicates.push(path);
        } else {
          top.keys.add(key);
        }
        top.expectKey = false;
        top.lastKey = key;
      }
      i = j + 1;
      continue;
    }
    if (ch === '{') stack.push({ keys: new Set(), path: childPath(top), expectKey: true, lastKey: '' });
    else if (ch === '[') stack.push({ keys: null, path: childPath(top), expectKey: false, lastKey: '' });
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',' && top?.keys) top.expectKey = true;
    i++;
  }
  return duplicates;
}
