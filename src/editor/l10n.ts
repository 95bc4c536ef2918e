import * as vscode from 'vscode';
import { useTranslations } from '../shopify/common';

/**
 * Hands VS Code's translations to the core (which cannot import vscode). Each bundle (dist/extension.js,
 * dist/tokens.js) has its own copy of the core's text module, so each calls this when it loads. Without a
 * bundle (English, or no translation yet) the core's text is its English templates.
 */
export function configureCoreL10n(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) useTranslations(bundle);
}
