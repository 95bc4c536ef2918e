import * as vscode from 'vscode';
import { fingerprint, looksLikeKey } from '../../shopify/tokens';
import { rememberSecret } from '../../shopify/common/redact';
import type { Log } from '../log';

/** One entry per client id, in SecretStorage only. Client ids are listed under their own key (SecretStorage cannot enumerate). */
const ENTRY_PREFIX = 'shopify.appSecret.';
const INDEX_KEY = 'shopify.appSecrets.index';

export interface AppSecret {
  readonly clientId: string;
  readonly current: string;
  /** The secret before the last rotation, tried only when the current one does not match. */
  readonly previous?: string;
}

interface StoredEntry {
  readonly v: 1;
  readonly current: string;
  readonly previous?: string;
  readonly updatedAt: number;
}

function parseEntry(text: string | undefined): StoredEntry | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const entry = value as Record<string, unknown>;
    if (entry['v'] !== 1 || typeof entry['current'] !== 'string') return undefined;
    const previous = typeof entry['previous'] === 'string' ? entry['previous'] : undefined;
    return {
      v: 1,
      current: entry['current'],
      ...(previous !== undefined ? { previous } : {}),
      updatedAt: typeof entry['updatedAt'] === 'number' ? entry['updatedAt'] : 0,
    };
  } catch {
    return undefined;
  }
}

/** Why a client id cannot be used, or undefined. */
export function clientIdProblem(clientId: string): string | undefined {
  if (clientId.trim() === '') return vscode.l10n.t('Enter the app\'s client id (API key).');
  if (!/^[\x21-\x7e]{1,128}$/.test(clientId)) return vscode.l10n.t('A client id is one word of letters and digits, like the API key shown in the Partner Dashboard.');
  return undefined;
}

/** Why a pasted secret cannot be stored, or undefined. Never quotes the secret. */
export function secretProblem(secret: string, clientId: string): string | undefined {
  const text = secret.trim();
  if (text === '') return vscode.l10n.t('Paste the app\'s client secret (Partner Dashboard or Dev Dashboard > app > Client credentials).');
  const key = looksLikeKey(text);
  if (key) return vscode.l10n.t('This is {0} key material, not a client secret: session tokens are checked with the app\'s client secret only.', key);
  if (text === clientId.trim()) return vscode.l10n.t('This is the client id; paste the client secret shown next to it.');
  if (/\s/.test(text)) return vscode.l10n.t('A client secret has no spaces or line breaks inside: copy it again.');
  return undefined;
}

/** App client secrets, per client id, in SecretStorage. The text of a secret never leaves this class except to verify or sign. */
export class AppSecrets implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly storage: vscode.SecretStorage, private readonly log: Log) {
    // Other windows write the same keys.
    this.subscription = storage.onDidChange((e) => {
      if (e.key === INDEX_KEY || e.key.startsWith(ENTRY_PREFIX)) this.changed.fire();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  async clientIds(): Promise<string[]> {
    const text = await this.storage.get(INDEX_KEY);
    if (text === undefined) return [];
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  }

  async get(clientId: string): Promise<AppSecret | undefined> {
    const entry = parseEntry(await this.storage.get(ENTRY_PREFIX + clientId));
    if (!entry) return undefined;
    // Held in memory now: redaction must know it, whatever its shape.
    rememberSecret(entry.current);
    rememberSecret(entry.previous);
    return { clientId, current: entry.current, ...(entry.previous !== undefined ? { previous: entry.previous } : {}) };
  }

  /** Adds, or replaces the current secret (a wrong paste): the previous secret, if any, is kept. */
  async set(clientId: string, secret: string): Promise<void> {
    const old = await this.get(clientId);
    await this.write(clientId, { v: 1, current: secret.trim(), ...(old?.previous !== undefined ? { previous: old.previous } : {}), updatedAt: Date.now() });
    this.log.info(`App secret for client id ${clientId} ${old ? 'replaced' : 'added'} (${fingerprint(secret.trim())}).`);
  }

  /** A new current secret; the old current becomes the previous one, so tokens signed before the rotation still verify. */
  async rotate(clientId: string, secret: string): Promise<void> {
    const old = await this.get(clientId);
    const previous = old?.current;
    await this.write(clientId, { v: 1, current: secret.trim(), ...(previous !== undefined ? { previous } : {}), updatedAt: Date.now() });
    this.log.info(`App secret for client id ${clientId} rotated; the previous one is kept as a fallback.`);
  }

  async forgetPrevious(clientId: string): Promise<void> {
    const old = await this.get(clientId);
    if (!old) return;
    await this.write(clientId, { v: 1, current: old.current, updatedAt: Date.now() });
    this.log.info(`Previous app secret for client id ${clientId} removed.`);
  }

  async remove(clientId: string): Promise<void> {
    await this.storage.delete(ENTRY_PREFIX + clientId);
    const ids = (await this.clientIds()).filter((id) => id !== clientId);
    await this.storage.store(INDEX_KEY, JSON.stringify(ids));
    this.log.info(`App secrets for client id ${clientId} removed.`);
  }

  private async write(clientId: string, entry: StoredEntry): Promise<void> {
    rememberSecret(entry.current);
    await this.storage.store(ENTRY_PREFIX + clientId, JSON.stringify(entry));
    const ids = await this.clientIds();
    if (!ids.includes(clientId)) await this.storage.store(INDEX_KEY, JSON.stringify([...ids, clientId].sort()));
  }
}

// ---- the "Manage App Secrets" command ----

async function askClientId(suggested?: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add an app client secret (1/2)'),
    prompt: vscode.l10n.t('The app\'s client id (API key). The secret is stored for this client id.'),
    placeHolder: 'e.g. 3f6a0c2b9d1e4f5a6b7c8d9e0f1a2b3c',
    ...(suggested !== undefined ? { value: suggested } : {}),
    ignoreFocusOut: true,
    validateInput: (v) => clientIdProblem(v.trim()),
  });
  return value?.trim();
}

