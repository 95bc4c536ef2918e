import * as vscode from 'vscode';
import { findShopifyError, isShopifyError, redact, serverText, ShopifyAuthError } from '../shopify/common';
import type { Log } from './log';

/** The sentence to show for any failure: ours as written, anything else redacted and explained. */
export function describe(error: unknown): string {
  const ours = findShopifyError(error);
  if (ours) return redact(ours.message);
  const text = error instanceof Error ? error.message : String(error);
  return vscode.l10n.t('Something went wrong: {0}. See the "Shopify Authentication" output for details.', serverText(text));
}

/** An Error VS Code can hand to a calling extension: a clean message, nothing secret inside. */
export function toCallerError(error: unknown): Error {
  const ours = findShopifyError(error);
  const clean = new Error(describe(error));
  clean.name = ours ? vscode.l10n.t('Shopify:{0}', ours.code) : vscode.l10n.t('Shopify:error');
  return clean;
}

export function isCancellation(error: unknown): boolean {
  return isShopifyError(findShopifyError(error), 'cancelled');
}

/** Shows a failure once, with a way forward; cancellation is quiet news, not an error. */
export async function report(error: unknown, log: Log, retry?: { label: string; run: () => unknown }): Promise<void> {
  const message = describe(error);
  if (isCancellation(error)) {
    log.info(message);
    void vscode.window.showInformationMessage(message);
    return;
  }
  log.error(message);
  const showLog = vscode.l10n.t('Show Log');
  const actions = [...(retry ? [retry.label] : []), showLog];
  const choice = await vscode.window.showErrorMessage(message, ...actions);
  if (choice === showLog) void vscode.commands.executeCommand('shopify.showLog');
  else if (retry && choice === retry.label) void retry.run();
}

export { ShopifyAuthError };
