import * as vscode from 'vscode';
import { formatDuration } from '../../shopify/common/duration';
import { FAMILY_RULES, mintSessionToken, shopHostFrom, verifySessionToken, type SessionTokenFamily } from '../../shopify/tokens';
import { addSecret } from './secrets';
import type { VerifyDeps } from './verifyCommand';

const MAX_LIFETIME = 24 * 3600;
/** Long enough to create, decode and verify at a normal pace; Shopify's real lifetime is one pick away. */
const DEFAULT_LIFETIME = 15 * 60;

async function pickLifetime(short: string, shopifySeconds: number): Promise<number | undefined> {
  type Item = vscode.QuickPickItem & { seconds?: number };
  const picked = await vscode.window.showQuickPick<Item>(
    [
      { label: formatDuration(DEFAULT_LIFETIME * 1000), description: vscode.l10n.t('time to decode and verify it'), detail: vscode.l10n.t('Longer than Shopify\'s {0} tokens, so the verifier adds a warning', short), seconds: DEFAULT_LIFETIME },
      { label: formatDuration(shopifySeconds * 1000), description: vscode.l10n.t('as Shopify issues {0} tokens', short), seconds: shopifySeconds },
      { label: vscode.l10n.t('$(edit) Another lifetime…') },
    ],
    { title: vscode.l10n.t('Create Test Session Token (4/5): how long should it live?'), ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  if (picked.seconds !== undefined) return picked.seconds;
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Create Test Session Token (4/5): lifetime in seconds'),
    value: String(shopifySeconds),
    prompt: vscode.l10n.t('Shopify issues {0} tokens for {1} s; longer ones are flagged by the verifier.', short, shopifySeconds),
    ignoreFocusOut: true,
    validateInput: (v) => {
      const n = Number(v);
      return Number.isInteger(n) && n >= 1 && n <= MAX_LIFETIME ? undefined : vscode.l10n.t('A whole number of seconds from 1 to {0}.', MAX_LIFETIME);
    },
  });
  return typed === undefined ? undefined : Number(typed);
}

async function pickFamily(): Promise<SessionTokenFamily | undefined> {
  const picked = await vscode.window.showQuickPick(
    (Object.keys(FAMILY_RULES) as SessionTokenFamily[]).map((family) => ({
      label: FAMILY_RULES[family].label,
      description: vscode.l10n.t('{0} s', FAMILY_RULES[family].lifetimeSeconds),
      detail: vscode.l10n.t('Like a token from {0}', FAMILY_RULES[family].freshTokenCall),
      family,
    })),
    { title: vscode.l10n.t('Create Test Session Token (1/5): which kind?'), ignoreFocusOut: true },
  );
  return picked?.family;
}

async function pickClientId(deps: VerifyDeps): Promise<string | undefined> {
  const ids = await deps.secrets.clientIds();
  type Item = vscode.QuickPickItem & { clientId?: string };
  const picked = await vscode.window.showQuickPick<Item>(
    [...ids.map((id) => ({ label: id, description: vscode.l10n.t('secret stored'), clientId: id })), { label: vscode.l10n.t('$(add) Add a client secret…') }],
    { title: vscode.l10n.t('Create Test Session Token (2/5): signed with which app\'s secret?'), ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  return picked.clientId ?? addSecret(deps.secrets);
}

/** Shopify: Create Test Session Token. Mints a token like Shopify's, signed with a stored secret, and copies it. */
export async function createTestTokenCommand(deps: VerifyDeps): Promise<void> {
  const family = await pickFamily();
  if (!family) return;
  const clientId = await pickClientId(deps);
  if (!clientId) return;
  const stored = await deps.secrets.get(clientId);
  if (!stored) return;

  const shopText = await vscode.window.showInputBox({
    title: vscode.l10n.t('Create Test Session Token (3/5): for which shop?'),
    placeHolder: vscode.l10n.t('my-store or my-store.myshopify.com'),
    ignoreFocusOut: true,
    validateInput: (v) => (shopHostFrom(v) === undefined ? vscode.l10n.t('Enter a shop like my-store or my-store.myshopify.com.') : undefined),
  });
  const shop = shopText === undefined ? undefined : shopHostFrom(shopText);
  if (!shop) return;

  const rules = FAMILY_RULES[family];
  const lifetimeSeconds = await pickLifetime(rules.short, rules.lifetimeSeconds);
  if (lifetimeSeconds === undefined) return;

  const sub = await vscode.window.showInputBox({
    title: vscode.l10n.t('Create Test Session Token (5/5): subject (optional)'),
    prompt:
      rules.subKind === 'user'
        ? vscode.l10n.t('The staff user id (a number). Leave empty for 1.')
        : vscode.l10n.t('A customer id or gid://shopify/Customer/<id>, for a signed-in customer. Leave empty for none.'),
    ignoreFocusOut: true,
    validateInput: (v) =>
      v === '' || (rules.subKind === 'user' ? /^\d+$/.test(v) : /^(\d+|gid:\/\/shopify\/Customer\/\d+)$/.test(v)) ? undefined : vscode.l10n.t('Not a valid subject for this kind of token.'),
  });
  if (sub === undefined) return;

  const token = await mintSessionToken({
    family,
    shop,
    clientId,
    secret: stored.current,
    lifetimeSeconds,
    ...(sub !== '' ? { sub } : {}),
  });
  const report = await verifySessionToken(token, { clientId, secret: stored.current, family });
  await vscode.env.clipboard.writeText(token);
  deps.log.info(`Created a test ${rules.short} token for ${shop}, client id ${clientId} (${report.name}).`);
  const open = vscode.l10n.t('Open in Inspector');
  // The fact that matters first: a collapsed notification shows one line.
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Test {0} token copied, valid {1}: for {2} ({3}).', rules.short, formatDuration(lifetimeSeconds * 1000), shop, report.name),
    open,
  );
  if (choice === open) await deps.inspector.show({ token, mode: 'verify', clientId, family }, report);
  else if (!report.valid) void vscode.window.showWarningMessage(vscode.l10n.t('{0} ({1})', report.summary, report.name));
}
