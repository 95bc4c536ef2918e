import { ShopifyAuthError } from '../common/errors';
import { parseState, serializeState, STATE_KEY, type StoredState } from './state';

/** The raw text slot the state lives in: SecretStorage in the editor, a variable in tests. */
export interface TextSlot {
  get(): Promise<string | undefined>;
  set(value: string): Promise<void>;
  /**
   * Keeps a value we could not read, so that nothing is lost; the editor puts it under a second secret key.
   * Resolves false when it was kept already (by another window, say), so the user is warned once, not per window.
   */
  keepUnreadable(value: string): Promise<boolean>;
}

/**
 * Read-modify-write of the state, one write at a time in this process. Every write starts from what
 * is stored now, so a change another window made since our last read survives ours.
 */
export class StateStore {
  private queue: Promise<unknown> = Promise.resolve();
  /** The damaged text being (or already) kept aside: every load reads it again until the next write. */
  private keeping: { readonly text: string; readonly kept: Promise<unknown> } | undefined;

  constructor(
    private readonly slot: TextSlot,
    private readonly warn: (message: string) => void,
  ) {}

  /**
   * The stored state. Damaged parts are kept aside first; if that fails this throws, so that nothing
   * (a refresh that spends the refresh token, a sign-in) starts whose result could not be saved.
   */
  async load(): Promise<StoredState> {
    const text = await this.slot.get();
    const { state, problems } = parseState(text);
    if (problems.length === 0 || text === undefined) return state;
    // Loads side by side share one keep (and one warning); every later load of the same text skips it.
    // The text stays where it is until the next real write: a newer version that wrote it may still want it.
    if (this.keeping?.text !== text) this.keeping = { text, kept: this.keepAside(text, problems) };
    const keeping = this.keeping;
    const failure = await keeping.kept;
    if (failure === undefined) return state;
    if (this.keeping === keeping) this.keeping = undefined; // the next load tries again
    throw new ShopifyAuthError('storage', keepFailed(problems), { cause: failure });
  }

  update(mutate: (current: StoredState) => StoredState): Promise<StoredState> {
    const run = this.queue.then(async () => {
      const next = mutate(await this.load());
      await this.slot.set(serializeState(next));
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves to the failure, or undefined once the text is safe; never rejects. */
  private async keepAside(text: string, problems: readonly string[]): Promise<unknown> {
    let isNew: boolean;
    try {
      // The whole text is kept, even when only one entry is damaged: the next write drops what could not be read.
      isNew = await this.slot.keepUnreadable(text);
    } catch (error) {
      return error ?? new Error('keeping failed');
    }
    try {
      if (isNew) this.warn(`Some stored Shopify sessions could not be read and were set aside (${problems.join('; ')}). Sign in again if an account is missing.`);
    } catch {
      // a warning that cannot be shown must not make the kept text look unsafe
    }
    return undefined;
  }
}

function keepFailed(problems: readonly string[]): string {
  return `Stored Shopify sessions could not be read (${problems.join('; ')}) and could not be set aside either, so nothing was changed. Try again; if it keeps failing, check that the system keychain is unlocked.`;
}

/** The part of VS Code's SecretStorage that reports writes, this window's and (on desktop) other windows'. */
export interface SecretChanges {
  onDidChange(listener: (e: { readonly key: string }) => void): { dispose(): void };
}

/** Calls `onChange` whenever the sessions document is written, so a window re-reads what another one stored. */
export function watchState(secrets: SecretChanges, onChange: () => void): { dispose(): void } {
  return secrets.onDidChange((e) => {
    if (e.key === STATE_KEY) onChange();
  });
}
