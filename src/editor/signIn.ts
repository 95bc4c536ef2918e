import * as vscode from 'vscode';
import { type DeviceCodeView, ShopifyAuthError, type SignInUi } from '../shopify';
import type { Log } from './log';


/**
 * The device-code prompt: a cancellable progress notification for the whole wait, and a notification
 * with the code and buttons to copy it and to open the page. Works the same locally, over SSH, in
 * containers and in code-server, since nothing listens on localhost.
 */
export function withSignInProgress<T>(log: Log, title: string, work: (ui: SignInUi) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, cancel) => {
      const controller = new AbortController();
      const onCancel = cancel.onCancellationRequested(() =>
        controller.abort(new ShopifyAuthError('cancelled', vscode.l10n.t('Shopify sign-in cancelled. Nothing was changed; sign in again whenever you are ready.'))),
      );
      let finished = false;
      const ui: SignInUi = {
        signal: controller.signal,
        showCode: (device) => {
          progress.report({ message: vscode.l10n.t('Waiting for you to approve code {0} in the browser…', device.userCode) });
          void offerCode(device, log, () => finished || controller.signal.aborted);
        },
      };
      try {
        return await work(ui);
      } finally {
        finished = true;
        onCancel.dispose();
      }
    }),
  );
}

async function offerCode(device: DeviceCodeView, log: Log, over: () => boolean): Promise<void> {
  const minutes = Math.max(1, Math.round((device.expiresAt - Date.now()) / 60_000));
  const copyCode = vscode.l10n.t('Copy Code');
  const openPage = vscode.l10n.t('Open Sign-in Page');
  let copied = false;
  // Copying closes the notification, so it comes back (once) to offer the page.
  for (;;) {
    const text = copied
      ? vscode.l10n.t('Code {0} copied. Open the Shopify sign-in page and paste it there.', device.userCode)
      : vscode.l10n.t('Your Shopify sign-in code is {0}. Open the sign-in page, check that it shows this code, and approve. The code expires in {1} min.', device.userCode, minutes);
    const choice = await vscode.window.showInformationMessage(text, ...(copied ? [openPage] : [copyCode, openPage]));
    if (choice === undefined) return;
    // The notification cannot be closed for us when the sign-in ends, so a late click must not go unanswered.
    if (over()) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Code {0} is no longer in use: that sign-in has finished or was cancelled. To sign in again, use "Shopify: Sign In" or the Accounts menu.', device.userCode),
      );
      return;
    }
    if (choice === copyCode) {
      await vscode.env.clipboard.writeText(device.userCode);
      copied = true;
      continue;
    }
    const opened = await vscode.env.openExternal(await reachable(device.verificationUriComplete));
    if (!opened) {
      log.warn(`Could not open a browser; open ${device.verificationUri} yourself and enter ${device.userCode}.`);
      // The person is waiting on a page that did not open: tell them where it is, not only the log.
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The sign-in page did not open. Open {0} in a browser and enter the code {1}.', device.verificationUri, device.userCode),
      );
    }
    return;
  }
}

/**
 * The page's address as the user's browser can reach it. Remote hosts map a loopback identity server
 * (a local one, as in the sandbox) to a forwarded address; code-server's mapping keeps only the port
 * and drops the path and query, so they are put back. Shopify's own https address is left as it is.
 */
async function reachable(address: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.parse(address, true);
  const external = await vscode.env.asExternalUri(uri);
  if (external.toString() === uri.toString() || external.path.endsWith(uri.path)) return external;
  return external.with({ path: `${external.path.replace(/\/$/, '')}${uri.path}`, query: uri.query });
}
