import type { JsonObject, JsonValue } from './report';

export type JsonObjectResult =
  | { readonly ok: true; readonly value: JsonObject; readonly duplicates: readonly string[] }
  | { readonly ok: false; readonly problem: 'utf8' | 'syntax' | 'not-object'; readonly detail: string };

// fatal: reject invalid UTF-8 instead of inventing U+FFFD; ignoreBOM: keep a BOM so JSON.parse refuses it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes bytes as a JSON object, reporting every member name that occurs twice (JSON.parse silently keeps the last). */
export function parseJsonObject(bytes: Uint8Array): JsonObjectResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, problem: 'utf8', detail: 'is not UTF-8 text' };
  }
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    return { ok: false, problem: 'syntax', detail: 'is not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    return { ok: false, problem: 'not-object', detail: `is ${kind}, not a JSON object` };
  }
  return { ok: true, value, duplicates: findDuplicateKeys(text) };
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
