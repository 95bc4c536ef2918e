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

  constructor(secrets: vscode.SecretStorage, log: Log, onExternalChange: () => void) {
    const slot: TextSlot = {
      get: () => Promise.resolve(secrets.get(STATE_KEY)),
      set: (value) => Promise.resolve(secrets.store(STATE_KEY, value)),
      // Kept, not deleted: a newer version of the extension may be able to read it.
      keepUnreadable: async (value) => {
        const key = `${STATE_KEY}.unreadable`;
        await secrets.store(key, addKept(await secrets.get(key), value, new Date()));
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
