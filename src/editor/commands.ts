import * as vscode from 'vscode';
import { accountLabel, type ApiName, APIS, apiWord, findShopifyError, formatDuration, formatUtc, isShopifyError, type SessionManager, ShopifyAuthError, type TokenRequest } from '../shopify';
import { report } from './errors';
import type { Log } from './log';
import type { ProjectStoreFinder } from './projectStore';
import { withSignInProgress } from './signIn';
import { MENU_COMMAND, showMenu, WALKTHROUGH_COMMAND } from './statusBar';
import { checkAndUse } from './storeCheck';
import { pickStore } from './storePicker';
import type { Stores } from './stores';

export interface CommandDeps {
  readonly manager: SessionManager;
  readonly stores: Stores;
  readonly project: ProjectStoreFinder;
  readonly log: Log & { show(): void };
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const { manager, stores, project, log } = deps;
  const run = (id: string, action: () => Promise<unknown>) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async () => {
        try {
          await action();
        } catch (error) {
          await report(error, log);
        }
      }),
    );

  run('shopify.signIn', async () => {
    const account = await withSignInProgress(log, vscode.l10n.t('Signing in to Shopify'), (ui) => manager.signIn(ui));
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Shopify as {0}.', accountLabel(account)));
  });

  run('shopify.signOut', async () => {
    await manager.ready();
    const accounts = manager.accounts;
    if (accounts.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('You are not signed in to Shopify.'));
      return;
    }
    const picked =
      accounts.length === 1
        ? accounts[0]
        : (await vscode.window.showQuickPick(accounts.map((a) => ({ label: accountLabel(a), account: a })), { title: vscode.l10n.t('Sign out of which Shopify account?') }))?.account;
    if (!picked) return;
    await manager.signOut(picked.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Shopify ({0}). Its tokens were removed from this machine.', accountLabel(picked)));
  });

  run('shopify.selectStore', async () => {
    const store = await pickStore(manager, stores, project, vscode.l10n.t('Select the active Shopify store'));
    if (store) await checkAndUse(manager, stores, log, store);
  });

  for (const [id, api] of [
    ['shopify.copyAdminToken', 'admin'],
    ['shopify.copyPartnersToken', 'partners'],
    ['shopify.copyStorefrontToken', 'storefront-renderer'],
  ] as const) {
    run(id, () => copyToken(deps, api));
  }

  run(MENU_COMMAND, () => showMenu(manager, stores, project, (store) => checkAndUse(manager, stores, log, store)));

  run(WALKTHROUGH_COMMAND, () =>
    Promise.resolve(vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#gettingStarted`, false)),
  );

  run('shopify.showLog', () => {
    log.show();
    return Promise.resolve();
  });
}

/**
 * Any extension can run our commands, and read the clipboard after them: a modal dialog, which no command can answer,
 * makes each copy the user's own act, as VS Code's consent dialog does for getSession. Asked before any token is
 * fetched, so a refused copy mints nothing.
 */
async function confirmCopy(title: string, store: string | undefined): Promise<boolean> {
  const copy = vscode.l10n.t('Copy Token');
  const message = store
    ? vscode.l10n.t('Copy an {0} token for {1} to the clipboard?', title, store)
    : vscode.l10n.t('Copy a {0} token to the clipboard?', title);
  const detail = vscode.l10n.t('Anything that can read the clipboard can use the token until it expires. The token itself is never shown.');
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, copy)) === copy;
}

/** Puts an API token on the clipboard and says how long it lasts; the token itself is never shown. */
async function copyToken({ manager, stores, project, log }: CommandDeps, api: ApiName): Promise<void> {
  const title = APIS[api].title;
  let request: TokenRequest = manager.resolve([apiWord(api)]);
  if (APIS[api].perStore) {
    // Always asked (the active store first), so another store is one pick away.
    const store = await pickStore(manager, stores, project, vscode.l10n.t('Copy an {0} token for which store?', title));
    if (!store) return;
    request = manager.resolve([apiWord(api), `store:${store}`]);
  }
  if (!(await confirmCopy(title, request.store))) return;
  let session;
  try {
    const existing = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Getting a Shopify {0} token…', title), cancellable: true },
      (_progress, cancel) => {
        const controller = new AbortController();
        cancel.onCancellationRequested(() => controller.abort(new ShopifyAuthError('cancelled', vscode.l10n.t('Cancelled: no {0} token was copied.', title))));
        return manager.getSessions(request, { signal: controller.signal });
      },
    );
    session =
      existing[0] ??
      (await withSignInProgress(log, vscode.l10n.t('Signing in to Shopify for the {0}', title), (ui) => manager.getOrCreate(request, ui, { forceSignIn: true })));
  } catch (error) {
    // A store Shopify refused is not offered again as a recent one.
    if (request.store && isShopifyError(findShopifyError(error), 'store-access')) await stores.forget(request.store);
    throw error;
  }
  // Only a store that produced a token becomes the active one.
  if (request.store) await stores.use(request.store);
  await vscode.env.clipboard.writeText(session.accessToken);
  const left = session.expiresAt - manager.now();
  log.info(`Copied a ${title} token${session.store ? ` for ${session.store}` : ''}, valid until ${formatUtc(session.expiresAt)}.`);
  // The fact that matters first: a collapsed notification shows one line.
  void vscode.window.showInformationMessage(
    session.store
      ? vscode.l10n.t('{0} token copied, valid {1} ({2}). Until {3}; the token itself is not shown.', title, formatDuration(left), session.store, formatUtc(session.expiresAt))
      : vscode.l10n.t('{0} token copied, valid {1}. Until {2}; the token itself is not shown.', title, formatDuration(left), formatUtc(session.expiresAt)),
  );
}
