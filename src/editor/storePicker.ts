import * as vscode from 'vscode';
import type { SessionManager } from '../shopify';

const OTHER = '$(add) Enter another store…';

/** Known stores first (the active one, then those with tokens), then free entry, validated as you type. */
export async function pickStore(manager: SessionManager, title = 'Select a Shopify store'): Promise<string | undefined> {
  await manager.ready();
  const active = manager.activeStore();
  const known = new Set<string>(active ? [active] : []);
  for (const account of manager.accounts) for (const app of Object.values(account.apps)) if (app.store) known.add(app.store);
  if (known.size > 0) {
    const items: vscode.QuickPickItem[] = [...known].map((store) => ({ label: store, ...(store === active ? { description: 'active store' } : {}) }));
    items.push({ label: OTHER });
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Store to use' });
    if (!picked) return undefined;
    if (picked.label !== OTHER) return picked.label;
  }
  const typed = await vscode.window.showInputBox({
    title,
    prompt: 'The store\'s permanent domain (my-store.myshopify.com), its handle (my-store), or its admin.shopify.com/store/… address',
    placeHolder: 'my-store.myshopify.com',
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
