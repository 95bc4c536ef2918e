import * as vscode from 'vscode';
import { projectStores } from '../shopify';
import type { Log } from './log';
import type { Stores } from './stores';

const GLOB = '**/{shopify.app.toml,shopify.app.*.toml,shopify.theme.toml}';
const EXCLUDE = '**/{node_modules,.git}/**';
const DECLINED_KEY = 'shopify.declinedProjectStores';
const MAX_FILES = 20;

export interface FoundStore {
  readonly store: string;
  /** The file's name relative to the workspace, for the picker and the offer. */
  readonly file: string;
}

/**
 * The stores the workspace's Shopify CLI project files name. They are only offered: a workspace (even an
 * untrusted one) can suggest a store name, which passes the store-name rules, and the user accepts it or not.
 * Nothing else in those files is read, so a theme password stays where it is.
 */
export class ProjectStoreFinder implements vscode.Disposable {
  private stores: FoundStore[] = [];
  private readonly watcher: vscode.FileSystemWatcher;
  private scanning: Promise<void> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
    private readonly normalize: (input: string) => string,
    private readonly onFound: (found: readonly FoundStore[]) => void,
  ) {
    this.watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    const rescan = () => void this.scan();
    this.watcher.onDidCreate(rescan);
    this.watcher.onDidChange(rescan);
    this.watcher.onDidDelete(rescan);
  }

  found(): readonly FoundStore[] {
    return this.stores;
  }

  scan(): Promise<void> {
    this.scanning ??= this.read()
      .then((stores) => {
        this.stores = stores;
        if (stores.length > 0) this.onFound(stores);
      })
      .catch((error: unknown) => this.log.warn(`Reading the workspace's Shopify project files failed: ${String(error)}`))
      .finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private async read(): Promise<FoundStore[]> {
    const files = await vscode.workspace.findFiles(GLOB, EXCLUDE, MAX_FILES);
    files.sort((a, b) => a.path.localeCompare(b.path));
    const found: FoundStore[] = [];
    for (const uri of files) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const file = vscode.workspace.asRelativePath(uri, false);
      const { stores, refused } = projectStores(uri.path, text, this.normalize);
      for (const where of refused) this.log.warn(`${file}: ${where} does not name a Shopify store; it is not offered.`);
      for (const { store } of stores) if (!found.some((f) => f.store === store)) found.push({ store, file });
    }
    return found;
  }

  /** Stores the user said no to in this workspace: not offered again until a file names a new one. */
  declined(): string[] {
    const list = this.context.workspaceState.get<unknown>(DECLINED_KEY);
    return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
  }

  async decline(stores: readonly string[]): Promise<void> {
    await this.context.workspaceState.update(DECLINED_KEY, [...new Set([...this.declined(), ...stores])]);
  }

  dispose(): void {
    this.watcher.dispose();
  }
}

/** Offers the project's store for this workspace unless it is already the workspace's or was declined. */
export async function offerProjectStore(
  found: readonly FoundStore[],
  finder: ProjectStoreFinder,
  stores: Stores,
  use: (store: string) => Promise<unknown>,
  choose: () => Promise<unknown>,
): Promise<void> {
  const current = stores.workspace();
  if (current !== undefined && found.some((f) => f.store === current)) return;
  const declined = finder.declined();
  const fresh = found.filter((f) => !declined.includes(f.store));
  const first = fresh[0];
  if (!first) return;
  const useIt = vscode.l10n.t('Use {0}', first.store);
  const pick = vscode.l10n.t('Choose…');
  const notNow = vscode.l10n.t('Not Now');
  const message =
    fresh.length === 1
      ? vscode.l10n.t('Use {0} for this workspace? {1} names it.', first.store, first.file)
      : vscode.l10n.t('This workspace names {0} Shopify stores ({1} and others). Choose one for it?', fresh.length, first.file);
  const choice = await vscode.window.showInformationMessage(message, ...(fresh.length === 1 ? [useIt] : [pick]), notNow);
  if (choice === useIt) await use(first.store);
  else if (choice === pick) await choose();
  else if (choice === notNow) await finder.decline(fresh.map((f) => f.store));
}
