import * as vscode from 'vscode';
import { findShopifyError, isShopifyError, type SessionManager, ShopifyAuthError } from '../shopify';
import { describe, isCancellation, report } from './errors';
import type { Log } from './log';
import type { Stores } from './stores';

/**
 * Makes a store active only once Shopify has accepted it: one Admin token exchange for the signed-in
 * account (none when a token for it is already held), with progress and cancel. A refused store is
 * not made active and leaves the recent list; the previous store stays. Signed out, nothing can be
 * checked, so the store is taken and checked when its first token is asked for.
 */
export async function checkAndUse(manager: SessionManager, stores: Stores, log: Log, store: string): Promise<string | undefined> {
  await manager.ready();
  const request = manager.resolve(['admin', `store:${store}`]);
  if (manager.accounts.length === 0) {
    const saved = await stores.use(store);
    void vscode.window.showInformationMessage(vscode.l10n.t('Active Shopify store: {0} (checked when you sign in and use it).', saved));
    return saved;
  }
  try {
    const sessions = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking {0} with Shopify…', store), cancellable: true },
      (_progress, cancel) => {
        const controller = new AbortController();
        const off = cancel.onCancellationRequested(() =>
          controller.abort(new ShopifyAuthError('cancelled', vscode.l10n.t('Cancelled: nothing was changed.'))),
        );
        return manager.getSessions(request, { signal: controller.signal }).finally(() => off.dispose());
      },
    );
    const saved = await stores.use(store);
    const accepted = sessions.length > 0;
    log.info(`Active store ${saved}: ${accepted ? 'Shopify accepted it' : 'not checked: this account needs to sign in again for it'}.`);
    void vscode.window.showInformationMessage(
      accepted
        ? vscode.l10n.t('Active Shopify store: {0} (Shopify accepted it).', saved)
        : vscode.l10n.t('Active Shopify store: {0} (not checked: this account needs to sign in again for it).', saved),
    );
    return saved;
  } catch (error) {
    if (isCancellation(error)) {
      void vscode.window.showInformationMessage(describe(error));
      return undefined;
    }
    if (isShopifyError(findShopifyError(error), 'store-access')) await stores.forget(store);
    const kept = stores.active();
    log.warn(`Store ${store} not made active: ${describe(error)}`);
    await report(new ShopifyAuthError(findShopifyError(error)?.code ?? 'server', kept ? vscode.l10n.t('{0} was not made active; still using {1}. {2}', store, kept, describe(error)) : vscode.l10n.t('{0} was not made active. {1}', store, describe(error))), log);
    return undefined;
  }
}
