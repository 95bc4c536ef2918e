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
  clean.name = callerErrorName(ours?.code);
  return clean;
}

/** "Shopify:<code>": a code callers compare against, so the same in every language, never translated. */
const callerErrorName = (code: string | undefined): `Shopify:${string}` => `Shopify:${code ?? 'error'}`;

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
  // The message promises details in the log: for a failure we did not word ourselves, that is where it came from.
  if (!findShopifyError(error) && error instanceof Error && error.stack) log.error(redact(error.stack));
  const showLog = vscode.l10n.t('Show Log');
  const actions = [...(retry ? [retry.label] : []), showLog];
  const choice = await vscode.window.showErrorMessage(message, ...actions);
  if (choice === showLog) void vscode.commands.executeCommand('shopify.showLog');
  else if (retry && choice === retry.label) void retry.run();
}

export { ShopifyAuthError };
