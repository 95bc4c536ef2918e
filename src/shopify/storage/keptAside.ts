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

function isKeptList(value: unknown): value is { kept: KeptText[] } {
  if (typeof value !== 'object' || value === null || (value as { keptAside?: unknown }).keptAside !== 1) return false;
  const kept = (value as { kept?: unknown }).kept;
  return Array.isArray(kept) && kept.every((k) => typeof k === 'object' && k !== null && typeof (k as { text?: unknown }).text === 'string');
}
