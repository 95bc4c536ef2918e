import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * Hands VS Code's translations to the core's @vscode/l10n (the core cannot import vscode). Each bundle
 * (dist/extension.js, dist/tokens.js) has its own copy of @vscode/l10n, so each calls this when it loads.
 * Without a bundle (English, or no translation yet) l10n.t returns the English text.
 */
export function configureCoreL10n(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) l10n.config({ contents: bundle });
}
