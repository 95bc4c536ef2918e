import { isShopifyError, type ShopifyAuthError } from '../common/errors';
import { Coalescer } from '../common/coalesce';
import { fingerprint } from '../common/redact';
import { withRetries } from '../common/retry';
import { APIS, exchangeScopes, identityScopes, type ApiName } from '../identity/apis';
import type { AppToken, DeviceAuthorization, IdentityClient } from '../identity/client';
import { EMPTY_STATE, accountLabel, appKey, askedScopes, type StoredAccount, type StoredAppToken, type StoredState } from '../storage/state';
import type { StateStore } from '../storage/stateStore';
import { AutomationTokens, ENVIRONMENT_ACCOUNT } from './automationTokens';
import { readEnvironment, type ShopifyEnvironment } from './environment';
import { Refresher, identityRecord, sameIssuer } from './refresher';
import { parseScopes, type ScopeRequest } from './scopes';
import { approvedAsOther, noStore, notSaved, sessionEnded, signedOutWhile, unusableAfterSignIn } from './sessionErrors';
import { appSessionId, covers, diffSessions, isEmpty, isFresh, sessionsOf, type SessionChanges, type ShopifySession } from './sessions';
import { normalizeStore, PRODUCTION_STORES, storeRulesFor, type StoreRules } from './storeName';

export interface DeviceCodeView {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string;
  readonly expiresAt: number;
}

/** What a sign-in needs from whoever shows it. */
export interface SignInUi {
  /** Called once the code is known: show it, offer to copy it and to open the page. */
  showCode(device: DeviceCodeView): void;
  /** Aborting cancels the sign-in and every request it has in flight. */
  readonly signal?: AbortSignal;
}

export interface ManagerLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

export interface SessionManagerOptions {
  /** The client for the identity server configured now (the setting can change). */
  readonly client: () => IdentityClient;
  readonly store: StateStore;
  readonly log: ManagerLog;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => number;
}

/** A resolved request: the store is known when the API needs one. */
export interface TokenRequest {
  readonly api: ApiName;
  readonly store?: string;
  readonly extraScopes: readonly string[];
}

/** Who a call is for and how long it may wait; every field optional. */
export interface CallOptions {
  /** Only this account's session will do (VS Code's `account` option). */
  readonly accountId?: string;
  /** Aborting ends this caller's wait; work shared with other callers goes on for them. */
  readonly signal?: AbortSignal;
}

/**
 * The session rules: which tokens exist, when they are refreshed, what is minted, who waits on whom.
 * No UI and no storage details: the editor gives it a sign-in UI and a StateStore.
 */
export class SessionManager {
  private state: StoredState = EMPTY_STATE;
  // Derived from `state` once per change, so lookups on the hot path do not rebuild every session.
  private sessions: readonly ShopifySession[] = [];
  private sessionIndex = new Map<string, ShopifySession>();
  private loading: Promise<void> | undefined;
  private readonly listeners = new Set<(changes: SessionChanges) => void>();
  private readonly mints = new Coalescer<ShopifySession>();
  private readonly signIns = new Coalescer<StoredAccount>();
  private readonly environment: ShopifyEnvironment;
  private readonly automation: AutomationTokens;
  private readonly refresher: Refresher;
  /** The time sessions are judged by (the identity server's, when the editor gives its clock); epoch ms. */
  readonly now: () => number;

  constructor(private readonly options: SessionManagerOptions) {
    this.now = options.now ?? Date.now;
    this.environment = readEnvironment(options.env ?? {});
    for (const problem of this.environment.problems) options.log.warn(problem.message);
    this.automation = new AutomationTokens({
      environment: this.environment,
      client: options.client,
      log: options.log,
      now: this.now,
      mints: this.mints,
      emit: (changes) => this.emit(changes),
    });
    this.refresher = new Refresher({
      book: { account: (id) => this.account(id), reload: () => this.reload(), write: (mutate) => this.write(mutate) },
      client: options.client,
      log: options.log,
      now: this.now,
    });
  }

