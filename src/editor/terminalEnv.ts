import * as vscode from 'vscode';
import type { Stores } from './stores';

const VARIABLE = 'SHOPIFY_FLAG_STORE';
const SETTING = 'shopifyAuth.terminalStore';

/**
 * New integrated terminals get SHOPIFY_FLAG_STORE set to this window's store, so `shopify theme dev` and
 * `shopify app dev` there use the store the editor uses. Only the store's name: no token goes to a terminal.
 */
export function syncTerminalStore(context: vscode.ExtensionContext, stores: Stores): vscode.Disposable {
  const collection = context.environmentVariableCollection;
  const update = () => {
    const store = stores.active();
    const enabled = vscode.workspace.getConfiguration().get<boolean>(SETTING, true);
    if (enabled && store) {
      collection.replace(VARIABLE, store);
      collection.description = vscode.l10n.t('{0}={1}: the Shopify store of this window', VARIABLE, store);
    } else {
      collection.delete(VARIABLE);
    }
  };
  update();
  return vscode.Disposable.from(
    stores.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTING)) update();
    }),
  );
}
