import * as vscode from 'vscode';
import { decodeSessionToken } from '../../shopify/tokens';
import type { InspectorSubject } from './inspector';
import { describeSource, readTokenInput } from './tokenInput';
import { verifyInteractive, type VerifyDeps } from './verifyCommand';

/** Shopify: Decode Session Token. Shows the token in the inspector, plainly marked as not verified. */
export async function decodeCommand(deps: VerifyDeps, argument: unknown): Promise<void> {
  const input = await readTokenInput(argument, 'Decode Session Token');
  if (!input) return;
  const report = decodeSessionToken(input.text);
  deps.log.info(`Decoded ${report.name} from ${describeSource(input.source)}: ${report.familyInfo.label}.`);
  await deps.inspector.show({ token: input.text, mode: 'decode' }, report);
}

/**
 * Shopify: Open Token Inspector (also the hover's link). Verifies at once when the secret for the token's aud is
 * stored; otherwise decodes, and the inspector offers to verify.
 */
export async function openInspectorCommand(deps: VerifyDeps, argument: unknown): Promise<void> {
  const input = await readTokenInput(argument, 'Open Token Inspector');
  if (!input) return;
  const decoded = decodeSessionToken(input.text);
  const aud = decoded.claims?.['aud'];
  const subject: InspectorSubject = { token: input.text, mode: 'decode' };
  if (typeof aud === 'string' && aud !== '' && (await deps.secrets.get(aud))) {
    const verified = await verifyInteractive(deps, { ...subject, clientId: aud }, decoded);
    if (verified) {
      await deps.inspector.show(verified.subject, verified.report);
      return;
    }
  }
  await deps.inspector.show(subject, decoded);
  if (input.source === 'clipboard') void vscode.window.setStatusBarMessage(vscode.l10n.t('Session token taken from the clipboard'), 4000);
}
