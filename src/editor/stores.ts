import * as vscode from 'vscode';
import type { SessionManager } from '../shopify';

const RECENT_KEY = 'shopify.recentStores';
const WORKSPACE_KEY = 'shopify.workspaceStore';
const MAX_RECENT = 8;


/**
 * Which store this window means when a caller names none: the one chosen in this workspace (kept in
 * workspaceState), else the account-wide active store. Recently used stores are names, not secrets, so
 * they live in globalState, for the pickers.
 */
export class Stores implements vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changes.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly manager: SessionManager,
  ) {}

  /** A kept name read back through the store-name rules (stored state is never trusted blindly). */
  private valid(store: unknown): string | undefined {
    if (typeof store !== 'string') return undefined;
    try {
      return this.manager.normalizeStore(store);
    } catch {
      return undefined;
    }
  }

  /** The store for this window, or undefined when none was ever chosen. */
  active(): string | undefined {
    return this.workspace() ?? this.manager.activeStore();
  }

  /** The store chosen in this workspace, if any (read back through the store-name rules). */
  workspace(): string | undefined {
    return this.valid(this.context.workspaceState.get<string>(WORKSPACE_KEY));
  }

  /** Makes a store the active one: account-wide, for this workspace when a folder is open, and most recent. */
  async use(store: string): Promise<string> {
    const saved = await this.manager.setActiveStore(store);
    if ((vscode.workspace.workspaceFolders?.length ?? 0) > 0) await this.context.workspaceState.update(WORKSPACE_KEY, saved);
    await this.remember(saved);
    this.changes.fire(saved);
    return saved;
  }

  /** Recently used stores, newest first. */
  recent(): string[] {
    const list = this.context.globalState.get<unknown>(RECENT_KEY);
    return Array.isArray(list) ? list.map((s) => this.valid(s)).filter((s): s is string => s !== undefined) : [];
  }

  async remember(store: string): Promise<void> {
    const list = [store, ...this.recent().filter((s) => s !== store)].slice(0, MAX_RECENT);
    await this.context.globalState.update(RECENT_KEY, list);
  }

  /** A store Shopify refused leaves the list, so it is not offered again as if it worked. */
  async forget(store: string): Promise<void> {
    await this.context.globalState.update(RECENT_KEY, this.recent().filter((s) => s !== store));
  }

  /** Announces a change made elsewhere (another window, a sign-out). */
  refresh(): void {
    this.changes.fire(this.active());
  }

  dispose(): void {
    this.changes.dispose();
  }
}
