import * as vscode from 'vscode';
import {
  decodeSessionToken,
  verifySessionToken,
  type DecodeOptions,
  type DecodeReport,
  type VerifyOptions,
  type VerifyReport,
} from '../../shopify/tokens';
import { report } from '../errors';
import type { Log } from '../log';
import { createTestTokenCommand } from './createTestToken';
import { decodeCommand, openInspectorCommand } from './decodeCommand';
import { SessionTokenHover } from './hover';
import { TokenInspector, type InspectorHost } from './inspector';
import { AppSecrets, manageAppSecrets } from './secrets';
import { verifyCommand, verifyInteractive, type VerifyDeps } from './verifyCommand';

/** The session-token part of the extension's exported API. */
export interface SessionTokenApi {
  decodeSessionToken(token: string, options?: DecodeOptions): DecodeReport;
  /** Without `secret`, the secret stored for `clientId` (and its previous secret) is used. */
  verifySessionToken(token: string, options: VerifyOptions): Promise<VerifyReport>;
}

/** Registers the session-token commands, the inspector and the hover, and returns the functions for the exported API. */
export function registerSessionTokenFeatures(context: vscode.ExtensionContext, log: Log): SessionTokenApi {
  const secrets = new AppSecrets(context.secrets, log);
  let deps: VerifyDeps;
  const host: InspectorHost = {
    verify: (subject, decoded) => verifyInteractive(deps, subject, decoded),
    hasSecret: async (clientId) => (await secrets.get(clientId)) !== undefined,
  };
  const inspector = new TokenInspector(context.extensionUri, host, log);
  deps = { secrets, inspector, log };

  const command = (id: string, run: (...args: unknown[]) => Promise<void>): void => {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          await run(...args);
        } catch (error: unknown) {
          await report(error, log);
        }
      }),
    );
  };
  command('shopify.decodeSessionToken', (arg) => decodeCommand(deps, arg));
  command('shopify.verifySessionToken', (arg) => verifyCommand(deps, arg));
  command('shopify.openTokenInspector', (arg) => openInspectorCommand(deps, arg));
  command('shopify.manageAppSecrets', (arg) => manageAppSecrets(secrets, typeof arg === 'string' ? arg : undefined));
  command('shopify.createTestSessionToken', () => createTestTokenCommand(deps));

  context.subscriptions.push(secrets, inspector, vscode.languages.registerHoverProvider('*', new SessionTokenHover()));

  return {
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
  };
}