  onDidChange(listener: (changes: SessionChanges) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads the stored state once; every reader waits on the same load. A failed load is tried again next time. */
  ready(): Promise<void> {
    this.loading ??= this.options.store
      .load()
      .then((state) => this.apply(state))
      .catch((error: unknown) => {
        this.loading = undefined;
        throw error;
      });
    return this.loading;
  }

  /** Re-reads storage (another window wrote) and announces what changed. */
  async reload(): Promise<void> {
    await this.ready();
    this.apply(await this.options.store.load());
  }

  get accounts(): readonly StoredAccount[] {
    return this.state.accounts;
  }

  /** Every session: each account, each minted token, and tokens minted from the environment. */
  allSessions(): ShopifySession[] {
    return [...this.sessions, ...this.automation.sessions()];
  }

  activeStore(): string | undefined {
    return this.state.activeStore ?? this.environment.store;
  }

  /** A store name read by the rules of the configured identity server (development stores only off production). */
  normalizeStore(input: string): string {
    return normalizeStore(input, this.storeRules());
  }

  async setActiveStore(input: string): Promise<string> {
    const store = this.normalizeStore(input);
    await this.ready();
    await this.write((s) => ({ ...s, activeStore: store }));
    return store;
  }

  /** Reads a caller's scopes and fills in the active store; undefined store means none is known. */
  resolve(scopes: readonly string[]): TokenRequest {
    const rules = this.storeRules();
    const request: ScopeRequest = parseScopes(scopes, rules);
    const fallback = request.store === undefined ? this.activeStore() : undefined;
    // The active store may have been chosen for another identity server: read it by today's rules.
    const store = APIS[request.api].perStore ? (request.store ?? (fallback === undefined ? undefined : normalizeStore(fallback, rules))) : undefined;
    return { api: request.api, extraScopes: request.extraScopes, ...(store ? { store } : {}) };
  }

  /**
   * Sessions for a request, without any UI: existing tokens, refreshed when due, or a token minted from a
   * signed-in account whose sign-in covers the scopes. Empty when only a sign-in could help.
   */
  async getSessions(request: TokenRequest, options: CallOptions = {}): Promise<ShopifySession[]> {
    const { accountId, signal } = options;
    await this.ready();
    if (APIS[request.api].perStore && request.store === undefined) return [];
    if (this.automation.serves(request.api, accountId)) return [await this.automation.session(request.api, request.extraScopes, signal)];
    // Most recently signed-in first: that is the account a caller without a preference gets.
    const candidates = this.state.accounts
      .filter((a) => accountId === undefined || a.id === accountId)
      .sort((a, b) => b.signedInAt - a.signedInAt);
    const found: ShopifySession[] = [];
    for (const account of candidates) {
      const token = account.apps[appKey(request.api, request.store)];
      if (token === undefined || !covers(askedScopes(token), exchangeScopes(request.api, request.extraScopes))) continue;
      const session = await this.usable(account.id, request, { signal });
      if (session) found.push(session);
    }
    if (found.length > 0) return found;
    // An account may have ended while we tried its token: only those still signed in can mint.
    const preferred = candidates.find((a) => this.account(a.id) !== undefined);
    if (preferred && covers(preferred.identity.scopes, identityScopes(request.extraScopes))) {
      const session = await this.usable(preferred.id, request, { signal });
      if (session) found.push(session);
    }
    return found;
  }

  /**
   * A session for a request, signing in through `ui` when nothing usable exists. `forceSignIn` always
   * runs the device flow (VS Code's createSession: a new sign-in was asked for). With `accountId`, only that
   * account's session will do: a sign-in approved by anyone else is refused (and that account stays signed in).
   */
  async getOrCreate(request: TokenRequest, ui: SignInUi, options: { accountId?: string; forceSignIn?: boolean } = {}): Promise<ShopifySession> {
    if (APIS[request.api].perStore && request.store === undefined) throw noStore();
    if (!options.forceSignIn) {
      const existing = await this.getSessions(request, { ...(options.accountId !== undefined ? { accountId: options.accountId } : {}), ...(ui.signal ? { signal: ui.signal } : {}) });
      if (existing[0]) return existing[0];
    }
    const account = await this.signIn(ui, { extraScopes: request.extraScopes });
    // The device flow cannot be told whom to expect: whoever approves signs in, so check it was the one asked for.
    const wanted = options.accountId === undefined ? undefined : this.state.accounts.find((a) => a.id === options.accountId);
    if (options.accountId !== undefined && account.id !== options.accountId) {
      throw approvedAsOther(account, wanted ? accountLabel(wanted) : options.accountId);
    }
    // A forced sign-in means the caller wants a new session (its token was refused, say): mint, do not reuse.
    // Just signed in: if Shopify ends this session too, the caller hears why rather than "sign in again" in a loop.
    const session = await this.usable(account.id, request, { ...(ui.signal ? { signal: ui.signal } : {}), reuse: !options.forceSignIn, afterSignIn: true });
    if (!session) throw unusableAfterSignIn();
    return session;
  }

  /** One device-code sign-in at a time; callers who ask meanwhile share it when it covers their scopes. */
  async signIn(ui: SignInUi, options: { extraScopes?: readonly string[] } = {}): Promise<StoredAccount> {
    const extraScopes = options.extraScopes ?? [];
    await this.ready();
    for (;;) {
      const pending = this.signIns.size > 0;
      const wanted = identityScopes(extraScopes);
      // The sign-in stops when its own prompt is cancelled; someone who joined it can stop waiting on their own.
      const account = await this.signIns.run('device', () => this.deviceSignIn(ui, extraScopes), ui.signal);
      if (!pending || covers(account.identity.scopes, wanted)) return account;
    }
  }

  async removeSession(id: string): Promise<void> {
    await this.ready();
    if (id.startsWith(`${ENVIRONMENT_ACCOUNT}/`)) {
      this.automation.remove(id);
      return;
    }
    const account = this.state.accounts.find((a) => id.startsWith(`${a.id}/`));
    if (!account) return; // already gone, e.g. the account's sign-out removed it first
    const key = id.slice(account.id.length + 1);
    if (key === 'account') {
      await this.signOut(account.id);
      return;
    }
    await this.write((s) => ({
      ...s,
      accounts: s.accounts.map((a) => (a.id === account.id ? { ...a, apps: without(a.apps, key) } : a)),
    }));
  }

  /** Forgets an account and every token minted from it. Other accounts are untouched. */
  async signOut(accountId: string): Promise<void> {
    await this.ready();
    await this.write((s) => ({ ...s, accounts: s.accounts.filter((a) => a.id !== accountId) }));
    this.options.log.info(`Signed out ${accountId}`);
  }

  // ---- internals ----

  /** An unusable identity setting fails where a token is asked for; until then, the stricter rules apply. */
  private storeRules(): StoreRules {
    try {
      return storeRulesFor(this.options.client().endpoints.issuer);
    } catch {
      return PRODUCTION_STORES;
    }
  }

  private async deviceSignIn(ui: SignInUi, extraScopes: readonly string[]): Promise<StoredAccount> {
    const client = this.options.client();
    const scopes = identityScopes(extraScopes);
    const device: DeviceAuthorization = await withRetries(() => client.requestDeviceCode(scopes, ui.signal), 'idempotent', {
      ...(ui.signal ? { signal: ui.signal } : {}),
      onRetry: (e, ms) => this.options.log.warn(`Asking for a sign-in code failed (${e.code}); trying again in ${Math.round(ms)} ms`),
    });
    this.options.log.info(`Sign-in code issued; waiting for approval at ${device.verificationUri}`);
    ui.showCode({
      userCode: device.userCode,
      verificationUri: device.verificationUri,
      verificationUriComplete: device.verificationUriComplete,
      // On this computer's clock, which is what the prompt counts down with.
      expiresAt: device.expiresAt - this.now() + Date.now(),
    });
    const tokens = await client.waitForApproval(device, ui.signal);
    const obtainedAt = this.now();
    let saved: StoredAccount | undefined;
    await this.write((s) => {
      const existing = s.accounts.find((a) => a.id === tokens.userId);
      saved = {
        id: tokens.userId,
        ...((tokens.email ?? existing?.email) ? { email: tokens.email ?? existing?.email } : {}),
        issuer: client.endpoints.issuer,
        signedInAt: obtainedAt,
        identity: identityRecord(tokens, obtainedAt),
        apps: existing?.apps ?? {},
      };
      return { ...s, accounts: [...s.accounts.filter((a) => a.id !== tokens.userId), saved] };
    });
    if (!saved) throw notSaved();
    this.options.log.info(`Signed in as ${accountLabel(saved)}`);
    return saved;
  }

  /** The account's token for the request, refreshed or minted when due; undefined when the account had to go. */
  private async usable(accountId: string, request: TokenRequest, options: { signal?: AbortSignal; reuse?: boolean; afterSignIn?: boolean } = {}): Promise<ShopifySession | undefined> {
    const { signal, reuse = true, afterSignIn = false } = options;
    const key = appKey(request.api, request.store);
    const id = appSessionId(accountId, request.api, request.store);
    const wanted = exchangeScopes(request.api, request.extraScopes);
    const current = this.findSession(id);
    const stored = this.account(accountId)?.apps[key];
    // Reuse is decided on what was asked, never on how the server phrased its grant (as the CLI: by expiry alone).
    if (reuse && current && stored && isFresh(stored, this.now()) && covers(askedScopes(stored), wanted)) return current;
    try {
      const mintKey = `${id} ${request.extraScopes.join(' ')}${reuse ? '' : ' new'}`;
      return await this.mints.run(mintKey, (shared) => this.mint(accountId, request, shared), signal);
    } catch (error) {
      // The account ended (here or in another window): nothing to hand out, a sign-in is what helps.
      if (!afterSignIn && isShopifyError(error) && ['session-expired', 'session-unusable', 'not-signed-in'].includes(error.code) && this.account(accountId) === undefined) {
        return undefined;
      }
      // A token that has not run out yet still works while the server is unreachable.
      if (isShopifyError(error) && error.transient && current && stored && stored.expiresAt > this.now() && covers(askedScopes(stored), wanted)) {
        this.options.log.warn(`Could not renew the ${APIS[request.api].title} token (${error.code}); using the current one until it expires.`);
        return current;
      }
      throw error;
    }
  }

  private async mint(accountId: string, request: TokenRequest, signal?: AbortSignal): Promise<ShopifySession> {
    const account = await this.refresher.freshIdentity(accountId, signal ? { signal } : {});
    const key = appKey(request.api, request.store);
    // Keep what earlier callers asked for, so one token serves them all.
    const stored = account.apps[key];
    const earlier = stored ? askedScopes(stored) : [];
    const extras = [...new Set([...request.extraScopes, ...earlier.filter((s) => !exchangeScopes(request.api).includes(s))])]
      .filter((s) => account.identity.scopes.includes(s));
    const client = this.options.client();
    sameIssuer(account, client);
    const exchange = (from: StoredAccount) =>
      withRetries(
        () => client.exchange(from.identity.accessToken, request.api, extras, request.store, signal),
        'idempotent',
        { ...(signal ? { signal } : {}), onRetry: (e, ms) => this.options.log.warn(`${APIS[request.api].title} token request failed (${e.code}); trying again in ${Math.round(ms)} ms`) },
      );
    let token: AppToken;
    try {
      token = await exchange(account);
    } catch (error) {
      if (!identityRefused(error)) throw error;
      // As the CLI reads it: Shopify no longer accepts this identity token. A refresh may cure that; once.
      this.options.log.warn(`Shopify refused the session for the ${APIS[request.api].title} (${error.code}); refreshing it and trying once more.`);
      const refreshed = await this.refresher.freshIdentity(accountId, { ...(signal ? { signal } : {}), rejected: account.identity.accessToken });
      try {
        token = await exchange(refreshed);
      } catch (again) {
        if (!identityRefused(again)) throw again;
        await this.refresher.dropEnded(refreshed, again);
        throw sessionEnded(again, refreshed);
      }
    }
    const app: StoredAppToken = {
      api: request.api,
      ...(request.store ? { store: request.store } : {}),
      accessToken: token.accessToken,
      expiresAt: token.expiresAt,
      obtainedAt: this.now(),
      scopes: [...token.scopes],
      requestedScopes: [...token.requestedScopes],
    };
    await this.write((s) => ({
      ...s,
      accounts: s.accounts.map((a) => (a.id === accountId ? { ...a, apps: { ...a.apps, [key]: app } } : a)),
    }));
    this.options.log.info(`${APIS[request.api].title} token ${request.store ? `for ${request.store} ` : ''}issued (${fingerprint(token.accessToken)}), valid until ${new Date(token.expiresAt).toISOString()}`);
    const session = this.findSession(appSessionId(accountId, request.api, request.store));
    if (!session) throw signedOutWhile('issue');
    return session;
  }

  private account(id: string): StoredAccount | undefined {
    return this.state.accounts.find((a) => a.id === id);
  }

  private findSession(id: string): ShopifySession | undefined {
    return this.sessionIndex.get(id);
  }

  private async write(mutate: (s: StoredState) => StoredState): Promise<void> {
    this.apply(await this.options.store.update(mutate));
  }

  private apply(next: StoredState): void {
    const before = this.sessions;
    this.state = next;
    this.sessions = sessionsOf(next);
    this.sessionIndex = new Map(this.sessions.map((s) => [s.id, s]));
    this.emit(diffSessions(before, this.sessions));
  }

  private emit(changes: SessionChanges): void {
    if (isEmpty(changes)) return;
    for (const listener of this.listeners) {
      try {
        listener(changes);
      } catch (error) {
        this.options.log.warn(`A session listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/** An exchange refused because of the identity token it was given: invalid_request or invalid_grant. */
function identityRefused(error: unknown): error is ShopifyAuthError {
  return isShopifyError(error, 'session-unusable') || isShopifyError(error, 'session-expired');
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
