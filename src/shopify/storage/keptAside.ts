import { redact } from '../common/redact';

/**
 * Stored texts we could not read, kept under one secret key so that a newer version (or a person) can
 * still recover them. Several are kept, newest first, so that a later partial loss never replaces an
 * earlier whole one.
 */
export interface KeptText {
  /** ISO time it was set aside; absent for a copy kept before the list existed. */
  readonly at?: string;
  readonly text: string;
}

export const KEPT_LIMIT = 5;

/** Reads the kept list; any other value found under the key is itself a kept text, never dropped. */
export function readKept(stored: string | undefined): KeptText[] {
  if (stored === undefined || stored === '') return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    if (isKeptList(parsed)) return parsed.kept;
  } catch {
    // not our list: fall through and keep it as it is
  }
  return [{ text: stored }];
}

/** The kept list with `text` added first; the same text is kept once, and only the newest few stay. */
export function addKept(stored: string | undefined, text: string, at: Date): string {
  const others = readKept(stored).filter((k) => k.text !== text);
  const kept = [{ at: at.toISOString(), text }, ...others].slice(0, KEPT_LIMIT);
  return JSON.stringify({ keptAside: 1, kept });
}

/** The two calls of SecretStorage that keeping needs. */
export interface SecretsLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
}

/**
 * Adds `text` to the list under `key`, or under `${key}.more` when that list cannot be read (so it is
 * never overwritten). Resolves false when the text was kept already, by this window or another.
 */
export async function keepText(secrets: SecretsLike, key: string, text: string, now: Date): Promise<boolean> {
  let lastError: unknown;
  for (const slot of [key, `${key}.more`]) {
    let stored: string | undefined;
    try {
      stored = await secrets.get(slot);
    } catch (error) {
      lastError = error;
      continue;
    }
    if (readKept(stored).some((k) => k.text === text)) return false;
    await secrets.store(slot, addKept(stored, text, now));
    return true;
  }
  throw lastError;
}

/** What a sign-out must take out of every kept copy: the accounts, by id, and every secret we know they held. */
export interface Forgotten {
  readonly accountIds: readonly string[];
  readonly secrets: readonly string[];
}

/**
 * One kept text without the forgotten accounts. A copy that still parses loses every array entry whose
 * `id` is a forgotten account, and every member named by one (a layout that keys accounts by id); what is left, parsed or not, loses every known secret of theirs. A copy
 * that cannot be parsed and still names a forgotten account loses everything shaped like a secret: it
 * cannot be told whose those are, and a sign-out promises that the account's tokens are gone.
 */
export function scrubKeptText(text: string, forgotten: Forgotten): string {
  const ids = new Set(forgotten.accountIds);
  let out = text;
  let parsed = false;
  try {
    const value: unknown = JSON.parse(text);
    // A copy that names none of the forgotten accounts and holds none of their secrets, in the text or once
    // parsed (escapes undone), is left as kept: a round trip would lose its layout, repeated names and the
    // digits of numbers past 2^53. One that does is written again, so a repeated name or an escape cannot hide them.
    const whole = JSON.stringify(value);
    // (An entry with a forgotten id names it, so this also covers every copy that loses an entry.)
    const concerned =
      forgotten.accountIds.some((id) => id.length > 0 && (text.includes(id) || whole.includes(id))) ||
      forgotten.secrets.some((secret) => secret.length > 0 && whole.includes(secret));
    if (concerned) out = JSON.stringify(withoutAccounts(value, ids));
    parsed = true;
  } catch {
    // not JSON (that may be why it was kept): handled below
  }
  for (const secret of forgotten.secrets) if (secret.length > 0) out = out.split(secret).join(REMOVED);
  if (!parsed && forgotten.accountIds.some((id) => id.length > 0 && out.includes(id))) out = redact(out).replace(/#[0-9a-f]{8}/g, REMOVED);
  return out === text ? text : out;
}

const REMOVED = '[removed at sign-out]';

/** An entry with a forgotten account's id; an entry without an id is nobody's (String(undefined) is no id). */
function isForgottenAccount(v: unknown, ids: ReadonlySet<string>): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const id = (v as { id?: unknown }).id;
  return (typeof id === 'string' || typeof id === 'number') && ids.has(String(id));
}

function withoutAccounts(value: unknown, ids: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.filter((v) => !isForgottenAccount(v, ids)).map((v) => withoutAccounts(v, ids));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !ids.has(k)).map(([k, v]) => [k, withoutAccounts(v, ids)]));
  }
  return value;
}

/** The stored kept list with the forgotten accounts scrubbed from each copy; undefined when nothing changes. */
export function forgetInKept(stored: string | undefined, forgotten: Forgotten): string | undefined {
  if (stored === undefined || stored === '') return undefined;
  const kept = readKept(stored);
  const scrubbed = kept.map((k) => ({ ...k, text: scrubKeptText(k.text, forgotten) }));
  if (scrubbed.every((k, i) => k.text === kept[i]?.text)) return undefined;
  return JSON.stringify({ keptAside: 1, kept: scrubbed });
}

/** Scrubs the forgotten accounts out of the kept lists under `key` and `${key}.more`. */
export async function forgetKept(secrets: SecretsLike, key: string, forgotten: Forgotten): Promise<void> {
  for (const slot of [key, `${key}.more`]) {
    const next = forgetInKept(await secrets.get(slot), forgotten);
    if (next !== undefined) await secrets.store(slot, next);
  }
}

function isKeptList(value: unknown): value is { kept: KeptText[] } {
  if (typeof value !== 'object' || value === null || (value as { keptAside?: unknown }).keptAside !== 1) return false;
  const kept = (value as { kept?: unknown }).kept;
  return Array.isArray(kept) && kept.every((k) => typeof k === 'object' && k !== null && typeof (k as { text?: unknown }).text === 'string');
}
