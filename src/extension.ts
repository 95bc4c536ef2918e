import * as vscode from 'vscode';
import { ServerClock, SessionManager } from './shopify';
import { registerCheckConnection } from './editor/checkConnection';
import { registerCommands } from './editor/commands';
import { configureCoreL10n } from './editor/l10n';
import { offerProjectStore, ProjectStoreFinder } from './editor/projectStore';
import { ShopifyStatusBar } from './editor/statusBar';
import { checkAndUse } from './editor/storeCheck';
import { pickStore } from './editor/storePicker';
import { Stores } from './editor/stores';
import { syncTerminalStore } from './editor/terminalEnv';
import { describe, report } from './editor/errors';
import { createLog } from './editor/log';
import { PROVIDER_ID, PROVIDER_LABEL, ShopifyAuthenticationProvider } from './editor/provider';
import { registerSessionTokenFeatures } from './editor/tokens/register';
import { IdentitySettings } from './editor/settings';
import { Vault } from './editor/vault';

export function activate(context: vscode.ExtensionContext) {
  configureCoreL10n();
  const log = createLog();
  // Tokens are judged by the identity server's clock: a wrong local clock is named once, then worked around.
  const clock = new ServerClock({
    onSkew: (message) => {
      log.warn(message);
      void vscode.window.showWarningMessage(message);
    },
  });
  const settings = new IdentitySettings(log, clock);
  // The vault reports other windows' writes; the manager re-reads and announces the difference.
  const vault = new Vault(context.secrets, log, () => {
    manager.reload().catch((error: unknown) => log.warn(`Reloading sessions failed: ${describe(error)}`));
  });
  const manager: SessionManager = new SessionManager({ client: () => settings.current(), store: vault.store, log, env: process.env, now: clock.now });
  const stores = new Stores(context, manager);
  const useStore = (store: string) => checkAndUse(manager, stores, log, store);
  const project: ProjectStoreFinder = new ProjectStoreFinder(context, log, (input) => manager.normalizeStore(input), (found) =>
    void offerProjectStore(found, project, stores, useStore, async () => {
      const store = await pickStore(manager, stores, project, vscode.l10n.t('Select the Shopify store for this workspace'));
      if (store) await useStore(store);
    }).catch((error: unknown) => report(error, log)),
  );
  const provider = new ShopifyAuthenticationProvider(manager, stores, project, log);
  // Registered first and at once: callers that ask before registration wait, then time out.
  context.subscriptions.push(
    vscode.authentication.registerAuthenticationProvider(PROVIDER_ID, PROVIDER_LABEL, provider, { supportsMultipleAccounts: true }),
    provider,
    vault,
    settings,
    stores,
    project,
    log,
  );
  registerCommands(context, { manager, stores, project, log });
  registerCheckConnection(context, { settings, clock, accounts: () => manager.accounts.length, log });
  const statusBar = new ShopifyStatusBar(manager, stores);
  context.subscriptions.push(statusBar, stores.onDidChange(() => statusBar.update()), syncTerminalStore(context, stores));
  const tokens = registerSessionTokenFeatures(context, log);

  const updateContext = () => void vscode.commands.executeCommand('setContext', 'shopify.signedIn', manager.accounts.length > 0);
  // Without an account, put "Sign in with Shopify" in the Accounts menu (a request that asks for nothing yet):
  // at start, and again after the last sign-out, so the way back in is where the way out was. VS Code
  // keeps one entry per request, however often it is made.
  const offerSignIn = () => {
    if (manager.accounts.length > 0) return;
    void vscode.authentication.getSession(PROVIDER_ID, ['openid'], { createIfNone: false }).then(undefined, (error: unknown) => log.debug(`sign-in offer: ${describe(error)}`));
  };
  const onSessions = () => {
    updateContext();
    offerSignIn();
    stores.refresh();
  };
  const offSessions = manager.onDidChange(onSessions);
  context.subscriptions.push({ dispose: offSessions });
  // A failed load (a locked keychain) is shown with a way to try again; until then nothing reads or writes.
  const load = (): void =>
    void manager.ready().then(onSessions, (error: unknown) => report(error, log, { label: vscode.l10n.t('Try Again'), run: load }));
  load();
  void manager.ready().then(() => project.scan(), () => undefined);

  log.info(`Shopify Authentication ${String(context.extension.packageJSON['version'] ?? '')} ready; identity server ${settings.identityUrl()}`);
  // Decode and verify only: every token goes out through getSession, where VS Code asks the user first.
  return tokens;
}

export function deactivate(): void {}
