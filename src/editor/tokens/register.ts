import * as vscode from 'vscode';
import { findJwtAt } from '../../shopify/tokens/shape';
import type { Log } from '../log';
import { TOKEN_COMMANDS, type SessionTokenApi, type SessionTokenFeatures } from './contract';
import type * as TokensBundle from '../../tokens';

/** Lines longer than this (minified bundles) are not scanned on hover. */
const MAX_HOVER_LINE = 100_000;

/**
 * Registers the session-token commands and the hover at once, but loads their code (dist/tokens.js) only when one
 * is first used: a command, a hover over a JWT-shaped string, or a call to the exported functions.
 */
export function registerSessionTokenFeatures(context: vscode.ExtensionContext, log: Log): SessionTokenApi {
  let features: SessionTokenFeatures | undefined;
  const load = (): SessionTokenFeatures => {
    if (!features) {
      // Left as a runtime require by the build (see scripts/build.mjs): a sibling of dist/extension.js.
      const bundle = require('./tokens.js') as typeof TokensBundle;
      features = bundle.createSessionTokenFeatures(context, log);
    }
    return features;
  };

  for (const id of TOKEN_COMMANDS) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => load().commands[id](...args)));
  }
  context.subscriptions.push(
    vscode.languages.registerHoverProvider('*', {
      provideHover(document, position, token) {
        // Most hovers are not on a token: answer those without loading anything.
        const line = document.lineAt(position.line).text;
        if (line.length > MAX_HOVER_LINE || !findJwtAt(line, position.character)) return undefined;
        return load().hover.provideHover(document, position, token);
      },
    }),
  );
  return {
    decodeSessionToken: (token, options) => load().api.decodeSessionToken(token, options),
    verifySessionToken: (token, options) => load().api.verifySessionToken(token, options),
  };
}
