import * as vscode from 'vscode';
import { accountLabel, type ApiName, APIS, apiWord, formatDuration, formatUtc, type SessionManager, ShopifyAuthError, type TokenRequest } from '../shopify';
import { report } from './errors';
import type { Log } from './log';
import { withSignInProgress } from './signIn';
import { pickStore } from './storePicker';

export function registerCommands(context: vscode.ExtensionContext, manager: SessionManager, log: Log & { show(): void }): void {
  const run = (id: string, action: () => Promise<unknown>) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async () => {
        try {
          await action();
        } catch (error) {
          await report(error, log);
        }
      }),
    );

  run('shopify.signIn', async () => {
    const account = await withSignInProgress(log, 'Signing in to Shopify', (ui) => manager.signIn(ui));
    void vscode.window.showInformationMessage(`Signed in to Shopify as ${accountLabel(account)}.`);
  });

  run('shopify.signOut', async () => {
    await manager.ready();
    const accounts = manager.accounts;
    if (accounts.length === 0) {
      void vscode.window.showInformationMessage('You are not signed in to Shopify.');
      return;
    }
    const picked =
      accounts.length === 1
        ? accounts[0]
        : (await vscode.window.showQuickPick(accounts.map((a) => ({ label: accountLabel(a), account: a })), { title: 'Sign out of which Shopify account?' }))?.account;
    if (!picked) return;
    await manager.signOut(picked.id);
    void vscode.window.showInformationMessage(`Signed out of Shopify (${accountLabel(picked)}). Its tokens were removed from this machine.`);
  });

  run('shopify.selectStore', async () => {
    const store = await pickStore(manager, 'Select the active Shopify store');
    if (!store) return;
    const saved = await manager.setActiveStore(store);
    void vscode.window.showInformationMessage(`Active Shopify store: ${saved}.`);
  });

  for (const [id, api] of [
    ['shopify.copyAdminToken', 'admin'],
    ['shopify.copyPartnersToken', 'partners'],
    ['shopify.copyStorefrontToken', 'storefront-renderer'],
  ] as const) {
    run(id, () => copyToken(manager, log, api));
  }

  run('shopify.showLog', () => {
    log.show();
    return Promise.resolve();
  });
}

/** Puts an API token on the clipboard and says how long it lasts; the token itself is never shown. */
async function copyToken(manager: SessionManager, log: Log, api: ApiName): Promise<void> {
  const title = APIS[api].title;
  let request: TokenRequest = manager.resolve([apiWord(api)]);
  if (APIS[api].perStore && request.store === undefined) {
    const store = await pickStore(manager, `Copy an ${title} token for which store?`);
    if (!store) return;
    request = { ...request, store: await manager.setActiveStore(store) };
  }
  const existing = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Getting a Shopify ${title} token…`, cancellable: true },
    (_progress, cancel) => {
      const controller = new AbortController();
      cancel.onCancellationRequested(() => controller.abort(new ShopifyAuthError('cancelled', `Cancelled: no ${title} token was copied.`)));
      return manager.getSessions(request, { signal: controller.signal });
    },
  );
  const session =
    existing[0] ??
    (await withSignInProgress(log, `Signing in to Shopify for the ${title}`, (ui) => manager.getOrCreate(request, ui, { forceSignIn: true })));
  await vscode.env.clipboard.writeText(session.accessToken);
  const left = session.expiresAt - manager.now();
  const where = session.store ? ` for ${session.store}` : '';
  void vscode.window.showInformationMessage(
    `Shopify ${title} token${where} copied to the clipboard. It stays valid for ${formatDuration(left)} (until ${formatUtc(session.expiresAt)}).`,
  );
}
