// Shopify at home in the real editor, as a newcomer meets it: the status bar item and its menu, a
// workspace whose shopify.theme.toml names a store (offered, checked with Shopify, then the
// workspace's store), a refused store that never becomes active, SHOPIFY_FLAG_STORE in a new
// terminal, and the walkthrough. One editor for the whole file, in order.
// Run alone: node scripts/run-tests.mjs --test-concurrency=1 test/editor/home.test.ts
// UPDATE_DOC_IMAGES=1 also refreshes the README pictures in docs/images/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import type { Locator } from 'playwright-core';
import { alice } from '../identity-server/users.ts';
import type { Workbench } from './harness/browser.ts';
import { pollUntil } from './harness/net.ts';
import { readQuickInput } from './harness/palette.ts';
import { runDirName } from './harness/paths.ts';
import { docImage } from './support/docImages.ts';
import { waitForInspector } from './support-tokens/inspector.ts';
import { startRealExtension, type RealExtension } from './support/realExtension.ts';

const SHOP_ONE = 'shop-one.myshopify.com';
const SHOP_TWO = 'shop-two.myshopify.com';
const REFUSED = 'not-staff.myshopify.com';
const THEME_PASSWORD = 'shptka_theme_password_never_read_0001';
const CODE_TOAST = /Your Shopify sign-in code is ([A-Z0-9]{4}-[A-Z0-9]{4})\./;
const CLIENT_ID = 'homeapp0123456789abcdef012345678';
const APP_SECRET = `shpss_${randomBytes(16).toString('hex')}`;

function lifetimeOf(token: string): number {
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iat: number; exp: number };
  return claims.exp - claims.iat;
}

