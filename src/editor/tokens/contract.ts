import type * as vscode from 'vscode';
import type { DecodeOptions, DecodeReport, VerifyOptions, VerifyReport } from '../../shopify/tokens';

// What the light registration (in the main bundle) and the session-token features (in dist/tokens.js) share:
// types and the command ids only, so importing it loads no feature code.

/** The session-token part of the extension's exported API. */
export interface SessionTokenApi {
  decodeSessionToken(token: string, options?: DecodeOptions): DecodeReport;
  /** Without `secret`, the secret stored for `clientId` (and its previous secret) is used. */
  verifySessionToken(token: string, options: VerifyOptions): Promise<VerifyReport>;
}

export const TOKEN_COMMANDS = [
  'shopify.decodeSessionToken',
  'shopify.verifySessionToken',
  'shopify.openTokenInspector',
  'shopify.manageAppSecrets',
  'shopify.createTestSessionToken',
] as const;
export type TokenCommand = (typeof TOKEN_COMMANDS)[number];

export interface SessionTokenFeatures {
  /** Each command, reporting its own failures (errors are only recognised inside the bundle that threw them). */
  readonly commands: Readonly<Record<TokenCommand, (...args: unknown[]) => Promise<void>>>;
  readonly hover: vscode.HoverProvider;
  readonly api: SessionTokenApi;
}
