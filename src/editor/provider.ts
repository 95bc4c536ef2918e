import * as vscode from 'vscode';
import { APIS, fingerprint, isAccountRequest, type SessionChanges, type SessionManager, ShopifyAuthError, type ShopifySession, type TokenRequest } from '../shopify';
import { describe, isCancellation, report, toCallerError } from './errors';
import type { Log } from './log';
import type { ProjectStoreFinder } from './projectStore';
import { withSignInProgress } from './signIn';
import { pickStore } from './storePicker';
import type { Stores } from './stores';

export const PROVIDER_ID = 'shopify';
export const PROVIDER_LABEL = 'Shopify';

/**
 * What callers ask for to get an account session. VS Code drops a pending "Sign in with Shopify"
 * request from the Accounts menu only when an added session's scopes equal the requested ones word
 * for word, so an account session carries exactly these, not the identity scopes granted.
 */
const ACCOUNT_SCOPES = ['openid'];

function toVsSession(session: ShopifySession): vscode.AuthenticationSession {
  return {
    id: session.id,
    accessToken: session.accessToken,
    ...(session.idToken ? { idToken: session.idToken } : {}),
    account: { id: session.account.id, label: session.account.label },
    scopes: session.kind === 'account' ? [...ACCOUNT_SCOPES] : [...session.scopes],
  };
}

/**
 * Shopify in the Accounts menu and behind vscode.authentication.getSession('shopify', …). Protocol and
 * rules live in the session manager; this class translates between it and VS Code.
 */
export class ShopifyAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changes.event;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly manager: SessionManager,
    private readonly stores: Stores,
    private readonly project: ProjectStoreFinder,
    private readonly log: Log,
  ) {
    this.unsubscribe = manager.onDidChange((c: SessionChanges) => {
      this.log.debug(`sessions changed: +${c.added.length} -${c.removed.length} ~${c.changed.length}`);
      this.changes.fire({ added: c.added.map(toVsSession), removed: c.removed.map(toVsSession), changed: c.changed.map(toVsSession) });
    });
  }

  async getSessions(scopes: readonly string[] | undefined, options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
    const accountId = options?.account?.id;
    try {
      if (scopes === undefined || isAccountRequest(scopes)) {
        await this.manager.ready();
        return this.manager
          .allSessions()
          .filter((s) => (scopes === undefined || s.kind === 'account') && (accountId === undefined || s.account.id === accountId))
          .map(toVsSession);
      }
      const sessions = await this.manager.getSessions(this.resolve(scopes), { accountId });
      this.log.debug(`getSessions(${scopes.join(' ')}): ${sessions.map((s) => fingerprint(s.accessToken)).join(', ') || 'none'}`);
      return sessions.map(toVsSession);
    } catch (error) {
      this.log.warn(`getSessions(${scopes?.join(' ') ?? ''}) failed: ${describe(error)}`);
      throw toCallerError(error);
    }
  }

  /** VS Code asks for a new session: sign in (asking for a store first when an admin token needs one). */
  async createSession(scopes: readonly string[], options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession> {
    try {
      if (isAccountRequest(scopes)) {
        const account = await withSignInProgress(this.log, vscode.l10n.t('Signing in to Shopify'), (ui) => this.manager.signIn(ui));
        const session = this.manager.allSessions().find((s) => s.kind === 'account' && s.account.id === account.id);
        if (!session) throw new Error(vscode.l10n.t('the new account was not saved'));
        void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Shopify as {0}.', session.account.label));
        return toVsSession(session);
      }
      let request: TokenRequest = this.resolve(scopes);
      let storeWasPicked = false;
      if (APIS[request.api].perStore && request.store === undefined) {
        const store = await pickStore(this.manager, this.stores, this.project, vscode.l10n.t('Which store should {0} tokens be for?', APIS[request.api].title));
        if (!store) throw new ShopifyAuthError('cancelled', vscode.l10n.t('No store was chosen, so no Admin API token was issued.'));
        request = this.manager.resolve([...scopes, `store:${store}`]);
        storeWasPicked = true;
      }
      const accountId = options?.account?.id;
      const session = await withSignInProgress(this.log, vscode.l10n.t('Signing in to Shopify for the {0}', APIS[request.api].title), (ui) =>
        this.manager.getOrCreate(request, ui, { ...(accountId ? { accountId } : {}), forceSignIn: !storeWasPicked }),
      );
      // A picked store becomes active only once Shopify has issued a token for it.
      if (storeWasPicked && request.store) await this.stores.use(request.store);
      return toVsSession(session);
    } catch (error) {
      // VS Code passes our rejection to the calling extension; the user hears about it from us once.
      void report(error, this.log, isCancellation(error) ? undefined : { label: vscode.l10n.t('Try Again'), run: () => vscode.commands.executeCommand('shopify.signIn') });
      throw toCallerError(error);
    }
  }

  /** The caller's scopes, with this window's store when an Admin request names none. */
  private resolve(scopes: readonly string[]): TokenRequest {
    const request = this.manager.resolve(scopes);
    const windowStore = this.stores.workspace();
    const named = scopes.some((s) => s.startsWith('store:'));
    return APIS[request.api].perStore && !named && windowStore ? { ...request, store: windowStore } : request;
  }

  async removeSession(sessionId: string): Promise<void> {
    try {
      await this.manager.removeSession(sessionId);
    } catch (error) {
      throw toCallerError(error);
    }
  }

  dispose(): void {
    this.unsubscribe();
    this.changes.dispose();
  }
}
