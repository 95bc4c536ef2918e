import * as vscode from 'vscode';
import { accountLabel, type SessionManager } from '../shopify';
import type { ProjectStoreFinder } from './projectStore';
import type { Stores } from './stores';

export const MENU_COMMAND = 'shopify.showMenu';
export const WALKTHROUGH_COMMAND = 'shopify.openWalkthrough';

/** Shopify in the status bar: who is signed in and this window's store, or a way to sign in. */
export class ShopifyStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('shopify.status', vscode.StatusBarAlignment.Left, 10);

  constructor(
    private readonly manager: SessionManager,
    private readonly stores: Stores,
  ) {
    this.item.name = vscode.l10n.t('Shopify');
    this.item.command = MENU_COMMAND;
    this.update();
    this.item.show();
  }

  update(): void {
    const account = [...this.manager.accounts].sort((a, b) => b.signedInAt - a.signedInAt)[0];
    const store = this.stores.active();
    if (!account) {
      this.item.text = vscode.l10n.t('$(sign-in) Sign in to Shopify');
      this.item.tooltip = store ? vscode.l10n.t('Not signed in to Shopify. Store for this window: {0}', store) : vscode.l10n.t('Not signed in to Shopify');
      return;
    }
    const shortStore = store?.replace(/\.myshopify\.com$/, '');
    this.item.text = shortStore ? vscode.l10n.t('$(account) {0} · {1}', accountLabel(account), shortStore) : vscode.l10n.t('$(account) {0}', accountLabel(account));
    this.item.tooltip = store
      ? vscode.l10n.t('Signed in to Shopify as {0}. Store for this window: {1}. Click for Shopify actions.', accountLabel(account), store)
      : vscode.l10n.t('Signed in to Shopify as {0}. No store chosen for this window yet. Click for Shopify actions.', accountLabel(account));
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** What the status bar item offers: the actions that matter for the current state, each a palette command. */
export async function showMenu(manager: SessionManager, stores: Stores, project: ProjectStoreFinder, useStore: (store: string) => Promise<unknown>): Promise<void> {
  await manager.ready();
  const signedIn = manager.accounts.length > 0;
  const store = stores.active();
  type Item = vscode.QuickPickItem & { command?: string; projectStore?: string };
  // The workspace's own store stays one click away, even after its offer went by unanswered.
  const named = project.found().filter((f) => f.store !== stores.workspace());
  const items: Item[] = [
    ...(signedIn ? [] : [{ label: vscode.l10n.t('$(sign-in) Sign In to Shopify'), command: 'shopify.signIn' }]),
    ...named.map((f) => ({ label: vscode.l10n.t('$(folder) Use {0} for This Workspace', f.store), description: vscode.l10n.t('named in {0}', f.file), projectStore: f.store })),
    { label: vscode.l10n.t('$(globe) Select Active Store…'), description: store ?? vscode.l10n.t('none yet'), command: 'shopify.selectStore' },
    { label: vscode.l10n.t('$(copy) Copy Admin API Token'), ...(store ? { description: store } : {}), command: 'shopify.copyAdminToken' },
    { label: vscode.l10n.t('$(copy) Copy Partners API Token'), command: 'shopify.copyPartnersToken' },
    ...(signedIn ? [{ label: vscode.l10n.t('$(sign-in) Sign In with Another Account'), command: 'shopify.signIn' }, { label: vscode.l10n.t('$(sign-out) Sign Out…'), command: 'shopify.signOut' }] : []),
    { label: vscode.l10n.t('$(output) Show Log'), command: 'shopify.showLog' },
    { label: vscode.l10n.t('$(book) Get Started with Shopify Authentication'), command: WALKTHROUGH_COMMAND },
  ];
  const title = signedIn ? vscode.l10n.t('Shopify: {0}', manager.accounts.map(accountLabel).join(', ')) : vscode.l10n.t('Shopify: not signed in');
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose a Shopify action') });
  if (picked?.projectStore) await useStore(picked.projectStore);
  else if (picked?.command) await vscode.commands.executeCommand(picked.command);
}
