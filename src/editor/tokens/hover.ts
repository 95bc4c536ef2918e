import * as vscode from 'vscode';
import { decodeSessionToken, findJwtAt } from '../../shopify/tokens';
import type { TokenLocation } from './tokenInput';

/** Lines longer than this (minified bundles) are not scanned on hover. */
const MAX_LINE = 100_000;

/**
 * A hover on a JWT-shaped string that is recognisably a Shopify session token: family, shop, subject and expiry,
 * and a link to the inspector. The link carries the token's location, never the token.
 */
export class SessionTokenHover implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = document.lineAt(position.line).text;
    if (line.length > MAX_LINE) return undefined;
    const span = findJwtAt(line, position.character);
    if (!span) return undefined;
    const report = decodeSessionToken(span.token);
    // Only Shopify tokens: other JWTs in the code get no hover from us.
    if (!report.claims || report.family === 'unknown') return undefined;

    const md = new vscode.MarkdownString();
    md.isTrusted = { enabledCommands: ['shopify.openTokenInspector'] };
    md.supportHtml = false;
    md.appendMarkdown(vscode.l10n.t('**Shopify session token** · '));
    md.appendText(report.familyInfo.label);
    md.appendMarkdown('\n\n');
    const rows: Array<[string, string]> = [
      [vscode.l10n.t('Shop'), report.shop ?? vscode.l10n.t('unknown')],
      [
        vscode.l10n.t('Subject'),
        report.subject?.customerId !== undefined
          ? vscode.l10n.t('customer {0}', report.subject.customerId)
          : report.subject?.userId !== undefined
            ? vscode.l10n.t('staff user {0}', report.subject.userId)
            : (report.subject?.value ?? vscode.l10n.t('none')),
      ],
      [vscode.l10n.t('Expires'), report.times.exp ? vscode.l10n.t('{0} ({1})', report.times.exp.relative, report.times.exp.utc) : vscode.l10n.t('no usable exp')],
    ];
    for (const [label, value] of rows) {
      md.appendMarkdown(`${label}: `);
      md.appendText(value);
      md.appendMarkdown('  \n');
    }
    const failed = report.checks.filter((c) => c.status === 'fail').length;
    md.appendMarkdown('\n');
    md.appendText(
      failed === 0
        ? vscode.l10n.t('Signature not verified.')
        : failed === 1
          ? vscode.l10n.t('1 check failed. Signature not verified.')
          : vscode.l10n.t('{0} checks failed. Signature not verified.', failed),
    );
    const location: TokenLocation = { uri: document.uri.toString(), line: position.line, character: position.character };
    md.appendMarkdown(vscode.l10n.t('\n\n[Open in Token Inspector](command:shopify.openTokenInspector?{0})', encodeURIComponent(JSON.stringify([location]))));
    return new vscode.Hover(md, new vscode.Range(position.line, span.start, position.line, span.end));
  }
}
