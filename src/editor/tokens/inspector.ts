import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { FAMILIES, type SessionTokenFamily, type SessionTokenReport } from '../../shopify/tokens';
import { describe } from '../errors';
import type { Log } from '../log';
import { inspectorText } from './inspectorText';

/** What the inspector shows: the token lives here, in memory, for as long as the panel is open. */
export interface InspectorSubject {
  readonly token: string;
  readonly mode: 'decode' | 'verify';
  readonly clientId?: string;
  readonly family?: SessionTokenFamily;
  /** "As of" time in seconds since the epoch; undefined for now. */
  readonly at?: number;
}

export interface InspectorHost {
  /** Verifies with the stored secret of subject.clientId, asking for a client id (and secret) when there is none. */
  verify(subject: InspectorSubject, report: SessionTokenReport): Promise<{ subject: InspectorSubject; report: SessionTokenReport } | undefined>;
  hasSecret(clientId: string): Promise<boolean>;
}

/** Messages the webview may send. Anything else is ignored. */
type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'verify'; readonly at: number | null; readonly family: SessionTokenFamily | null }
  | { readonly type: 'manageSecrets' };

function parseMessage(value: unknown): FromWebview | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (m['type'] === 'ready' || m['type'] === 'manageSecrets') return { type: m['type'] };
  if (m['type'] !== 'verify') return undefined;
  const at = m['at'];
  const family = m['family'];
  const okAt = at === null || (typeof at === 'number' && Number.isFinite(at) && Math.abs(at) < 8.64e12);
  const okFamily = family === null || (typeof family === 'string' && (FAMILIES as readonly string[]).includes(family));
  if (!okAt || !okFamily) return undefined;
  return { type: 'verify', at: at as number | null, family: family as SessionTokenFamily | null };
}

/** The token inspector: one webview panel showing a report, a live countdown to expiry, and re-verify. */
export class TokenInspector implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private subject: InspectorSubject | undefined;
  private report: SessionTokenReport | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: InspectorHost,
    private readonly log: Log,
  ) {}

  async show(subject: InspectorSubject, report: SessionTokenReport): Promise<void> {
    this.subject = subject;
    this.report = report;
    const panel = this.panel ?? this.createPanel();
    panel.title = vscode.l10n.t('Session Token · {0}', report.name.replace(/^token /, ''));
    panel.reveal(panel.viewColumn ?? vscode.ViewColumn.Active);
    await this.post();
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private createPanel(): vscode.WebviewPanel {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel('shopify.tokenInspector', vscode.l10n.t('Session Token'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
      // No retained context: nothing of the token survives the panel being hidden except what this object holds.
      retainContextWhenHidden: false,
    });
    panel.webview.html = this.html(panel.webview, media);
    panel.onDidDispose(
      () => {
        // Forget the token and its claims with the panel.
        this.panel = undefined;
        this.subject = undefined;
        this.report = undefined;
      },
      undefined,
      this.disposables,
    );
    panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw), undefined, this.disposables);
    this.panel = panel;
    return panel;
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseMessage(raw);
    if (!message) return;
    try {
      if (message.type === 'ready') {
        await this.post();
      } else if (message.type === 'manageSecrets') {
        const aud = this.report?.claims?.['aud'];
        await vscode.commands.executeCommand('shopify.manageAppSecrets', this.subject?.clientId ?? (typeof aud === 'string' ? aud : undefined));
        await this.post();
      } else if (this.subject && this.report) {
        const subject: InspectorSubject = {
          ...this.subject,
          ...(message.at === null ? { at: undefined } : { at: message.at }),
          ...(message.family === null ? { family: undefined } : { family: message.family }),
        };
        await this.post({ busy: true });
        const result = await this.host.verify(subject, this.report);
        if (result && this.panel) {
          this.subject = result.subject;
          this.report = result.report;
        }
        await this.post();
      }
    } catch (error: unknown) {
      const text = describe(error);
      this.log.error(`Token inspector: ${text}`);
      void vscode.window.showErrorMessage(text);
      await this.post();
    }
  }

  private async post(extra: { busy?: boolean } = {}): Promise<void> {
    if (!this.panel || !this.subject || !this.report) return;
    const clientId = this.subject.clientId;
    await this.panel.webview.postMessage({
      type: 'report',
      report: this.report,
      clientId: clientId ?? null,
      hasSecret: clientId !== undefined ? await this.host.hasSecret(clientId) : false,
      family: this.subject.family ?? null,
      at: this.subject.at ?? null,
      busy: extra.busy === true,
      text: inspectorText(),
    });
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'inspector.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'inspector.js'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `img-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    // Static shell only: every value from the token is placed by inspector.js with textContent.
    return `<!DOCTYPE html>
<html lang="${encodeURIComponent(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css.toString()}">
<title>${escapeHtml(vscode.l10n.t('Session Token'))}</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="muted">${escapeHtml(vscode.l10n.t('Loading…'))}</p></main>
<script nonce="${nonce}" src="${js.toString()}"></script>
</body>
</html>`;
  }
}

/** Our own translated words can hold `<` or `&`; they go into the page as text. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
