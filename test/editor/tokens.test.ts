// Issue 4 in the real editor: the packaged extension's session-token features (Manage App Secrets,
// Create Test Session Token, Decode, Verify, the inspector webview, the hover, the exported API),
// driven through the palette, editors, webview and notifications of code-server in Chromium.
// Tokens come from the local identity server, signed with secrets this file knows.
// Run alone: node scripts/run-tests.mjs --test-concurrency=1 test/editor/tokens.test.ts
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Workbench } from './harness/browser.ts';
import type { Consumer } from './harness/consumer.ts';
import type { Editor } from './harness/editor.ts';
import { sleep } from './harness/net.ts';
import { readQuickInput } from './harness/palette.ts';
import { waitFor } from './harness/ui.ts';
import { scanForSecrets } from './support-reliability/leakScan.ts';
import type { IdentityServer, SessionTokenRequest } from '../identity-server/types.ts';
import { startRealExtension, type RealExtension } from './support/realExtension.ts';
import { clickHoverLink, hoverText, openWorkspaceFile, runCommandOnSelection, selectLine, workspaceDir } from './support-tokens/editorText.ts';
import { clickInspectorButton, probeCsp, setAsOf, waitForInspector, type InspectorView } from './support-tokens/inspector.ts';

const UI_MS = 45_000;
const CLIENT_ID = 'tokensapp0123456789abcdef0123456';
const SHOP = 'tokens-shop.myshopify.com';
/** The secret stored first; rotated out, so it becomes the previous one. */
const OLD_SECRET = `shpss_${randomBytes(16).toString('hex')}`;
const NEW_SECRET = `shpss_${randomBytes(16).toString('hex')}`;
const OTHER_SECRET = `shpss_${randomBytes(16).toString('hex')}`;

/** How the extension names a secret on screen: a short hash, never the secret. */
const fp = (secret: string): string => `#${createHash('sha256').update(secret).digest('hex').slice(0, 8)}`;

interface Claims {
  jti: string;
  iat: number;
  exp: number;
  sub?: string;
}

function claimsOf(token: string): Claims {
  const payload = token.split('.')[1] ?? assert.fail('not a JWS');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
}

const VALID_SIGNATURE = 'Signature verified with the current client secret.';

