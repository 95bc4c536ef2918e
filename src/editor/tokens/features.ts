import * as vscode from 'vscode';
import { decodeSessionToken, verifySessionToken } from '../../shopify/tokens';
import { report } from '../errors';
import { configureCoreL10n } from '../l10n';
import type { Log } from '../log';
import { createTestTokenCommand } from './createTestToken';
import { decodeCommand, openInspectorCommand } from './decodeCommand';
import { SessionTokenHover } from './hover';
import { TokenInspector, type InspectorHost } from './inspector';
import { AppSecrets, manageAppSecrets } from './secrets';
import { verifyCommand, verifyInteractive, type VerifyDeps } from './verifyCommand';
import type { SessionTokenFeatures } from './contract';

/** Builds the session-token commands, the inspector, the hover and the exported functions; disposed with the extension. */
export function createSessionTokenFeatures(context: vscode.ExtensionContext, log: Log): SessionTokenFeatures {
  configureCoreL10n();
  const secrets = new AppSecrets(context.secrets, log);
  let deps: VerifyDeps;
  const host: InspectorHost = {
    verify: (subject, decoded) => verifyInteractive(deps, subject, decoded),
    hasSecret: async (clientId) => (await secrets.get(clientId)) !== undefined,
  };
  const inspector = new TokenInspector(context.extensionUri, host, log);
  deps = { secrets, inspector, log };
  context.subscriptions.push(secrets, inspector);

  const reporting =
    (run: (...args: unknown[]) => Promise<void>) =>
    async (...args: unknown[]): Promise<void> => {
      try {
        await run(...args);
      } catch (error: unknown) {
        await report(error, log);
      }
    };

  return {
    commands: {
      'shopify.decodeSessionToken': reporting((arg) => decodeCommand(deps, arg)),
      'shopify.verifySessionToken': reporting((arg) => verifyCommand(deps, arg)),
      'shopify.openTokenInspector': reporting((arg) => openInspectorCommand(deps, arg)),
      'shopify.manageAppSecrets': reporting((arg) => manageAppSecrets(secrets, typeof arg === 'string' ? arg : undefined)),
      'shopify.createTestSessionToken': reporting(() => createTestTokenCommand(deps)),
    },
    hover: new SessionTokenHover(),
    api: {
      decodeSessionToken: (token, options) => decodeSessionToken(token, options),
      verifySessionToken: async (token, options) => {
        if (options.secret !== undefined || typeof options.clientId !== 'string') return verifySessionToken(token, options);
        const stored = await secrets.get(options.clientId);
        return verifySessionToken(token, {
          ...options,
          ...(stored ? { secret: stored.current } : {}),
          ...(stored?.previous !== undefined && options.previousSecret === undefined ? { previousSecret: stored.previous } : {}),
        });
      },
    },
  };
}
