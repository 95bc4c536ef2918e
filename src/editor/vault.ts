import * as vscode from 'vscode';
import { forgetKept, keepText, STATE_KEY, StateStore, type TextSlot, timeLimit, watchState } from '../shopify';
import type { Log } from './log';

const KEEP_LIMIT_MS = 10_000;

/**
 * Sessions live in SecretStorage only, as one versioned document under one key. Other windows write the
 * same key; SecretStorage tells us, and we reload.
 */
export class Vault implements vscode.Disposable {
  readonly store: StateStore;
  private readonly subscription: vscode.Disposable;
  private keeps: Promise<unknown> = Promise.resolve();

  constructor(secrets: vscode.SecretStorage, log: Log, onExternalChange: () => void) {
    const slot: TextSlot = {
      get: () => Promise.resolve(secrets.get(STATE_KEY)),
      set: (value) => Promise.resolve(secrets.store(STATE_KEY, value)),
      // Kept, not deleted: a newer version of the extension may be able to read it.
      keepUnreadable: (value) => {
        // Time-limited: keeps run one after another, so one that never answers would block every later one.
        const keep = this.keeps.then(() =>
          timeLimit(keepText(secrets, `${STATE_KEY}.unreadable`, value, new Date()), KEEP_LIMIT_MS, vscode.l10n.t('SecretStorage did not answer within 10 s.')),
        );
        this.keeps = keep.catch(() => undefined); // one keep at a time: two at once could each drop the other's text
        return keep;
      },
      // A sign-out reaches the kept copies too: in the same queue as keeps, so neither undoes the other.
      forget: (forgotten) => {
        const forget = this.keeps.then(() =>
          timeLimit(forgetKept(secrets, `${STATE_KEY}.unreadable`, forgotten), KEEP_LIMIT_MS, vscode.l10n.t('SecretStorage did not answer within 10 s.')),
        );
        this.keeps = forget.catch(() => undefined);
        return forget;
      },
    };
    this.store = new StateStore(slot, (message) => {
      log.warn(message);
      void vscode.window.showWarningMessage(message);
    });
    this.subscription = watchState(secrets, onExternalChange);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
