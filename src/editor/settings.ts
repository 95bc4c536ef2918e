import * as vscode from 'vscode';
import { IdentityClient, PRODUCTION_IDENTITY_URL, type ServerClock } from '../shopify';
import { networkRoute } from './network';
import type { Log } from './log';

const SECTION = 'shopifyAuth';

/**
 * The identity client for the configured server, rebuilt when the setting changes. The settings are
 * application-scoped: a workspace must never be able to send your tokens to a server of its choosing.
 */
export class IdentitySettings implements vscode.Disposable {
  private client: IdentityClient | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly log: Log,
    private readonly clock?: ServerClock,
  ) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) {
        this.client = undefined;
        this.log.info(`Identity server is now ${this.identityUrl()}`);
      }
    });
  }

  identityUrl(): string {
    return vscode.workspace.getConfiguration(SECTION).get<string>('identityUrl')?.trim() || PRODUCTION_IDENTITY_URL;
  }

  requestTimeoutMs(): number {
    const seconds = vscode.workspace.getConfiguration(SECTION).get<number>('requestTimeoutSeconds') ?? 30;
    return Math.min(Math.max(seconds, 1), 300) * 1000;
  }

  /** Throws a clear error when the setting is unusable, at the moment a token is needed. */
  current(): IdentityClient {
    if (!this.client) {
      const identityUrl = this.identityUrl();
      this.client = new IdentityClient({
        identityUrl,
        requestTimeoutMs: this.requestTimeoutMs(),
        onNote: (note) => this.log.debug(note),
        ...(this.clock ? { clock: this.clock } : {}),
        route: () => networkRoute(identityUrl),
      });
    }
    return this.client;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
