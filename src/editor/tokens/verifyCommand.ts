import * as vscode from 'vscode';
import { decodeSessionToken, verifySessionToken, type SessionTokenReport, type VerifyReport } from '../../shopify/tokens';
import type { Log } from '../log';
import type { InspectorSubject, TokenInspector } from './inspector';
import { addSecret, askSecret, type AppSecrets } from './secrets';
import { describeSource, readTokenInput } from './tokenInput';

export interface VerifyDeps {
  readonly secrets: AppSecrets;
  readonly inspector: TokenInspector;
  readonly log: Log;
}

/** The client id to verify with: the token's own aud when its secret is stored, else the user's choice. */
async function chooseClientId(secrets: AppSecrets, aud: string | undefined): Promise<string | undefined> {
  const ids = await secrets.clientIds();
  if (aud !== undefined && ids.includes(aud)) return aud;
  type Item = vscode.QuickPickItem & { clientId?: string; add?: boolean };
  const items: Item[] = [
    ...(aud !== undefined
      ? [{ label: vscode.l10n.t('$(key) Add the client secret for {0}', aud), description: vscode.l10n.t('the token\'s aud'), clientId: aud, add: true } satisfies Item]
      : []),
    ...ids.map((id) => ({ label: id, description: vscode.l10n.t('secret stored'), clientId: id })),
    { label: vscode.l10n.t('$(add) Another client id…'), add: true },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Verify Session Token: which app?'),
    placeHolder: aud !== undefined ? vscode.l10n.t('The token names client id {0}; no secret is stored for it yet', aud) : vscode.l10n.t('Pick the app whose client secret signs these tokens'),
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (!picked.add) return picked.clientId;
  if (picked.clientId !== undefined) {
    const secret = await askSecret(picked.clientId, vscode.l10n.t('Client secret for {0}', picked.clientId));
    if (!secret) return undefined;
    await secrets.set(picked.clientId, secret);
    return picked.clientId;
  }
  return addSecret(secrets);
}

/**
 * Verifies with the stored secret (and previous secret) of the subject's client id, asking for a client id and
 * secret when needed. Undefined when the user cancels.
 */
export async function verifyInteractive(
  deps: VerifyDeps,
  subject: InspectorSubject,
  decoded: SessionTokenReport,
): Promise<{ subject: InspectorSubject; report: VerifyReport } | undefined> {
  const aud = decoded.claims?.['aud'];
  const clientId = subject.clientId ?? (await chooseClientId(deps.secrets, typeof aud === 'string' && aud !== '' ? aud : undefined));
  if (clientId === undefined) return undefined;
  let stored = await deps.secrets.get(clientId);
  if (!stored) {
    const secret = await askSecret(clientId, vscode.l10n.t('Client secret for {0}', clientId));
    if (!secret) return undefined;
    await deps.secrets.set(clientId, secret);
    stored = await deps.secrets.get(clientId);
  }
  const report = await verifySessionToken(subject.token, {
    clientId,
    ...(stored ? { secret: stored.current } : {}),
    ...(stored?.previous !== undefined ? { previousSecret: stored.previous } : {}),
    ...(subject.at !== undefined ? { at: subject.at } : {}),
    ...(subject.family !== undefined ? { family: subject.family } : {}),
  });
  deps.log.info(`Verified ${report.name} for client id ${clientId}: ${report.valid ? 'valid' : 'not valid'}; signature ${report.signature.status}.`);
  return { subject: { ...subject, mode: 'verify', clientId }, report };
}

/** Shopify: Verify Session Token. */
export async function verifyCommand(deps: VerifyDeps, argument: unknown): Promise<void> {
  const input = await readTokenInput(argument, 'Verify Session Token');
  if (!input) return;
  const subject: InspectorSubject = { token: input.text, mode: 'verify' };
  const result = await verifyInteractive(deps, subject, decodeSessionToken(input.text));
  if (!result) return;
  await deps.inspector.show(result.subject, result.report);
  // The verdict first ("Valid: …" / "Not valid: …"): a collapsed notification shows one line.
  const message = vscode.l10n.t('{0} ({1}, from {2})', result.report.summary, result.report.name, describeSource(input.source));
  if (result.report.valid) void vscode.window.showInformationMessage(message);
  else void vscode.window.showWarningMessage(message);
}
