import * as vscode from 'vscode';
import { createLog } from './editor/log';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  log.info('Shopify Authentication activated');
}

export function deactivate(): void {}
