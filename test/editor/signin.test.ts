// Signing in to Shopify in the real editor with the real packaged extension, against the local
// identity server, the way a person and another extension would: the Accounts menu, the
// device-code notification, the approval page in a browser tab, VS Code's consent dialog, the
// session library (packages/session), the palette's copy command, a window reload, short-lived tokens, and sign-out.
// One editor for the whole file: each scenario starts from the state the previous one left.
// Run alone: node scripts/run-tests.mjs --test-concurrency=1 test/editor/signin.test.ts
// UPDATE_DOC_IMAGES=1 also refreshes the README pictures in docs/images/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { IssuedToken } from '../identity-server/types.ts';
import { alice } from '../identity-server/users.ts';
import type { Workbench } from './harness/browser.ts';
import type { Consumer, Session } from './harness/consumer.ts';
import { pollUntil, sleep } from './harness/net.ts';
import { docImage } from './support/docImages.ts';
import { startRealExtension, type RealExtension } from './support/realExtension.ts';
import { scanForSecrets } from './support-reliability/leakScan.ts';

const ACCOUNT = `${alice.email} (Shopify)`;
const SHOP_ONE = 'shop-one.myshopify.com';
const SHOP_TWO = 'shop-two.myshopify.com';
const CODE_TOAST = /Your Shopify sign-in code is ([A-Z0-9]{4}-[A-Z0-9]{4})\./;
const CONSENT = /wants to sign in using Shopify/;
/** Anything that would mean the extension asked the user to sign in. */
const SIGN_IN_UI = /sign-in code|Signing in to Shopify/;

interface AdminSession {
  token: string;
  storeFqdn: string;
}
interface PartnersSession {
  token: string;
  userId: string;
}
interface OAuthSession {
  admin?: AdminSession;
  partners?: string;
  storefront?: string;
  userId: string;
}

