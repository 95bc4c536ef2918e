import { isShopifyError } from '../common/errors';
import { fingerprint, rememberSecret } from '../common/redact';
import { withRetries } from '../common/retry';
import type { Coalescer } from '../common/coalesce';
import { APIS, type ApiName } from '../identity/apis';
import type { AppToken, IdentityClient } from '../identity/client';
import type { AutomationToken, ShopifyEnvironment } from './environment';
import { automationTokenRefused, automationTokenUnusable } from './sessionErrors';
import { sessionScopes } from './scopes';
import { diffSessions, isFresh, type SessionChanges, type ShopifySession } from './sessions';

export const ENVIRONMENT_ACCOUNT = 'environment';

export interface AutomationTokensOptions {
  readonly environment: ShopifyEnvironment;
  readonly client: () => IdentityClient;
  readonly log: { info(message: string): void; warn(message: string): void };
  readonly now: () => number;
  /** Shared with the account tokens, so one key means one request in flight. */
  readonly mints: Coalescer<ShopifySession>;
  readonly emit: (changes: SessionChanges) => void;
}

/**
 * Tokens minted from SHOPIFY_APP_AUTOMATION_TOKEN (or SHOPIFY_CLI_PARTNERS_TOKEN), for CI and scripts. They live in
 * memory only, like the CLI's: the variable is the credential, and it is read again in every new window.
 */
export class AutomationTokens {
  private readonly tokens = new Map<ApiName, AppToken & { obtainedAt: number }>();
  private scopesNoted = false;

  constructor(private readonly options: AutomationTokensOptions) {
    const automation = options.environment.automationToken;
    if (automation) {
      const ignored = options.environment.ignoredVariable;
      options.log.info(`${automation.variable} is used (${fingerprint(automation.value)}): Partners, Business Platform and App Management tokens come from it, not from a signed-in account.${ignored ? ` ${ignored} is also set and is ignored.` : ''}`);
    }
  }

  /** Whether this request is served from the environment rather than from a signed-in account. */
  serves(api: ApiName, accountId: string | undefined): boolean {
    return this.options.environment.automationToken !== undefined && APIS[api].fromAutomationToken && (accountId === undefined || accountId === ENVIRONMENT_ACCOUNT);
  }

  async session(api: ApiName, extraScopes: readonly string[], signal?: AbortSignal): Promise<ShopifySession> {
    const automation = this.automation(api);
    if (extraScopes.length > 0 && !this.scopesNoted) {
      this.scopesNoted = true;
      this.options.log.warn(`Extra scopes (${extraScopes.join(' ')}) are ignored for tokens from ${automation.variable}: that token carries its own scopes.`);
    }
    const cached = this.tokens.get(api);
    if (!cached || !isFresh(cached, this.options.now())) {
      await this.options.mints.run(`${ENVIRONMENT_ACCOUNT}/${api}`, (shared) => this.mint(automation, api, shared), signal);
    }
    const session = this.sessions().find((s) => s.kind === api);
    if (!session) throw automationTokenUnusable(automation.variable, api);
    return session;
  }

  /** The session id is `environment/<api>`; removing one forgets that token until it is asked for again. */
  remove(id: string): void {
    const before = this.sessions();
    this.tokens.delete(id.slice(ENVIRONMENT_ACCOUNT.length + 1) as ApiName);
    this.options.emit(diffSessions(before, this.sessions()));
  }

  sessions(): ShopifySession[] {
    const automation = this.options.environment.automationToken;
    if (!automation) return [];
    return [...this.tokens.entries()].map(([api, token]) => ({
      id: `${ENVIRONMENT_ACCOUNT}/${api}`,
      accessToken: token.accessToken,
      account: { id: ENVIRONMENT_ACCOUNT, label: automation.variable },
      scopes: sessionScopes(api, undefined, token.scopes),
      kind: api,
      expiresAt: token.expiresAt,
    }));
  }

  private automation(api: ApiName): AutomationToken {
    const automation = this.options.environment.automationToken;
    if (!automation) throw automationTokenUnusable('the environment', api);
    return automation;
  }

  private async mint(automation: AutomationToken, api: ApiName, signal: AbortSignal): Promise<ShopifySession> {
    const before = this.sessions();
    const client = this.options.client();
    let token: AppToken;
    try {
      token = await withRetries(() => client.exchangeAutomationToken(automation.value, api, signal), 'idempotent', { signal });
    } catch (error) {
      if (isShopifyError(error) && ['session-expired', 'session-unusable', 'scope-rejected', 'protocol'].includes(error.code)) {
        throw automationTokenRefused(automation.variable, api);
      }
      throw error;
    }
    rememberSecret(token.accessToken);
    this.tokens.set(api, { ...token, obtainedAt: this.options.now() });
    this.options.emit(diffSessions(before, this.sessions()));
    return this.sessions()[0] as ShopifySession;
  }
}
