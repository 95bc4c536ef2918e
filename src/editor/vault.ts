import * as vscode from 'vscode';
import { addKept } from '../shopify/keptAside';
import { STATE_KEY } from '../shopify/state';
import { StateStore, watchState, type TextSlot } from '../shopify/stateStore';
import type { Log } from './log';

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
        const keep = this.keeps.then(() => keepUnder(secrets, `${STATE_KEY}.unreadable`, value));
        this.keeps = keep.catch(() => undefined); // one keep at a time: two at once could each drop the other's text
        return keep;
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

/** Adds `value` to the kept list; if that list cannot be read, a key of its own, so nothing kept is overwritten. */
async function keepUnder(secrets: vscode.SecretStorage, key: string, value: string): Promise<void> {
  let kept: string | undefined;
  try {
    kept = await secrets.get(key);
  } catch {
    await secrets.store(`${key}.${Date.now()}`, addKept(undefined, value, new Date()));
    return;
  }
  await secrets.store(key, addKept(kept, value, new Date()));
}
