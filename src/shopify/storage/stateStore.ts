import * as l10n from '../common/text';
import { ShopifyAuthError } from '../common/errors';
import { rememberSecret } from '../common/redact';
import type { Forgotten } from './keptAside';
import { parseState, serializeState, STATE_KEY, type StoredAccount, type StoredState } from './state';

/** The raw text slot the state lives in: SecretStorage in the editor, a variable in tests. */
export interface TextSlot {
  get(): Promise<string | undefined>;
  set(value: string): Promise<void>;
  /**
   * Keeps a value we could not read, so that nothing is lost; the editor puts it under a second secret key.
   * Resolves false when it was kept already (by another window, say), so the user is warned once, not per window.
   */
  keepUnreadable(value: string): Promise<boolean>;
  /** Takes signed-out accounts (and removed tokens) out of every kept copy, so a sign-out leaves nothing behind. */
  forget?(forgotten: Forgotten): Promise<void>;
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
    remember(state);
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
      const current = await this.load();
      const next = mutate(current);
      remember(next);
      await this.slot.set(serializeState(next));
      const forgotten = removedBetween(current, next);
      if (forgotten && this.slot.forget) {
        try {
          await this.slot.forget(forgotten);
        } catch {
          this.warn('A set-aside copy of damaged Shopify sessions could not be cleaned, so it may still hold tokens of the account you signed out. Sign out again to retry; if it keeps failing, check that the system keychain is unlocked.');
        }
      }
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
      if (isNew) this.warn(l10n.t('Some stored Shopify sessions could not be read and were set aside ({0}). Sign in again if an account is missing.', problems.join('; ')));
    } catch {
      // a warning that cannot be shown must not make the kept text look unsafe
    }
    return undefined;
  }
}

/** The accounts a write removed, and every secret that left the state with them (or with a removed token). */
function removedBetween(before: StoredState, after: StoredState): Forgotten | undefined {
  const kept = new Set(after.accounts.flatMap(secretsOf));
  const accountIds = before.accounts.filter((a) => !after.accounts.some((b) => b.id === a.id)).map((a) => a.id);
  const goneApps = before.accounts.some((a) => {
    const still = after.accounts.find((b) => b.id === a.id);
    return still !== undefined && Object.keys(a.apps).some((k) => !(k in still.apps));
  });
  if (accountIds.length === 0 && !goneApps) return undefined;
  return { accountIds, secrets: before.accounts.flatMap(secretsOf).filter((s) => !kept.has(s)) };
}

/** What this window holds is what redaction must know, whatever its shape. */
function remember(state: StoredState): void {
  for (const account of state.accounts) for (const secret of secretsOf(account)) rememberSecret(secret);
}

export function secretsOf(account: StoredAccount): string[] {
  const { accessToken, refreshToken, idToken } = account.identity;
  return [accessToken, refreshToken, ...(idToken ? [idToken] : []), ...Object.values(account.apps).map((a) => a.accessToken)];
}

function keepFailed(problems: readonly string[]): string {
  return l10n.t('Stored Shopify sessions could not be read ({0}) and could not be set aside either, so nothing was changed. Try again; if it keeps failing, check that the system keychain is unlocked.', problems.join('; '));
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
