import * as vscode from 'vscode';
import type { SessionManager } from '../shopify';
import type { ProjectStoreFinder } from './projectStore';
import type { Stores } from './stores';

/**
 * Known stores first (the active one, those the workspace's Shopify project names, recently used ones,
 * those with tokens), then free entry, validated as you type.
 */
export async function pickStore(manager: SessionManager, stores: Stores, project: ProjectStoreFinder | undefined, title = vscode.l10n.t('Select a Shopify store')): Promise<string | undefined> {
  await manager.ready();
  const other = vscode.l10n.t('$(add) Enter another store…');
  const active = stores.active();
  const described = new Map<string, string>();
  const add = (store: string | undefined, description: string) => {
    if (store !== undefined && !described.has(store)) described.set(store, description);
  };
  add(active, vscode.l10n.t('active store'));
  for (const found of project?.found() ?? []) add(found.store, vscode.l10n.t('named in {0}', found.file));
  for (const store of stores.recent()) add(store, vscode.l10n.t('recently used'));
  for (const account of manager.accounts) for (const app of Object.values(account.apps)) add(app.store, vscode.l10n.t('has a token'));
  if (described.size > 0) {
    const items: vscode.QuickPickItem[] = [...described].map(([label, description]) => ({ label, description }));
    items.push({ label: other });
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Store to use'), ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.label !== other) return picked.label;
  }
  const typed = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('The store\'s permanent domain (my-store.myshopify.com), its handle (my-store), or its admin.shopify.com/store/… address'),
    placeHolder: vscode.l10n.t('my-store.myshopify.com'),
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (value.trim() === '') return undefined;
      try {
        manager.normalizeStore(value);
        return undefined;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
  });
  return typed === undefined || typed.trim() === '' ? undefined : manager.normalizeStore(typed);
}
