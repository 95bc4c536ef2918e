import * as vscode from 'vscode';
import { FAMILY_RULES, mintSessionToken, shopHostFrom, verifySessionToken, type SessionTokenFamily } from '../../shopify/tokens';
import { addSecret } from './secrets';
import { capitalize, type VerifyDeps } from './verifyCommand';

const MAX_LIFETIME = 24 * 3600;

async function pickFamily(): Promise<SessionTokenFamily | undefined> {
  const picked = await vscode.window.showQuickPick(
    (Object.keys(FAMILY_RULES) as SessionTokenFamily[]).map((family) => ({
      label: FAMILY_RULES[family].label,
      description: `${FAMILY_RULES[family].lifetimeSeconds} s`,
      detail: `Like a token from ${FAMILY_RULES[family].freshTokenCall}`,
      family,
    })),
    { title: 'Create Test Session Token (1/5): which kind?', ignoreFocusOut: true },
  );
  return picked?.family;
}

async function pickClientId(deps: VerifyDeps): Promise<string | undefined> {
  const ids = await deps.secrets.clientIds();
  type Item = vscode.QuickPickItem & { clientId?: string };
  const picked = await vscode.window.showQuickPick<Item>(
    [...ids.map((id) => ({ label: id, description: 'secret stored', clientId: id })), { label: '$(add) Add a client secret…' }],
    { title: 'Create Test Session Token (2/5): signed with which app\'s secret?', ignoreFocusOut: true },
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
    title: 'Create Test Session Token (3/5): for which shop?',
    placeHolder: 'my-store or my-store.myshopify.com',
    ignoreFocusOut: true,
    validateInput: (v) => (shopHostFrom(v) === undefined ? 'Enter a shop like my-store or my-store.myshopify.com.' : undefined),
  });
  const shop = shopText === undefined ? undefined : shopHostFrom(shopText);
  if (!shop) return;

  const rules = FAMILY_RULES[family];
  const lifetimeText = await vscode.window.showInputBox({
    title: 'Create Test Session Token (4/5): lifetime in seconds',
    value: String(rules.lifetimeSeconds),
    prompt: `Shopify issues ${rules.short} tokens for ${rules.lifetimeSeconds} s (empty for that); longer ones are flagged by the verifier.`,
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (v.trim() === '') return undefined;
      const n = Number(v);
      return Number.isInteger(n) && n >= 1 && n <= MAX_LIFETIME ? undefined : `A whole number of seconds from 1 to ${MAX_LIFETIME}.`;
    },
  });
  if (lifetimeText === undefined) return;
  const lifetimeSeconds = lifetimeText.trim() === '' ? rules.lifetimeSeconds : Number(lifetimeText);

  const sub = await vscode.window.showInputBox({
    title: 'Create Test Session Token (5/5): subject (optional)',
    prompt:
      rules.subKind === 'user'
        ? 'The staff user id (a number). Leave empty for 1.'
        : 'A customer id or gid://shopify/Customer/<id>, for a signed-in customer. Leave empty for none.',
    ignoreFocusOut: true,
    validateInput: (v) =>
      v === '' || (rules.subKind === 'user' ? /^\d+$/.test(v) : /^(\d+|gid:\/\/shopify\/Customer\/\d+)$/.test(v)) ? undefined : 'Not a valid subject for this kind of token.',
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
  const open = 'Open in Inspector';
  const choice = await vscode.window.showInformationMessage(
    `Test ${rules.short} token for ${shop} copied to the clipboard (${report.name}); valid for ${lifetimeSeconds} s.`,
    open,
  );
  if (choice === open) await deps.inspector.show({ token, mode: 'verify', clientId, family }, report);
  else if (!report.valid) void vscode.window.showWarningMessage(`${capitalize(report.name)}: ${report.summary}`);
}