/** Asks for a secret in a password box; it is never shown, not even when it is refused. */
export async function askSecret(clientId: string, title: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('The client secret of client id {0}. It is kept in the editor\'s secret storage and never shown again.', clientId),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => secretProblem(v, clientId),
  });
  return value?.trim();
}

type ManageAction = 'replace' | 'rotate' | 'forget-previous' | 'remove';

/** Add, replace, rotate (keeping the previous secret) or remove an app's client secret. */
export async function manageAppSecrets(secrets: AppSecrets, suggestedClientId?: string): Promise<void> {
  const ids = await secrets.clientIds();
  const entries = await Promise.all(ids.map((id) => secrets.get(id)));
  type Item = vscode.QuickPickItem & { clientId?: string };
  const items: Item[] = [
    { label: vscode.l10n.t('$(add) Add a client secret…'), alwaysShow: true },
    ...(entries.length > 0 ? [{ label: vscode.l10n.t('Stored'), kind: vscode.QuickPickItemKind.Separator } satisfies Item] : []),
    ...entries.filter((e): e is AppSecret => e !== undefined).map((e) => ({
      label: e.clientId,
      description: e.previous !== undefined ? vscode.l10n.t('secret {0} · previous {1}', fingerprint(e.current), fingerprint(e.previous)) : vscode.l10n.t('secret {0}', fingerprint(e.current)),
      clientId: e.clientId,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Manage App Secrets'),
    placeHolder: vscode.l10n.t('Pick a client id to replace, rotate or remove its secret, or add one'),
  });
  if (!picked) return;
  if (picked.clientId === undefined) {
    await addSecret(secrets, suggestedClientId);
    return;
  }
  await manageOne(secrets, picked.clientId);
}

/** Adds a secret for a client id (asking for the id unless given), offering replace or rotate when one exists. */
export async function addSecret(secrets: AppSecrets, suggestedClientId?: string): Promise<string | undefined> {
  const clientId = await askClientId(suggestedClientId);
  if (!clientId) return undefined;
  if (await secrets.get(clientId)) {
    await manageOne(secrets, clientId);
    return clientId;
  }
  const secret = await askSecret(clientId, vscode.l10n.t('Add an app client secret (2/2)'));
  if (!secret) return undefined;
  await secrets.set(clientId, secret);
  void vscode.window.showInformationMessage(vscode.l10n.t('Client secret for {0} stored ({1}). It will not be shown again.', clientId, fingerprint(secret)));
  return clientId;
}

async function manageOne(secrets: AppSecrets, clientId: string): Promise<void> {
  const entry = await secrets.get(clientId);
  if (!entry) return;
  type Item = vscode.QuickPickItem & { action: ManageAction };
  const items: Item[] = [
    { label: vscode.l10n.t('Replace the secret'), detail: vscode.l10n.t('Overwrite the current secret, to fix a wrong paste.'), action: 'replace' },
    {
      label: vscode.l10n.t('Rotate the secret'),
      detail: vscode.l10n.t('Store a new secret and keep the current one as the previous: tokens signed with either still verify.'),
      action: 'rotate',
    },
    ...(entry.previous !== undefined
      ? [{ label: vscode.l10n.t('Forget the previous secret'), detail: vscode.l10n.t('The rotation is complete: only the current secret verifies from now on.'), action: 'forget-previous' } satisfies Item]
      : []),
    { label: vscode.l10n.t('Remove'), detail: vscode.l10n.t('Delete every secret stored for this client id.'), action: 'remove' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Client secret for {0}', clientId), placeHolder: vscode.l10n.t('secret {0}', fingerprint(entry.current)) });
  if (!picked) return;
  switch (picked.action) {
    case 'replace': {
      const secret = await askSecret(clientId, vscode.l10n.t('Replace the client secret for {0}', clientId));
      if (!secret) return;
      await secrets.set(clientId, secret);
      void vscode.window.showInformationMessage(vscode.l10n.t('Client secret for {0} replaced ({1}).', clientId, fingerprint(secret)));
      return;
    }
    case 'rotate': {
      const secret = await askSecret(clientId, vscode.l10n.t('New client secret for {0} (the current one is kept as previous)', clientId));
      if (!secret) return;
      if (secret === entry.current) {
        void vscode.window.showWarningMessage(vscode.l10n.t('That is the secret already stored: nothing was rotated.'));
        return;
      }
      await secrets.rotate(clientId, secret);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Client secret for {0} rotated: {1} is current, {2} is kept as previous until you forget it.', clientId, fingerprint(secret), fingerprint(entry.current)),
      );
      return;
    }
    case 'forget-previous':
      await secrets.forgetPrevious(clientId);
      void vscode.window.showInformationMessage(vscode.l10n.t('Previous client secret for {0} forgotten.', clientId));
      return;
    case 'remove': {
      const remove = vscode.l10n.t('Remove');
      const sure = await vscode.window.showWarningMessage(vscode.l10n.t('Remove every client secret stored for {0}?', clientId), { modal: true }, remove);
      if (sure !== remove) return;
      await secrets.remove(clientId);
      void vscode.window.showInformationMessage(vscode.l10n.t('Client secrets for {0} removed.', clientId));
      return;
    }
  }
}