describe('signing in with Shopify in the real editor', { timeout: 900_000 }, () => {
  let env: RealExtension | undefined;
  const real = (): RealExtension => env ?? assert.fail('the editor did not start');
  const ui = (): Workbench => real().wb;
  const consumer = (): Consumer => real().consumer;

  /** The server's record of a token it issued; fails when the server never issued it. */
  async function issuedRecord(token: string | undefined): Promise<IssuedToken> {
    assert.ok(token, 'no token was returned');
    const record = (await real().server.control.issued()).find((t) => t.value === token);
    return record ?? assert.fail('the token was not issued by the identity server');
  }

  const shownCodes: string[] = [];

  /** The user code of the sign-in now running: the first code notification not seen before (old ones linger). */
  async function shownCode(): Promise<string> {
    const code = await pollUntil(
      'a device-code notification with a new code',
      async () => {
        const codes = (await ui().notifications()).map((m) => CODE_TOAST.exec(m)?.[1]).filter((c) => c !== undefined);
        return codes.find((c) => !shownCodes.includes(c));
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    ).catch(async (error: unknown) => {
      const dom = await ui().page.evaluate(() => Array.from(document.querySelectorAll('.notification-toast, .notifications-center .notification-list-item')).map((e) => `${e.className} | ${(e as HTMLElement).getClientRects().length} | ${e.textContent?.slice(0, 120) ?? ''}`));
      throw new Error(`${String(error)} (screenshot: ${await ui().screenshot('FAILED-shownCode')}; toasts: ${JSON.stringify(await ui().notifications())}; dom: ${JSON.stringify(dom)})`);
    });
    shownCodes.push(code);
    return code;
  }

  /** Clicks "Open Sign-in Page" on the code's notification and returns the tab it opens. */
  async function openApprovalPage(code: string): Promise<Page> {
    const popup = ui().waitForPopup({ timeoutMs: 60_000 });
    await ui().clickNotificationButton('Open Sign-in Page', { notification: code });
    const page = await popup;
    // The page must show the code from VS Code: that is what the person checks before approving.
    assert.equal((await page.locator('#user-code').innerText({ timeout: 30_000 })).trim(), code);
    return page;
  }

  async function closeMenus(): Promise<void> {
    await ui().page.keyboard.press('Escape');
  }

  /** The Accounts menu once it lists the account and no longer offers a sign-in (nor its badge). */
  const accountOnlyInMenu = (): Promise<string[]> =>
    pollUntil(
      'the Accounts menu to list the account without a sign-in entry',
      async () => {
        await closeMenus();
        const now = await ui().openAccountsMenu();
        return now.includes(ACCOUNT) && !now.some((i) => i.startsWith('Sign in with Shopify')) ? now : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    ).catch(async (error: unknown) => assert.fail(`${String(error)}; menu: ${JSON.stringify(await ui().accountsMenuItems())}`));

  before(async () => {
    env = await startRealExtension();
  });

  after(async () => {
    await env?.stop();
  });

  it('cancelling a sign-in half way and denying one on the approval page both leave no session', async () => {
    const { server } = real();
    await ui().runCommand('Shopify: Sign In');
    const cancelled = await shownCode();
    await ui().clickNotificationButton('Cancel', { notification: 'Signing in to Shopify' });
    await ui().waitForNotification('Shopify sign-in cancelled. Nothing was changed');
    await ui().screenshot('signin-01-cancelled');
    assert.equal((await server.control.pending()).find((c) => c.userCode === cancelled)?.status, 'pending');
    // Its code notification stays up (VS Code cannot close it for us): a late click is answered, not ignored.
    await ui().clickNotificationButton('Open Sign-in Page', { notification: cancelled });
    await ui().waitForNotification(`Code ${cancelled} is no longer in use`);

    await ui().runCommand('Shopify: Sign In');
    const denied = await shownCode();
    const page = await openApprovalPage(denied);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.getByRole('heading', { name: 'Denied' }).waitFor({ timeout: 30_000 });
    await page.close();
    await ui().waitForNotification('Shopify sign-in was denied on the approval page', { timeoutMs: 60_000 });
    await ui().screenshot('signin-02-denied');

    assert.deepEqual(await consumer().getAccounts(), []);
    assert.equal(await consumer().getSession(['partners'], { silent: true }), undefined);
    assert.equal((await server.control.issued()).length, 0, 'no token was issued');
  });

  it('signs in from the Accounts menu, approving in the browser, and shows the account', async () => {
    const items = await ui().openAccountsMenu();
    assert.ok(items.some((i) => i.startsWith('Sign in with Shopify')), `menu: ${JSON.stringify(items)}`);
    await ui().screenshot('signin-03-accounts-menu');
    await docImage(ui().page, 'accounts-menu', ui().page.locator('.monaco-menu-container').filter({ visible: true }), ui().page.locator('li.action-item[aria-label^="Accounts"]'));
    await ui().clickAccountsMenuItem('Sign in with Shopify');

    const code = await shownCode();
    const pending = (await real().server.control.pending()).find((c) => c.userCode === code);
    assert.equal(pending?.status, 'pending', 'the code shown is the one the server is waiting on');
    await ui().screenshot('signin-04-device-code');
    await docImage(ui().page, 'device-code', ui().page.locator('.notifications-toasts').filter({ visible: true }));

    const page = await openApprovalPage(code);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('heading', { name: 'Approved' }).waitFor({ timeout: 30_000 });
    await page.close();

    await ui().waitForNotification(`Signed in to Shopify as ${alice.email}.`, { timeoutMs: 60_000 });
    assert.deepEqual(await consumer().getAccounts(), [{ id: alice.sub, label: alice.email }]);
    // The menu lists the account and stops offering a sign-in (and its badge) once it is done.
    assert.deepEqual(await accountOnlyInMenu(), [ACCOUNT]);
    await ui().screenshot('signin-05-signed-in');
    await closeMenus();
  });

  let shopOne: Session | undefined;

  it("another extension asks for a store's Admin token, the person allows it, and it gets the server's token", async () => {
    const outcome = consumer()
      .getSession(['admin', `store:${SHOP_ONE}`], { createIfNone: true })
      .then((value) => ({ value }), (error: unknown) => ({ error }));
    const dialog = await ui().waitForDialog(CONSENT);
    assert.match(`${dialog.message} ${dialog.detail}`, /Shopify Auth Test Consumer/);
    await ui().screenshot('signin-06-consent');
    await docImage(ui().page, 'consent', ui().page.locator('.monaco-dialog-box'));
    await ui().clickDialogButton('Allow');
    // With several accounts possible, VS Code asks which one; the only one here is alice's.
    await ui().quickPickPick(alice.email);
    const result = await outcome;
    assert.ok('value' in result, `getSession rejected: ${String('error' in result ? result.error : '')}`);
    shopOne = result.value;

    const record = await issuedRecord(shopOne?.accessToken);
    assert.deepEqual([record.kind, record.api, record.store, record.sub], ['app', 'admin', SHOP_ONE, alice.sub]);
    assert.deepEqual(shopOne?.account, { id: alice.sub, label: alice.email });
    assert.deepEqual(shopOne?.scopes, ['admin', `store:${SHOP_ONE}`], 'the session reads as it was asked for');
  });

  let partners: PartnersSession | undefined;

  it('the session library hands out Partners and Admin tokens the server issued, with one sign-in', async () => {
    const { server } = real();
    const signIns = (await server.control.counts()).deviceAuthorization;

    partners = await consumer().session<PartnersSession>('ensureAuthenticatedPartners');
    const partnersRecord = await issuedRecord(partners.token);
    assert.deepEqual([partnersRecord.api, partnersRecord.sub, partners.userId], ['partners', alice.sub, alice.sub]);

    const two = await consumer().session<AdminSession>('ensureAuthenticatedAdmin', ['shop-two']);
    assert.equal(two.storeFqdn, SHOP_TWO);
    const twoRecord = await issuedRecord(two.token);
    assert.deepEqual([twoRecord.api, twoRecord.store], ['admin', SHOP_TWO]);
    // Naming a store does not make it the active one: without a store and with none active, VS Code
    // asks (its sign-in dialog), then the person picks the store, and that pick sets the active store.
    const unnamed = consumer().session<AdminSession>('ensureAuthenticatedAdmin');
    await ui().waitForDialog(CONSENT);
    await ui().clickDialogButton('Allow');
    await ui().quickPickPick(SHOP_TWO);
    assert.deepEqual(await unnamed, two);
    assert.deepEqual(await consumer().session<AdminSession>('ensureAuthenticatedAdmin'), two, 'the picked store is now the active one');

    const all = await consumer().session<OAuthSession>('ensureAuthenticated', [
      { adminApi: { storeFqdn: SHOP_ONE }, partnersApi: {}, storefrontRendererApi: {} },
    ]);
    assert.deepEqual(all.admin, { token: shopOne?.accessToken, storeFqdn: SHOP_ONE });
    assert.equal(all.partners, partners.token);
    assert.equal(all.userId, alice.sub);
    assert.equal((await issuedRecord(all.storefront)).api, 'storefront-renderer');

    assert.equal((await server.control.counts()).deviceAuthorization, signIns, 'no further sign-in was needed');
    assert.deepEqual(await ui().dialog(), undefined);
    await ui().screenshot('signin-07-api');
  });

  it('"Shopify: Copy Partners API Token" copies the token and says how long it lasts without showing it', async () => {
    await ui().runCommand('Shopify: Copy Partners API Token');
    await ui().clickDialogButton('Copy Token');
    const message = await ui().waitForNotification('Partners API token copied, valid ');
    await pollUntil('the progress notification to close', async () => ((await ui().toasts()).some((t) => t.busy) ? undefined : true), { timeoutMs: 30_000 });
    // A long message shows as one line until expanded: expand it so the picture shows all of it.
    const toast = ui().page.locator('.notification-toast', { has: ui().page.locator('.notification-list-item-message', { hasText: 'token copied' }) }).first();
    const expand = toast.locator('[aria-label^="Expand Notification"]');
    if ((await expand.count()) > 0) {
      await toast.hover();
      await expand.click();
      await toast.locator('[aria-label^="Collapse Notification"]').waitFor({ timeout: 30_000 });
    }
    await ui().screenshot('signin-08-copy-token');
    await docImage(ui().page, 'copy-token', ui().page.locator('.notifications-toasts').filter({ visible: true }));
    // The fact that matters opens the message, so a collapsed notification shows it.
    assert.match(message, /^Partners API token copied, valid \d+ (min|h)[ .]/);
    assert.match(message, /Until .+ UTC; the token itself is not shown\.$/);

    const copied = await ui().readClipboard();
    assert.equal(copied, partners?.token);
    assert.equal((await issuedRecord(copied)).api, 'partners');
    for (const shown of await ui().notificationHistory()) assert.ok(!shown.includes(copied), 'a notification shows the token');
  });

  it('"Select Active Store", then "Copy Admin API Token" and "Copy Storefront API Token" copy the server\'s tokens for that store', async () => {
    await ui().runCommand('Shopify: Select Active Store');
    // Picking shop-two in the library's prompt made it the active store; switch back to shop-one.
    await ui().quickPickPick(SHOP_ONE);
    await ui().waitForNotification(`Active Shopify store: ${SHOP_ONE} (Shopify accepted it).`);

    await ui().runCommand('Shopify: Copy Admin API Token');
    await ui().quickPickPick(SHOP_ONE); // the active store comes first; others are one pick away
    const asked = await ui().waitForDialog(`Copy an Admin API token for ${SHOP_ONE} to the clipboard?`);
    assert.match(asked.detail, /^Anything that can read the clipboard can use the token until it expires\./);
    await ui().clickDialogButton('Copy Token');
    const copiedMessage = await ui().waitForNotification(`Admin API token copied, valid `);
    assert.ok(copiedMessage.startsWith('Admin API token copied, valid ') && copiedMessage.includes(`(${SHOP_ONE}).`), copiedMessage);
    const admin = await ui().readClipboard();
    const adminRecord = await issuedRecord(admin);
    assert.equal(adminRecord.api, 'admin');
    assert.equal(adminRecord.store, SHOP_ONE);

    await ui().runCommand('Shopify: Copy Storefront API Token');
    await ui().clickDialogButton('Copy Token');
    await ui().waitForNotification('Storefront API token copied, valid ');
    const storefront = await ui().readClipboard();
    assert.equal((await issuedRecord(storefront)).api, 'storefront-renderer');
    await ui().screenshot('signin-08b-active-store-copies');
    for (const shown of await ui().notificationHistory()) assert.ok(!shown.includes(admin) && !shown.includes(storefront), 'a notification shows a token');
  });

  it('forceNewSession: VS Code asks to sign in again, a new sign-in runs, and the consumer gets a new token', async () => {
    const { server } = real();
    const before = await consumer().getSession(['partners'], { silent: true });
    assert.ok(before, 'no Partners session to replace');
    const signIns = (await server.control.counts()).deviceAuthorization;
    const askedAt = Date.now();
    const outcome = consumer()
      .getSession(['partners'], { forceNewSession: { detail: 'The test wants a fresh sign-in.' } })
      .then((value) => ({ value }), (error: unknown) => ({ error }));
    await ui().waitForDialog(/wants you to sign in again using Shopify/);
    await ui().clickDialogButton('Allow');
    const code = await pollUntil(
      'the new sign-in at the identity server',
      async () => (await server.control.pending()).find((c) => c.status === 'pending' && c.createdAt >= askedAt)?.userCode,
      { timeoutMs: 60_000 },
    );
    await server.control.approve(code, 'alice');
    const result = await outcome;
    assert.ok('value' in result && result.value, `getSession did not answer: ${String('error' in result ? result.error : 'undefined')}`);
    assert.notEqual(result.value.accessToken, before.accessToken);
    const record = await issuedRecord(result.value.accessToken);
    assert.deepEqual([record.api, record.sub], ['partners', alice.sub]);
    assert.equal((await server.control.counts()).deviceAuthorization, signIns + 1);
    // The later scenarios expect the token in force now.
    partners = { token: result.value.accessToken, userId: alice.sub };
    await ui().screenshot('signin-08c-force-new-session');
  });

  it('after a window reload the sessions are still there and nothing asks to sign in', async () => {
    const { instance } = await consumer().health();
    // The last write before the reload: it must reach the browser's storage, as it would for a person.
    const platform = await ui().persistingSecrets(() => consumer().getSession(['business-platform'], { silent: true }));
    assert.equal((await issuedRecord(platform?.accessToken)).api, 'business-platform');
    const signIns = (await real().server.control.counts()).deviceAuthorization;

    await ui().reload();
    await consumer().waitUntilReady({ replacing: instance, timeoutMs: 90_000 });
    // getSession activates the extension and waits for the provider to register.
    assert.equal((await consumer().session<PartnersSession>('ensureAuthenticatedPartners')).token, partners?.token);
    assert.equal((await consumer().getSession(['business-platform'], { silent: true }))?.accessToken, platform?.accessToken);
    assert.equal((await consumer().getSession(['admin', `store:${SHOP_ONE}`], { silent: true }))?.accessToken, shopOne?.accessToken);

    const items = await ui().openAccountsMenu();
    assert.ok(items.includes(ACCOUNT), `menu: ${JSON.stringify(items)}`);
    assert.ok(!items.some((i) => i.startsWith('Sign in with Shopify')), `menu offers a sign-in: ${JSON.stringify(items)}`);
    await ui().screenshot('signin-09-after-reload');
    await closeMenus();
    assert.deepEqual((await ui().notifications()).filter((m) => SIGN_IN_UI.test(m)), []);
    assert.equal((await real().server.control.counts()).deviceAuthorization, signIns);
  });

  it('short-lived tokens are renewed on the next getSession without any UI, and consumers hear of it', async () => {
    const { server } = real();
    // Sign in again so the identity token itself is short-lived too, then take a new short-lived token.
    await server.control.configure({ identityLifetime: 16, appLifetime: 16 });
    try {
      const earlier = (await server.control.issued()).map((t) => t.value);
      await ui().runCommand('Shopify: Sign In');
      await server.control.approve(await shownCode(), 'alice');
      await ui().waitForNotification(`Signed in to Shopify as ${alice.email}.`, { timeoutMs: 60_000 });
      const first = await consumer().getSession(['app-management'], { silent: true });
      const firstRecord = await issuedRecord(first?.accessToken);

      // Wait until everything this sign-in was given has run out, by the server's own clock.
      const fresh = (await server.control.issued()).filter((t) => !earlier.includes(t.value) && t.kind !== 'refresh');
      const allOut = Math.max(...fresh.map((t) => t.expiresAt));
      await pollUntil('the short-lived tokens to run out', async () => (Date.now() > allOut ? true : undefined), { timeoutMs: 60_000 });

      const counts = await server.control.counts();
      const events = (await consumer().events()).count;
      const renewed = await consumer().getSession(['app-management'], { silent: true });
      assert.notEqual(renewed?.accessToken, first?.accessToken);
      const renewedRecord = await issuedRecord(renewed?.accessToken);
      assert.equal(renewedRecord.api, 'app-management');
      assert.ok(renewedRecord.issuedAt > firstRecord.expiresAt, 'the new token was issued after the old one ran out');
      const now = await server.control.counts();
      assert.ok(now.refresh > counts.refresh, 'the identity token was refreshed');
      assert.equal(now.deviceAuthorization, counts.deviceAuthorization, 'no sign-in');
      await pollUntil('onDidChangeSessions to reach the consumer', async () => ((await consumer().events()).count > events ? true : undefined), { timeoutMs: 30_000 });
      assert.equal(await ui().dialog(), undefined);
      assert.deepEqual((await ui().notifications()).filter((m) => CODE_TOAST.test(m) || m.startsWith('Signing in')), []);
      await ui().screenshot('signin-10-renewed');
    } finally {
      await server.control.configure({ identityLifetime: 7200, appLifetime: 7200 });
    }
  });

  it('signing out from the Accounts menu removes the sessions for every extension', async () => {
    const events = (await consumer().events()).count;
    await ui().clickAccountsMenuItem(ACCOUNT, 'Sign Out');
    const dialog = await ui().waitForDialog(alice.email);
    await ui().screenshot('signin-11-sign-out');
    await ui().clickDialogButton('Sign Out');
    await pollUntil('onDidChangeSessions to reach the consumer', async () => ((await consumer().events()).count > events ? true : undefined), { timeoutMs: 30_000 });
    assert.ok(dialog.buttons.includes('Sign Out'));

    assert.equal(await consumer().getSession(['admin', `store:${SHOP_ONE}`], { silent: true }), undefined);
    assert.deepEqual(await consumer().getAccounts(), []);
    // The way back in is where the way out was.
    const items = await pollUntil(
      'the Accounts menu to offer a sign-in again',
      async () => {
        await closeMenus();
        const now = await ui().openAccountsMenu().catch(() => []);
        return now.some((i) => i.startsWith('Sign in with Shopify')) ? now : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    assert.ok(!items.includes(ACCOUNT), `menu: ${JSON.stringify(items)}`);
    await ui().screenshot('signin-12-signed-out');
    await closeMenus();
  });

  it("another extension's sign-in request waits in the Accounts menu and is gone once answered", async () => {
    const entry = 'Sign in with Shopify to use Shopify Auth Test Consumer';
    assert.equal(await consumer().getSession(['partners'], { createIfNone: false }), undefined);
    await pollUntil(
      'the consumer\'s sign-in request in the Accounts menu',
      async () => {
        await closeMenus();
        return (await ui().openAccountsMenu().catch(() => [])).some((i) => i.startsWith(entry)) ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const clickedAt = Date.now();
    await ui().clickAccountsMenuItem(entry);
    // The device-code notification was proven above; here the code comes from the server, so this
    // scenario is about the request entry only.
    const code = await pollUntil(
      'the sign-in the entry started',
      async () => (await real().server.control.pending()).find((c) => c.status === 'pending' && c.createdAt >= clickedAt)?.userCode,
      { timeoutMs: 60_000 },
    );
    await real().server.control.approve(code, 'alice');

    const session = await pollUntil('the consumer to get its Partners session', () => consumer().getSession(['partners'], { silent: true }), { timeoutMs: 60_000, intervalMs: 500 });
    assert.equal((await issuedRecord(session.accessToken)).api, 'partners');
    assert.deepEqual(await accountOnlyInMenu(), [ACCOUNT]);
    await ui().screenshot('signin-13-request-answered');
    await closeMenus();
  });

  it('after the whole run, no token the server issued is in anything the editor or the browser wrote', async () => {
    const { editor, server } = real();
    // Let the editor flush its logs and state before reading them.
    await ui().runCommand('Shopify: Show Log');
    await sleep(3000);
    const issued = (await server.control.issued()).map((t) => ({ kind: `issued ${t.kind} token`, value: t.value }));
    assert.ok(issued.some((t) => t.kind === 'issued refresh token'), 'the run issued no refresh token to look for');
    const roots = [editor.userDataDir, editor.extensionsDir, path.join(path.dirname(editor.userDataDir), 'workspace'), editor.outputFile, ui().profileDir];
    const scan = scanForSecrets(roots, issued);
    console.log(`sign-in run leak scan: ${scan.filesScanned} files (${scan.bytesScanned} bytes), ${scan.secretsSearched} issued tokens searched, ${scan.hits.length} hits`);
    assert.deepEqual(scan.hits.map((h) => `${path.relative(path.dirname(editor.userDataDir), h.file)} (${h.kind})`), []);
    assert.ok(scan.files.some((f) => /Shopify/.test(path.basename(f)) && f.startsWith(editor.logsDir)), 'the Shopify log file was not scanned');
  });
});