describe('session tokens in the real editor (issue 4)', { timeout: 900_000 }, () => {
  let real: RealExtension | undefined;
  /** Every token this file handled, to prove none is echoed whole in a notification. */
  const tokens: string[] = [];
  /** Every notification text seen. */
  const seen = new Set<string>();
  /** Every app secret typed or used. */
  const secrets = [OLD_SECRET, NEW_SECRET, OTHER_SECRET];
  let shot = 0;

  const ui = (): Workbench => real?.wb ?? assert.fail('the workbench did not open');
  const consumer = (): Consumer => real?.consumer ?? assert.fail('no consumer');
  const server = (): IdentityServer => real?.server ?? assert.fail('no identity server');
  const editor = (): Editor => real?.editor ?? assert.fail('no editor');

  async function mint(request: Omit<SessionTokenRequest, 'shop' | 'clientId'> & Partial<SessionTokenRequest>): Promise<string> {
    const { token } = await server().control.mintSessionToken({ shop: SHOP, clientId: CLIENT_ID, ...request });
    tokens.push(token);
    return token;
  }

  async function notification(text: string | RegExp): Promise<string> {
    const message = await ui().waitForNotification(text, { timeoutMs: UI_MS });
    seen.add(message);
    for (const m of await ui().notifications()) seen.add(m);
    return message;
  }

  async function screenshot(name: string): Promise<void> {
    shot += 1;
    await ui().screenshot(`tokens-${String(shot).padStart(2, '0')}-${name}`);
  }

  /** A fresh stage: no editors (so no selection), no toasts, the clipboard holding `clipboard`. */
  async function cleanSlate(clipboard: string): Promise<void> {
    for (const m of await ui().notificationHistory()) seen.add(m);
    await ui().runCommand('View: Close All Editors');
    await ui().runCommand('Notifications: Clear All Notifications');
    await ui().page.bringToFront();
    await ui().page.evaluate((text) => navigator.clipboard.writeText(text), clipboard);
    assert.equal(await ui().readClipboard(), clipboard);
  }

  const inspector = (what: string, accept: (v: InspectorView) => boolean): ReturnType<typeof waitForInspector> =>
    waitForInspector(ui().page, what, accept, UI_MS);

  before(async () => {
    real = await startRealExtension({ identity: { interval: 0 }, uiTimeoutMs: UI_MS });
  });

  after(async () => {
    await real?.stop();
  });

  it('Manage App Secrets: adds a secret typed into a password box, never shows it again, and rotation keeps the previous one', async () => {
    await ui().runCommand('Shopify: Manage App Secrets');
    await ui().quickPickPick(/Add a client secret/);
    await ui().quickInputType(CLIENT_ID, { prompt: /client id/ });
    await ui().quickInputType(OLD_SECRET, { prompt: /client secret of client id/, submit: false });
    const box = ui().page.locator('.quick-input-widget .quick-input-box input');
    assert.equal(await box.getAttribute('type'), 'password', 'the secret is typed into a password box');
    await box.press('Enter');
    const stored = await notification(`Client secret for ${CLIENT_ID} stored`);
    assert.match(stored, /will not be shown again/);
    assert.ok(stored.includes(fp(OLD_SECRET)), `named by fingerprint: ${stored}`);
    assert.ok(!stored.includes(OLD_SECRET));
    await screenshot('secret-added');

    // Back in the command, the client id is listed by the secret's fingerprint only.
    await ui().runCommand('Shopify: Manage App Secrets');
    const listed = await waitFor(
      'the stored client id to be listed',
      () => ui().page.locator('.quick-input-widget').innerText(),
      (text) => (text.includes(CLIENT_ID) ? text : undefined),
      UI_MS,
    );
    assert.ok(listed.includes(`secret ${fp(OLD_SECRET)}`), listed);
    assert.ok(!listed.includes(OLD_SECRET), 'the secret is never shown again');
    await ui().quickPickPick(CLIENT_ID);
    await ui().quickPickPick('Rotate the secret');
    await ui().quickInputType(NEW_SECRET, { prompt: /client secret of client id/ });
    const rotated = await notification(`Client secret for ${CLIENT_ID} rotated`);
    assert.ok(rotated.includes(`${fp(NEW_SECRET)} is current, ${fp(OLD_SECRET)} is kept as previous`), rotated);

    await ui().runCommand('Shopify: Manage App Secrets');
    const after = await waitFor(
      'the rotated client id to be listed',
      () => ui().page.locator('.quick-input-widget').innerText(),
      (text) => (text.includes(`previous ${fp(OLD_SECRET)}`) ? text : undefined),
      UI_MS,
    );
    assert.ok(after.includes(`secret ${fp(NEW_SECRET)}`), after);
    for (const secret of [OLD_SECRET, NEW_SECRET]) assert.ok(!after.includes(secret));
    await screenshot('secret-rotated');
    await ui().page.keyboard.press('Escape');
  });

  it('Create Test Session Token: mints the chosen family, shop, client id and lifetime onto the clipboard', async () => {
    await cleanSlate('nothing yet');
    await ui().runCommand('Shopify: Create Test Session Token');
    await ui().quickPickPick('checkout UI extension');
    await ui().quickPickPick(CLIENT_ID);
    await waitFor(
      'the shop step title',
      () => ui().page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => ''),
      (t) => (/3\/5/.test(t) ? true : undefined),
      UI_MS,
    );
    await ui().quickInputType('tokens-shop');
    await ui().quickPickPick(/Another lifetime/);
    await ui().quickInputType('240', { prompt: /Shopify issues checkout tokens for 300 s/ });
    await ui().quickInputType('7', { prompt: /customer id/ });
    // The fact that matters first, so it fits the first line of a collapsed notification.
    const copied = await notification(`Test checkout token copied, valid 4 min: for ${SHOP}`);
    assert.ok(copied.startsWith('Test checkout token copied, valid 4 min'), copied);
    await screenshot('test-token-created');

    const token = await ui().readClipboard();
    tokens.push(token);
    const claims = claimsOf(token);
    assert.equal(claims.exp - claims.iat, 240);
    assert.equal(claims.sub, 'gid://shopify/Customer/7');
    assert.ok(copied.includes(`jti ${claims.jti}`), copied);
    // Signed with the stored (current) secret: the exported API, given that secret, agrees.
    const report = await consumer().api<{ valid: boolean; family: string; shop: string; signature: { matched?: string } }>('verifySessionToken', [
      token,
      { clientId: CLIENT_ID, secret: NEW_SECRET },
    ]);
    assert.equal(report.valid, true);
    assert.equal(report.family, 'checkout');
    assert.equal(report.shop, SHOP);
    assert.equal(report.signature.matched, 'current');

    await ui().clickNotificationButton('Open in Inspector', { notification: `jti ${claims.jti}`, timeoutMs: UI_MS });
    await inspector('the test token, valid', (v) => v.badge === 'Valid' && v.name.includes(claims.jti));
  });

  it('Decode Session Token on a selection: family, shop, times, "signature not verified"; the countdown runs and the CSP is strict', async () => {
    const token = await mint({ family: 'admin', secret: NEW_SECRET, sub: '4242' });
    const { jti } = claimsOf(token);
    await cleanSlate('nothing to decode here');
    await openWorkspaceFile(ui().page, workspaceDir(editor()), 'request.http', `Bearer ${token}\n\nGET /api/products\n`, UI_MS);
    await selectLine(ui().page, 1, UI_MS);
    await runCommandOnSelection(ui().page, 'Shopify: Decode Session Token', UI_MS);
    const { frame, view } = await inspector('the decoded admin token', (v) => v.name.includes(jti));
    await screenshot('decoded-selection');
    assert.equal(view.badge, 'Decoded · signature not verified');
    assert.equal(view.heading, 'admin (App Bridge ID token)');
    assert.equal(view.facts['Shop'], SHOP);
    assert.equal(view.facts['Subject'], 'Staff user 4242');
    assert.match(view.signature, /^Signature not verified: decoding only reads the token\./);
    assert.match(view.summary, /Signature not verified\.$/);
    assert.deepEqual(view.inputChanges, ['Removed the "Bearer " prefix.']);
    for (const name of ['exp', 'nbf', 'iat']) {
      const [utc, local, relative] = view.times[name] ?? [];
      assert.match(utc ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/, `${name} UTC`);
      assert.match(local ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/, `${name} local`);
      assert.match(relative ?? '', /ago|^in |now/, `${name} relative`);
    }
    assert.match(view.countdown, /^(Expires in|Expired) /);

    // The countdown is live: it moves on by itself.
    await waitFor('the countdown to change', () => waitForInspector(ui().page, 'the same token', (v) => v.name.includes(jti), UI_MS), (r) => (r.view.countdown !== view.countdown ? true : undefined), UI_MS);

    // Strict CSP: nothing but our own nonce'd script runs, no inline code or handlers.
    assert.match(view.csp, /default-src 'none'/);
    assert.match(view.csp, /script-src 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
    assert.doesNotMatch(view.csp, /unsafe-inline|unsafe-eval|connect-src|frame-src/);
    // Sources are the webview's own (VS Code's cspSource), never a bare wildcard or scheme.
    assert.doesNotMatch(view.csp, /(^|\s)(\*|https:|http:|data:|blob:)(\s|;|$)/);
    const probe = await probeCsp(frame);
    assert.deepEqual({ inlineRan: probe.inlineRan, handlerRan: probe.handlerRan }, { inlineRan: false, handlerRan: false });
    assert.ok(probe.violations > 0, 'the page reported the blocked script as a CSP violation');
  });

  it('Decode Session Token from the clipboard (a URL with id_token=)', async () => {
    const token = await mint({ family: 'customer-account', secret: NEW_SECRET, sub: '99' });
    const { jti } = claimsOf(token);
    await cleanSlate(`https://my-app.example/auth?shop=${SHOP}&id_token=${token}`);
    await ui().runCommand('Shopify: Decode Session Token');
    const { view } = await inspector('the token from the clipboard', (v) => v.name.includes(jti));
    assert.equal(view.badge, 'Decoded · signature not verified');
    assert.match(view.heading, /customer account/);
    assert.equal(view.facts['Shop'], SHOP);
    assert.match(view.facts['Subject'] ?? '', /^Customer 99 /);
    assert.ok(view.inputChanges.some((c) => /Took the id_token parameter/.test(c)), JSON.stringify(view.inputChanges));
    assert.match(view.signature, /^Signature not verified/);
    assert.ok(view.times['exp']?.[0]?.endsWith('UTC'));
    await screenshot('decoded-clipboard');
  });

  it('Verify Session Token: a valid token passes, the signature shown apart from the claim checks', async () => {
    const token = await mint({ family: 'checkout', secret: NEW_SECRET, claims: { note: '<b id="injected">bold</b>' } });
    const { jti } = claimsOf(token);
    await cleanSlate(token);
    await ui().runCommand('Shopify: Verify Session Token');
    const toast = await notification(`jti ${jti}`);
    // The verdict opens the message: a collapsed notification shows only its first line.
    assert.equal(toast, `Valid: ${VALID_SIGNATURE} No check failed. (token jti ${jti}, from the clipboard)`);
    const { frame, view } = await inspector('the valid token', (v) => v.name.includes(jti) && v.badge === 'Valid');
    assert.equal(view.signatureClass, 'signature verified');
    assert.match(view.signature, /^Signature verified \(current secret\): /);
    assert.ok(view.sections.indexOf('Signature') >= 0 && view.sections.indexOf('Checks') > view.sections.indexOf('Signature'), JSON.stringify(view.sections));
    assert.ok(!view.checks.some((c) => /signature/i.test(c.code) && c.status === 'pass' && /verified/.test(c.message)), 'the signature verdict is not one of the checks');
    assert.match(view.checksSummary, /^0 failed · \d+ warnings · \d+ passed · leeway 10 s$/);
    assert.ok(view.checks.some((c) => c.code === 'claims.aud' && c.status === 'pass'));
    // A claim holding markup is shown as text, never as markup.
    assert.ok(view.claimsJson.includes('<b id=\\"injected\\">bold</b>'), view.claimsJson);
    assert.equal(await frame.locator('#injected').count(), 0);
    await screenshot('verified-valid');
  });

  it('Verify Session Token: an expired token fails with its sentence; Re-verify "as of" its lifetime passes', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await mint({ family: 'checkout', secret: NEW_SECRET, claims: { iat: now - 600, nbf: now - 600, exp: now - 300 } });
    const { jti } = claimsOf(token);
    await cleanSlate(token);
    await ui().runCommand('Shopify: Verify Session Token');
    const toast = await notification(`jti ${jti}`);
    assert.match(toast, /^Not valid: 1 check failed, first: Expired \d+ min ago .*fetch a fresh token with .* for each request\. \(token jti .+\)$/);
    const { frame, view } = await inspector('the expired token', (v) => v.name.includes(jti) && v.badge === 'Not valid');
    assert.match(view.signature, /^Signature verified \(current secret\)/);
    assert.deepEqual(
      view.checks.filter((c) => c.status === 'fail').map((c) => c.code),
      ['claims.exp.expired'],
    );
    assert.match(view.countdown, /^Expired \d+ min ago\.$/);
    await screenshot('verified-expired');

    await setAsOf(frame, now - 500, UI_MS);
    await clickInspectorButton(frame, 'Re-verify', UI_MS);
    const again = await inspector('the token valid as of its lifetime', (v) => v.name.includes(jti) && v.badge === 'Valid');
    assert.doesNotMatch(again.view.facts['As of'] ?? '', /^now/);
    assert.match(again.view.countdown, /^By this machine's clock: expired/);
    await screenshot('reverified-as-of');
  });

  it('Verify Session Token: a token signed with another secret fails on its signature', async () => {
    const token = await mint({ family: 'checkout', secret: OTHER_SECRET });
    const { jti } = claimsOf(token);
    await cleanSlate(token);
    await ui().runCommand('Shopify: Verify Session Token');
    const toast = await notification(`jti ${jti}`);
    assert.match(toast, /^Not valid: Signature does not match the current or the previous client secret: check that the secrets belong to this client id/);
    const { view } = await inspector('the mismatched token', (v) => v.name.includes(jti) && v.badge === 'Not valid');
    assert.equal(view.signatureClass, 'signature mismatch');
    assert.ok(!view.checks.some((c) => c.status === 'fail'), 'the claims themselves pass: the failure is the signature alone');
    await screenshot('verified-wrong-secret');
  });

  it('Verify Session Token: a jti written as a command link shows as text in the notification, not as a link', async () => {
    const link = '[Open-terminal](command:workbench.action.terminal.new)';
    const token = await mint({ family: 'checkout', secret: NEW_SECRET, claims: { jti: link } });
    await cleanSlate(token);
    await ui().runCommand('Shopify: Verify Session Token');
    const toast = await notification('[Open-terminal]');
    assert.match(toast, /^Valid: /);
    // Read in the notification centre, which lists the message whether or not it showed as a toast, and renders
    // links as toasts do.
    const page = ui().page;
    await page.locator('[id="status.notifications"]').first().click();
    const message = page.locator('.notifications-center.visible .notification-list-item-message', { hasText: '[Open-terminal]' }).first();
    await message.waitFor({ timeout: UI_MS });
    assert.equal(await message.locator('a').count(), 0, `the jti became a link: ${await message.innerHTML()}`);
    await page.locator('[id="status.notifications"]').first().click();
  });

  it('Verify Session Token: a token signed before the rotation verifies with the previous secret, and says so', async () => {
    const token = await mint({ family: 'checkout', secret: OLD_SECRET });
    const { jti } = claimsOf(token);
    await cleanSlate(token);
    await ui().runCommand('Shopify: Verify Session Token');
    const toast = await notification(`jti ${jti}`);
    assert.match(toast, /^Valid: Signature verified with the previous client secret, not the current one/);
    const { view } = await inspector('the token signed with the previous secret', (v) => v.name.includes(jti) && v.badge === 'Valid');
    assert.match(view.signature, /^Signature verified \(previous secret\): /);
    await screenshot('verified-previous-secret');
  });

  it('hover on a JWT in an editor: family, shop, subject, expiry, and Open in Token Inspector', async () => {
    const token = await mint({ family: 'checkout', secret: NEW_SECRET, sub: '31337' });
    const { jti } = claimsOf(token);
    await cleanSlate('no token');
    await openWorkspaceFile(ui().page, workspaceDir(editor()), 'fixture.ts', `// a token from the logs\nconst idToken = "${token}";\n`, UI_MS);
    // 300 px in: past `const idToken = "`, inside the token.
    const shown = await hoverText(ui().page, 'const idToken', 300, /Shopify session token/, UI_MS);
    assert.match(shown, /checkout UI extension/);
    assert.match(shown, new RegExp(`Shop: ${SHOP.replace(/\./g, '\\.')}`));
    assert.match(shown, /Subject: customer 31337/);
    assert.match(shown, /Expires: in \d+ (s|min) \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)/);
    assert.match(shown, /Signature not verified/);
    assert.ok(!shown.includes(token.split('.')[2] ?? '-'), 'the hover does not repeat the token');
    await screenshot('hover');
    await clickHoverLink(ui().page, 'Open in Token Inspector', UI_MS);
    // The secret for its aud is stored, so the inspector verifies at once.
    const { view } = await inspector('the hovered token, verified', (v) => v.name.includes(jti) && v.badge === 'Valid');
    assert.equal(view.facts['Subject'], `Customer 31337 (gid://shopify/Customer/31337)`);
    await screenshot('hover-inspector');
  });

  it('exported API: decodeSessionToken and verifySessionToken return {valid, family, checks[{code, status, message}]}', async () => {
    const token = await mint({ family: 'admin', secret: NEW_SECRET });
    interface Report {
      mode: string;
      valid: boolean;
      family: string;
      checks: Array<{ code: string; status: string; message: string }>;
      signature: { status: string; matched?: string };
    }
    const decoded = await consumer().api<Report>('decodeSessionToken', [token]);
    assert.equal(decoded.valid, false, 'a decode is never valid');
    assert.equal(decoded.family, 'admin');
    assert.equal(decoded.signature.status, 'not-checked');
    assert.ok(decoded.checks.length > 0);
    for (const c of decoded.checks) {
      assert.deepEqual(Object.keys(c).sort(), ['code', 'message', 'status']);
      assert.ok(['pass', 'fail', 'warn'].includes(c.status));
      assert.match(c.code, /^[a-z0-9_.]+$/);
    }

    const good = await consumer().api<Report>('verifySessionToken', [token, { clientId: CLIENT_ID, secret: NEW_SECRET }]);
    assert.equal(good.valid, true);
    assert.ok(good.checks.every((c) => c.status !== 'fail'));
    const wrongApp = await consumer().api<Report>('verifySessionToken', [token, { clientId: 'someotherapp', secret: NEW_SECRET }]);
    assert.equal(wrongApp.valid, false);
    assert.ok(wrongApp.checks.some((c) => c.code === 'claims.aud' && c.status === 'fail'));
    const later = await consumer().api<Report>('verifySessionToken', [token, { clientId: CLIENT_ID, secret: NEW_SECRET, at: claimsOf(token).exp + 600 }]);
    assert.equal(later.valid, false);
    assert.ok(later.checks.some((c) => c.code === 'claims.exp.expired' && c.status === 'fail'));
    // Without a secret, the ones stored through Manage App Secrets are used, the previous one after a mismatch.
    const old = await mint({ family: 'admin', secret: OLD_SECRET });
    const fallback = await consumer().api<Report>('verifySessionToken', [old, { clientId: CLIENT_ID }]);
    assert.equal(fallback.valid, true);
    assert.equal(fallback.signature.matched, 'previous');
  });

  it('Manage App Secrets: refuses key material, replaces a secret without keeping it, and removes a client id', async () => {
    const clientId = 'tokensapp-second-0123456789abcd';
    const typo = `shpss_${randomBytes(16).toString('hex')}`;
    const fixed = `shpss_${randomBytes(16).toString('hex')}`;
    secrets.push(typo, fixed);
    await cleanSlate('no token');
    await ui().runCommand('Shopify: Manage App Secrets');
    await ui().quickPickPick(/Add a client secret/);
    await ui().quickInputType(clientId, { prompt: /client id/ });
    // A JWK is key material, not a client secret (the algorithm-confusion attack): the box refuses it.
    await ui().quickInputType('{"kty":"oct","k":"c2VjcmV0"}', { prompt: /client secret of client id/, submit: false });
    await waitFor('the box to refuse key material', () => readQuickInput(ui().page), (q) => (/key material, not a client secret/.test(q.message) ? true : undefined), UI_MS);
    await ui().page.locator('.quick-input-widget .quick-input-box input').press('Enter');
    assert.ok((await readQuickInput(ui().page)).open, 'Enter does not store refused key material');
    await ui().quickInputType(typo);
    await notification(`Client secret for ${clientId} stored (${fp(typo)})`);

    await ui().runCommand('Shopify: Manage App Secrets');
    await ui().quickPickPick(clientId);
    await ui().quickPickPick('Replace the secret');
    await ui().quickInputType(fixed, { prompt: /client secret of client id/ });
    await notification(`Client secret for ${clientId} replaced (${fp(fixed)})`);
    interface Verdict {
      valid: boolean;
      signature: { status: string; matched?: string };
    }
    const signed = await mint({ family: 'pos', clientId, secret: fixed });
    const withTypo = await mint({ family: 'pos', clientId, secret: typo });
    const current = await consumer().api<Verdict>('verifySessionToken', [signed, { clientId }]);
    assert.deepEqual([current.valid, current.signature.matched], [true, 'current']);
    const replaced = await consumer().api<Verdict>('verifySessionToken', [withTypo, { clientId }]);
    assert.equal(replaced.signature.status, 'mismatch', 'a replaced secret is not kept as a previous one');

    await ui().runCommand('Shopify: Manage App Secrets');
    await ui().quickPickPick(clientId);
    await ui().quickPickPick('Remove');
    await ui().waitForDialog(`Remove every client secret stored for ${clientId}?`, { timeoutMs: UI_MS });
    await screenshot('secret-remove-dialog');
    await ui().clickDialogButton('Remove', { timeoutMs: UI_MS });
    await notification(`Client secrets for ${clientId} removed.`);
    const removed = await consumer().api<Verdict>('verifySessionToken', [signed, { clientId }]);
    assert.deepEqual([removed.valid, removed.signature.status], [false, 'not-checked']);

    await ui().runCommand('Shopify: Manage App Secrets');
    const listed = await waitFor(
      'the remaining client ids',
      () => ui().page.locator('.quick-input-widget').innerText(),
      (text) => (text.includes(CLIENT_ID) ? text : undefined),
      UI_MS,
    );
    assert.ok(!listed.includes(clientId), listed);
    await ui().page.keyboard.press('Escape');
  });

  it('no notification shown during these scenarios echoed a token whole', async () => {
    for (const m of await ui().notificationHistory()) seen.add(m);
    assert.ok(seen.size >= 7, `notifications read: ${seen.size}`);
    assert.ok(tokens.length >= 9);
    for (const message of seen) {
      for (const token of tokens) {
        const signature = token.split('.')[2] ?? '';
        assert.ok(!message.includes(signature), `a notification holds a token's signature: ${message.slice(0, 80)}…`);
        assert.ok(!message.includes(token.slice(0, 60)), `a notification holds the start of a token: ${message.slice(0, 80)}…`);
      }
      for (const secret of secrets) assert.ok(!message.includes(secret));
    }
    await screenshot('end');
  });

  it('no token, decoded claim set or secret was written to the logs or storage of the editor and browser', async () => {
    await ui().runCommand('Shopify: Show Log');
    // Let the editor flush its logs and state before reading them.
    await ui().runCommand('View: Close All Editors');
    await sleep(3000);
    const e = editor();
    const needles = [
      ...tokens.map((t, i) => ({ kind: `token ${i} signature`, value: t.split('.')[2] ?? '' })),
      ...tokens.map((t, i) => ({ kind: `token ${i} claims`, value: t.split('.')[1] ?? '' })),
      ...secrets.map((value, i) => ({ kind: `secret ${i}`, value })),
    ];
    // The workspace is left out: this file wrote tokens into its documents on purpose.
    const scan = scanForSecrets([e.userDataDir, e.extensionsDir, e.outputFile, ui().profileDir], needles);
    console.log(`token leak scan: ${scan.filesScanned} files, ${scan.bytesScanned} bytes, ${scan.secretsSearched} strings, ${scan.hits.length} hits`);
    assert.ok(scan.filesScanned > 20, `scanned only ${scan.filesScanned} files`);
    assert.deepEqual(scan.hits.map((h) => `${h.kind} in ${h.file}`), []);
    // The same scan over the workspace finds the tokens this file put there: the search can find them.
    const control = scanForSecrets([workspaceDir(e)], needles);
    assert.ok(control.hits.length >= 2, `the scan missed the tokens written to the workspace (${control.hits.length} hits)`);
  });
});