describe('Shopify at home in the real editor', { timeout: 600_000 }, () => {
  let env: RealExtension | undefined;
  const real = (): RealExtension => env ?? assert.fail('the editor did not start');
  const ui = (): Workbench => real().wb;
  const workspace = path.join(runDirName('home-workspace'), 'my-theme');

  /** The Shopify status bar entry. */
  const statusItem = (): Locator => ui().page.locator('.statusbar-item', { has: ui().page.locator('.statusbar-item-label') }).filter({ hasText: /Shopify|@/ }).first();
  const statusText = (): Promise<string> => statusItem().innerText({ timeout: 30_000 }).then((t) => t.trim());
  const statusShows = (what: RegExp): Promise<string> =>
    pollUntil(`the status bar to show ${String(what)}`, async () => {
      const text = await statusText().catch(() => '');
      return what.test(text) ? text : undefined;
    }, { timeoutMs: 60_000, intervalMs: 300 }).catch(async (error: unknown) => assert.fail(`${String(error)}; it shows "${await statusText().catch(() => '?')}"`));

  async function openStatusMenu(): Promise<string[]> {
    await ui().page.keyboard.press('Escape');
    await statusItem().click();
    return pollUntil('the Shopify menu', async () => {
      const state = await readQuickInput(ui().page);
      return state.open && state.rows.length > 0 ? state.rows : undefined;
    }, { timeoutMs: 30_000, intervalMs: 200 });
  }

  before(async () => {
    mkdirSync(workspace, { recursive: true });
    // What `shopify theme init` and a developer leave behind: environments with a store and a Theme Access password.
    writeFileSync(
      path.join(workspace, 'shopify.theme.toml'),
      ['[environments.development]', 'store = "shop-two"', `password = "${THEME_PASSWORD}"`, '', '[environments.production]', 'store = "shop-two.myshopify.com"', ''].join('\n'),
    );
    writeFileSync(path.join(workspace, 'layout.liquid'), '<html>{{ content_for_layout }}</html>\n');
    env = await startRealExtension({ workspace });
  });

  after(async () => {
    await env?.stop();
  });

  it("at start, the theme's store is offered for the workspace, and accepting it makes it the workspace's store", async () => {
    assert.match(await statusShows(/Sign in to Shopify/), /^Sign in to Shopify$/);
    const offer = await ui().waitForNotification(`Use ${SHOP_TWO} for this workspace? shopify.theme.toml names it.`, { timeoutMs: 60_000 });
    assert.ok(!offer.includes(THEME_PASSWORD));
    await ui().screenshot('home-01-offer');
    await docImage(ui().page, 'workspace-store', ui().page.locator('.notification-toast', { hasText: 'for this workspace?' }), statusItem());
    await ui().clickNotificationButton(`Use ${SHOP_TWO}`, { notification: 'for this workspace?' });
    // Signed out, nothing can be checked yet: it is checked by the first token asked for it.
    await ui().waitForNotification(`Active Shopify store: ${SHOP_TWO} (checked when you sign in and use it).`, { timeoutMs: 60_000 });
    assert.equal((await real().server.control.counts()).exchange.total, 0, 'no token was sent anywhere');
  });

  it('signed out, the status bar offers "Sign in to Shopify", and its menu signs in', async () => {
    const items = await openStatusMenu();
    assert.ok(items.includes('Sign In to Shopify'), `menu: ${JSON.stringify(items)}`);
    assert.ok(!items.some((i) => i.startsWith('Sign Out')), 'no sign-out while signed out');
    await ui().quickPickPick('Sign In to Shopify');
    const toast = await ui().waitForNotification(CODE_TOAST, { timeoutMs: 60_000 });
    const code = CODE_TOAST.exec(toast)?.[1] ?? assert.fail('no code');
    await real().server.control.approve(code, 'alice');
    await ui().waitForNotification(`Signed in to Shopify as ${alice.email}.`, { timeoutMs: 60_000 });
    // Signed in, the item names the account and the workspace's store.
    assert.equal(await statusShows(/· shop-two$/), `${alice.email} · shop-two`);
  });

  it("another extension asking for an Admin token without a store gets the workspace's store", async () => {
    const asked = real().consumer.getSession(['admin'], { createIfNone: true });
    await ui().waitForDialog(/wants to sign in using Shopify/);
    await ui().clickDialogButton('Allow');
    await ui().quickPickPick(alice.email);
    const admin = await asked;
    const issued = (await real().server.control.issued()).find((t) => t.value === admin?.accessToken);
    assert.equal(issued?.store, SHOP_TWO);
  });

  it('the status bar menu offers the actions; a store Shopify refuses is never made active', async () => {
    const items = await openStatusMenu();
    for (const wanted of ['Select Active Store…', 'Copy Admin API Token', 'Copy Partners API Token', 'Sign Out…', 'Get Started with Shopify Authentication']) {
      assert.ok(items.includes(wanted), `menu lacks "${wanted}": ${JSON.stringify(items)}`);
    }
    await ui().screenshot('home-02-status-menu');
    await docImage(ui().page, 'status-bar-menu', ui().page.locator('.quick-input-widget'), statusItem());
    await ui().quickPickPick('Select Active Store…');
    await ui().quickPickPick(/Enter another store/);
    await ui().quickInputType('not-staff', { prompt: /permanent domain/ });
    const refused = await ui().waitForNotification(`${REFUSED} was not made active; still using ${SHOP_TWO}.`, { timeoutMs: 60_000 });
    assert.match(refused.split('. ')[0] ?? '', /was not made active; still using/);
    assert.equal(await statusText(), `${alice.email} · shop-two`);

    // Recently used stores are offered: the refused one is not among them.
    await ui().runCommand('Shopify: Select Active Store');
    const rows = await pollUntil('the store picker', async () => {
      const s = await readQuickInput(ui().page);
      return s.open && s.rows.length > 1 ? s.rows : undefined;
    }, { timeoutMs: 30_000, intervalMs: 200 });
    assert.ok(rows.includes(SHOP_TWO) && !rows.includes(REFUSED), JSON.stringify(rows));
    await ui().quickPickPick(/Enter another store/);
    await ui().quickInputType(SHOP_ONE, { prompt: /permanent domain/ });
    await ui().waitForNotification(`Active Shopify store: ${SHOP_ONE} (Shopify accepted it).`, { timeoutMs: 60_000 });
    await statusShows(/· shop-one$/);
    // The theme's own store stays one click away in the menu once another is chosen.
    assert.ok((await openStatusMenu()).includes(`Use ${SHOP_TWO} for This Workspace`));
    await ui().page.keyboard.press('Escape');
  });

  it('a new terminal has SHOPIFY_FLAG_STORE set to the active store', async () => {
    const out = path.join(path.dirname(workspace), 'terminal-env.txt');
    await ui().runCommand('Terminal: Create New Terminal');
    const terminal = ui().page.locator('.terminal-wrapper.active .xterm');
    await terminal.waitFor({ state: 'visible', timeout: 60_000 });
    await terminal.click();
    // Typed as a person would; the shell writes what it sees.
    await pollUntil('the shell to write the variable', async () => {
      await ui().page.keyboard.type(`echo "store=$SHOPIFY_FLAG_STORE" > ${out}`);
      await ui().page.keyboard.press('Enter');
      await new Promise((r) => setTimeout(r, 1500));
      return existsSync(out) && readFileSync(out, 'utf8').trim() !== '' ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    assert.equal(readFileSync(out, 'utf8').trim(), `store=${SHOP_ONE}`);
    await ui().screenshot('home-03-terminal');
  });

  it('"Shopify: Get Started" opens the walkthrough with its four steps', async () => {
    await ui().runCommand('Shopify: Get Started');
    const page = ui().page.locator('.gettingStartedContainer');
    await page.getByText('Get started with Shopify Authentication').first().waitFor({ timeout: 60_000 });
    for (const step of ['Sign in to Shopify', 'Pick a store', 'Copy a token', 'Check a session token']) {
      await page.getByText(step, { exact: true }).first().waitFor({ timeout: 30_000 });
    }
    await ui().screenshot('home-04-walkthrough');
    await docImage(ui().page, 'walkthrough', page);
  });

  it('Create Test Session Token: by default the token lives 15 min, long enough to decode and verify it', async () => {
    await ui().runCommand('Shopify: Manage App Secrets');
    await ui().quickPickPick(/Add a client secret/);
    await ui().quickInputType(CLIENT_ID, { prompt: /client id/ });
    await ui().quickInputType(APP_SECRET, { prompt: /client secret of client id/ });
    await ui().waitForNotification(`Client secret for ${CLIENT_ID} stored`, { timeoutMs: 30_000 });

    await ui().runCommand('Shopify: Create Test Session Token');
    await ui().quickPickPick(/^admin/);
    await ui().quickPickPick(CLIENT_ID);
    await pollUntil('the shop step', async () => ((await ui().page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '')).includes('3/5') ? true : undefined), { timeoutMs: 30_000, intervalMs: 200 });
    await ui().quickInputType('shop-one');
    const lifetimes = await pollUntil('the lifetime step', async () => {
      const s = await readQuickInput(ui().page);
      return s.rows.some((r) => r.startsWith('15 min')) ? s.rows : undefined;
    }, { timeoutMs: 30_000, intervalMs: 200 });
    // The default first; Shopify's own 60 s for App Bridge tokens one pick away.
    assert.deepEqual(lifetimes.slice(0, 2), ['15 min', '1 min']);
    await ui().page.locator('.quick-input-widget .quick-input-box input').press('Enter');
    await ui().quickInputType('', { prompt: /staff user id/ });
    const copied = await ui().waitForNotification('Test admin token copied, valid 15 min', { timeoutMs: 30_000 });
    assert.ok(copied.startsWith('Test admin token copied, valid 15 min: for shop-one.myshopify.com'), copied);
    assert.equal(lifetimeOf(await ui().readClipboard()), 900);
  });

  it("the inspector's verdict is live: a valid token's badge turns Expired once exp and the leeway pass", async () => {
    const { token } = await real().server.control.mintSessionToken({ family: 'admin', shop: SHOP_ONE, clientId: CLIENT_ID, secret: APP_SECRET, lifetime: 3 });
    await real().consumer.command('shopify.verifySessionToken', [token]);
    const { view } = await waitForInspector(ui().page, 'the short-lived token, valid', (v) => v.badge === 'Valid', 30_000);
    assert.match(view.countdown, /^(Expires in|Expired .* still accepted)/);
    const later = await waitForInspector(ui().page, 'the same token, now expired', (v) => v.badge === 'Expired', 40_000);
    assert.match(later.view.countdown, /^Expired \d+ s ago\.$/);
    await ui().screenshot('home-05-inspector-expired');
  });

  it('Decode falls back to the input box at once when the browser refuses the clipboard', async () => {
    await ui().page.keyboard.press('Escape');
    await ui().runCommand('View: Close All Editors');
    await ui().context.clearPermissions();
    try {
      const started = Date.now();
      await ui().runCommand('Shopify: Decode Session Token');
      await pollUntil('the token input box', async () => ((await readQuickInput(ui().page)).message.includes('Paste a session token') ? true : undefined), { timeoutMs: 10_000, intervalMs: 100 });
      assert.ok(Date.now() - started < 10_000);
      await ui().page.keyboard.press('Escape');
    } finally {
      await ui().context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(real().editor.url).origin });
    }
  });
});
