import * as vscode from 'vscode';
import { checkConnection, proxyRoute, type ConnectionResult, type ServerClock } from '../shopify';
import { report } from './errors';
import type { Log } from './log';
import { proxySources } from './network';
import type { IdentitySettings } from './settings';

/** Settings that decide how a request travels, shown in the report as they are in effect. */
const HTTP_SETTINGS = ['proxy', 'noProxy', 'proxyStrictSSL', 'proxySupport', 'systemCertificates', 'fetchAdditionalSupport'];

export interface CheckConnectionDeps {
  readonly settings: IdentitySettings;
  readonly clock: ServerClock;
  readonly accounts: () => number;
  readonly log: Log;
}

/**
 * "Shopify: Check Connection": one request to the identity server, the way sign-in travels, then the verdict as a
 * notification and a report for a support request. The result is also returned, for callers running the command.
 */
export function registerCheckConnection(context: vscode.ExtensionContext, deps: CheckConnectionDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('shopify.checkConnection', async (): Promise<ConnectionResult | undefined> => {
      try {
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the connection to Shopify…'), cancellable: true },
          (_progress, token) => runCheck(deps, token),
        );
        if (!result) return undefined;
        deps.log.info(`Connection check:\n${result.report}`);
        void show(result, deps.log);
        return result;
      } catch (error) {
        await report(error, deps.log);
        return undefined;
      }
    }),
  );
}

async function runCheck(deps: CheckConnectionDeps, token: vscode.CancellationToken): Promise<ConnectionResult | undefined> {
  const cancel = new AbortController();
  const listener = token.onCancellationRequested(() => cancel.abort());
  const identityUrl = deps.settings.identityUrl();
  const config = vscode.workspace.getConfiguration();
  const settings: Record<string, unknown> = {
    'shopifyAuth.identityUrl': identityUrl,
    'shopifyAuth.requestTimeoutSeconds': config.get('shopifyAuth.requestTimeoutSeconds'),
  };
  for (const key of HTTP_SETTINGS) settings[`http.${key}`] = config.get(`http.${key}`);
  let proxy: ReturnType<typeof proxyRoute>;
  try {
    proxy = proxyRoute(identityUrl, proxySources());
  } catch {
    proxy = undefined;
  }
  const extension = vscode.extensions.getExtension('shopify-auth-dev.shopify-authentication');
  try {
    return await checkConnection({
      facts: {
        identityUrl,
        proxy,
        settings,
        env: process.env,
        versions: {
          'Shopify Authentication': String(extension?.packageJSON['version'] ?? '?'),
          'VS Code': `${vscode.version} (${vscode.env.appName}${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''})`,
          Node: process.version,
          OS: `${process.platform} ${process.arch}`,
        },
        accounts: deps.accounts(),
      },
      timeoutMs: deps.settings.requestTimeoutMs(),
      clock: deps.clock,
      signal: cancel.signal,
    });
  } catch (error) {
    if (cancel.signal.aborted) return undefined;
    throw error;
  } finally {
    listener.dispose();
  }
}

async function show(result: ConnectionResult, log: Log): Promise<void> {
  const copyReport = vscode.l10n.t('Copy Report');
  const showLog = vscode.l10n.t('Show Log');
  const actions = [copyReport, showLog];
  const choice = result.ok ? await vscode.window.showInformationMessage(result.verdict, ...actions) : await vscode.window.showErrorMessage(result.verdict, ...actions);
  if (choice === copyReport) {
    await vscode.env.clipboard.writeText(result.report);
    void vscode.window.showInformationMessage(vscode.l10n.t('Connection report copied. Tokens, secrets and proxy passwords are left out; paste it into your support request.'));
  } else if (choice === showLog) {
    log.info('Showing the log after a connection check');
    void vscode.commands.executeCommand('shopify.showLog');
  }
}
