import { EMPTY_STATE, parseState, serializeState, STATE_KEY, type StoredState } from './state';

/** The raw text slot the state lives in: SecretStorage in the editor, a variable in tests. */
export interface TextSlot {
  get(): Promise<string | undefined>;
  set(value: string): Promise<void>;
  /** Keeps a value we could not read, so that nothing is lost; the editor puts it under a second secret key. */
  keepUnreadable(value: string): Promise<void>;
}

/**
 * Read-modify-write of the state, one write at a time in this process. Every write starts from what
 * is stored now, so a change another window made since our last read survives ours.
 */
export class StateStore {
  private queue: Promise<unknown> = Promise.resolve();
  /** The damaged text already kept aside and warned about: every load reads it again until the next write. */
  private keptAside: string | undefined;

  constructor(
    private readonly slot: TextSlot,
    private readonly warn: (message: string) => void,
  ) {}

  async load(): Promise<StoredState> {
    const text = await this.slot.get();
    const { state, problems, unreadable } = parseState(text);
    if (problems.length > 0 && text !== undefined && text !== this.keptAside) {
      // The whole text is kept, even when only one entry is damaged: the next write drops what could not be read.
      await this.slot.keepUnreadable(text);
      this.keptAside = text;
      this.warn(`Some stored Shopify sessions could not be read and were set aside (${problems.join('; ')}). Sign in again if an account is missing.`);
      if (unreadable) await this.slot.set(serializeState(EMPTY_STATE));
    }
    return state;
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
