// Many windows and leaks, in the real editor with the real packaged extension. Two tabs of one
// browser profile on one code-server are two windows: each gets its own extension host, and
// both keep their secrets in the same browser storage (localStorage "secrets.provider").
// What VS Code web does with that (read from code-server 4.100.3's workbench and checked below):
// each window loads the secrets once when it opens, keeps them in memory, writes the whole set
// back on every change, and never hears of the other window's writes (no storage event, no
// secrets.onDidChange). So the cross-window sync that desktop VS Code gives the vault does not
// exist here; what a reload brings is what this file can prove, and the live race is a todo.
// Run alone: node scripts/run-tests.mjs --test-concurrency=1 test/editor/reliability.test.ts
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startIdentityServer } from '../identity-server/server.ts';
import type { IdentityServer } from '../identity-server/types.ts';
import { alice } from '../identity-server/users.ts';
import { openWorkbench, type Workbench } from './harness/browser.ts';
import { allowingConsent } from './harness/consent.ts';
import { consumerClient } from './harness/consumer.ts';
import { startEditor, type Editor } from './harness/editor.ts';
import { freePort, pollUntil, sleep } from './harness/net.ts';
import { CONSUMER_EXTENSION_DIR } from './harness/paths.ts';
import { scanForSecrets, textHits } from './support-reliability/leakScan.ts';
import { openSecondWindow, reloadWindow, type Window } from './support-reliability/secondWindow.ts';
import { realVsix } from './support/realExtension.ts';

/** Tokens this short-lived are due halfway through (src/shopify/sessions.ts refreshAt): 10 s after issue. */
const SHORT_LIFETIME_S = 20;
const DUE_AFTER_MS = (SHORT_LIFETIME_S / 2) * 1000 + 1000;

/** A made-up app, stored through the palette so the leak scan can look for its secret too. */
const APP_CLIENT_ID = 'reliabilityclient0123456789abcd';
const APP_SECRET = `shpss_${randomBytes(16).toString('hex')}`;

interface PartnersToken {
  token: string;
  userId: string;
}

describe('many windows on one SecretStorage, and nothing leaks', { timeout: 1_200_000 }, () => {
  let server: IdentityServer;
  let editor: Editor | undefined;
  let wb: Workbench | undefined;
  let port = 0;
  const windows: Window[] = [];
  /** Every notification text read in any window, for the leak scan. */
  const read: string[] = [];

  const ui = (): Workbench => wb ?? assert.fail('the workbench did not open');
  const win = (i: number): Window => windows[i] ?? assert.fail(`window ${i} is not open`);

  async function notifications(w: Window): Promise<string[]> {
    const texts = await w.page.evaluate(() =>
      Array.from(document.querySelectorAll('.notification-list-item-message')).map((e) => e.textContent?.trim() ?? ''),
    );
    read.push(...texts);
    return texts;
  }

  /** Signs alice in from window `w` through the session library, approving the code on the server. */
  async function signIn(w: Window): Promise<PartnersToken> {
    const pending = allowingConsent(w.page, w.consumer.session<PartnersToken>('ensureAuthenticatedPartners'));
    const code = await pollUntil('a pending device code', async () => (await server.control.pending()).find((c) => c.status === 'pending')?.userCode, { timeoutMs: 90_000, intervalMs: 250 });
    await notifications(w);
    await server.control.approve(code, 'alice');
    return pending;
  }

  /** Waits until window 0 has written its secrets to browser storage (the write is not awaited by store()). */
  async function persisted<T>(action: () => Promise<T>): Promise<T> {
    return ui().persistingSecrets(action, { timeoutMs: 60_000 });
  }

  async function reload(i: number): Promise<Window> {
    return reloadWindow(win(i), [port, port + 1], windows.map((w) => w.instance));
  }

  /** Whatever the windows hold now: signed out in both, then one sign-in that both windows load. */
  async function bothHoldOneFreshSignIn(): Promise<void> {
    for (const i of [0, 1]) {
      if ((await win(i).consumer.getAccounts()).length > 0) await persisted(() => win(i).consumer.command('shopify.signOut'));
    }
    windows[0] = await reload(0);
    assert.deepEqual(await win(0).consumer.getAccounts(), [], 'a sign-out did not stick');
    await persisted(() => signIn(win(0)));
    windows[1] = await reload(1);
  }

  before(async () => {
    server = await startIdentityServer({ interval: 1, identityLifetime: SHORT_LIFETIME_S, appLifetime: SHORT_LIFETIME_S });
    port = await freePort();
    editor = await startEditor({
      vsix: realVsix(),
      extraExtensionDirs: [CONSUMER_EXTENSION_DIR],
      env: { CONSUMER_PORT: String(port), CONSUMER_PORT_SPAN: '2' },
      settings: { 'shopifyAuth.identityUrl': server.url },
    });
    wb = await openWorkbench(editor, { timeoutMs: 60_000, loadTimeoutMs: 120_000 });
    const first = consumerClient(port);
    const { instance } = await first.waitUntilReady({ timeoutMs: 120_000 });
    windows.push({ page: wb.page, consumer: first, instance });
  });

  after(async () => {
    await wb?.close();
    await editor?.stop();
    await server?.close();
  });

  it('a second window opened after a sign-in has the account, with no sign-in of its own', async () => {
    const signedIn = await persisted(() => signIn(win(0)));
    assert.equal(signedIn.userId, alice.sub);
    windows.push(await openSecondWindow(ui(), editor?.url ?? '', port + 1, win(0).instance));
    const before = (await server.control.counts()).deviceAuthorization;
    assert.deepEqual(await win(1).consumer.getAccounts(), [{ id: alice.sub, label: alice.email }]);
    assert.equal((await server.control.counts()).deviceAuthorization, before);
  });

  /** What the race left, for the strict checks below. */
  let race: { outcomes: Array<'session' | 'failed'>; refreshes: number; signInsStarted: number } | undefined;
  /** What window 1 listed right after window 0 signed out, before any reload. */
  let listedLive: unknown;

  it('both windows refreshing the same expired account at once: everything settles, few refreshes, no loop', async () => {
    await bothHoldOneFreshSignIn();
    // Both windows hold the same stored account; wait until its tokens are due, then ask in both at once.
    await sleep(DUE_AFTER_MS);
    const before = await server.control.counts();
    const calls = [0, 1].map((i) =>
      allowingConsent(win(i).page, win(i).consumer.session<PartnersToken>('ensureAuthenticatedPartners')).then(
        (v) => ({ token: v.token }),
        (e: unknown) => ({ error: String(e) }),
      ),
    );
    // A window that lost its session starts a device sign-in: that is the forced sign-in to count.
    // Deny it on the server so the call ends, instead of waiting ten minutes for the code to expire.
    let signInsStarted = 0;
    let settled = false;
    const all = Promise.all(calls).finally(() => (settled = true));
    const denying = (async () => {
      while (!settled) {
        for (const code of (await server.control.pending()).filter((c) => c.status === 'pending')) {
          signInsStarted++;
          await server.control.deny(code.userCode);
        }
        await sleep(250);
      }
    })();
    const results = await all;
    await denying;
    const after = await server.control.counts();
    const refreshes = after.refresh - before.refresh;
    for (const w of windows) await notifications(w);
    race = { outcomes: results.map((r) => ('token' in r ? 'session' : 'failed')), refreshes, signInsStarted };
    console.log(`windows raced: 2; refreshes at the identity server: ${refreshes}; outcomes: ${race.outcomes.join(', ')}; sign-ins started: ${signInsStarted}`);
    for (const r of results) if ('error' in r) console.log(`  a window's call failed: ${r.error}`);
    // Each window refreshes at most twice (once more after seeing a rival's token): never a loop.
    assert.ok(refreshes >= 1 && refreshes <= 4, `${refreshes} refreshes`);
    assert.ok(signInsStarted <= 1, `${signInsStarted} sign-ins started`);
    // At least the window that won the rotation has a working token from the server.
    const issued = new Set((await server.control.issued()).map((t) => t.value));
    const tokens = results.flatMap((r) => ('token' in r ? [r.token] : []));
    assert.ok(tokens.length >= 1, 'no window ended with a session');
    for (const t of tokens) assert.ok(issued.has(t), 'a token the server never issued');
  });

  const WEB_SECRETS = 'VS Code web gives each window its own copy of SecretStorage (code-server 4.100.3): a window never sees another\'s writes until it reloads';

  it('both windows refreshing at once both keep a working session and neither is asked to sign in', { todo: WEB_SECRETS }, () => {
    assert.ok(race, 'the race did not run');
    assert.deepEqual(race.outcomes, ['session', 'session']);
    assert.equal(race.signInsStarted, 0);
  });

  it('a sign-out in one window shows in the other once it reloads', async () => {
    await bothHoldOneFreshSignIn();
    assert.deepEqual(await win(1).consumer.getAccounts(), [{ id: alice.sub, label: alice.email }]);

    const signIns = (await server.control.counts()).deviceAuthorization;
    await persisted(() => win(0).consumer.command('shopify.signOut'));
    assert.deepEqual(await win(0).consumer.getAccounts(), []);
    listedLive = await win(1).consumer.getAccounts();
    windows[1] = await reload(1);
    assert.deepEqual(await win(1).consumer.getAccounts(), []);
    assert.equal(await win(1).consumer.getSession(['partners'], { silent: true }), undefined);
    // Signed out is signed out: nothing started a new sign-in on its own.
    assert.equal((await server.control.counts()).deviceAuthorization, signIns);
    for (const w of windows) await notifications(w);
  });

  it('a sign-out in one window shows in the other at once, without a reload', { todo: WEB_SECRETS }, () => {
    assert.deepEqual(listedLive, []);
  });

  /** What window 0 lists after it signed out and window 1, still holding the account, wrote. */
  let afterStaleWrite: unknown;

  it('a window that still holds a signed-out account and writes: the sign-out is undone or kept', async () => {
    await bothHoldOneFreshSignIn();
    await persisted(() => win(0).consumer.command('shopify.signOut'));
    // Window 1 never heard of the sign-out; a Storefront token makes it write what it holds.
    const storefront = await persisted(() => allowingConsent(win(1).page, win(1).consumer.session<string>('ensureAuthenticatedStorefront')));
    assert.ok((await server.control.issued()).some((t) => t.value === storefront), 'window 1 got no Storefront token from the server');
    windows[0] = await reload(0);
    afterStaleWrite = await win(0).consumer.getAccounts();
    console.log(`after a stale window wrote, the signed-out window lists ${JSON.stringify(afterStaleWrite).length > 2 ? 'the account again' : 'no account'}`);
  });

  it('a sign-out stays signed out when another window writes what it held', { todo: WEB_SECRETS }, () => {
    assert.deepEqual(afterStaleWrite, []);
  });

  it('an app secret stored through "Shopify: Manage App Secrets" is confirmed by fingerprint only', async () => {
    await ui().runCommand('Shopify: Manage App Secrets');
    await ui().quickPickPick(/Add a client secret/);
    await ui().quickInputType(APP_CLIENT_ID, { prompt: /client id/ });
    await persisted(() => ui().quickInputType(APP_SECRET, { prompt: /client secret/ }));
    const confirmation = await ui().waitForNotification(`Client secret for ${APP_CLIENT_ID} stored`, { timeoutMs: 60_000 });
    read.push(confirmation);
    assert.ok(!confirmation.includes(APP_SECRET));
  });

  it('leak scan: no issued token appears in anything the editor or browser wrote, or in any notification', async () => {
    const e = editor ?? assert.fail('no editor');
    // Let the editor flush its logs and state before reading them.
    await ui().runCommand('Shopify: Show Log');
    await sleep(3000);
    const tokens = [
      ...(await server.control.issued()).map((t) => ({ kind: `issued ${t.kind} token`, value: t.value })),
      { kind: 'app secret', value: APP_SECRET },
    ];
    assert.ok(tokens.some((t) => t.kind === 'issued refresh token'), 'the run issued no refresh token to look for');
    const workspace = path.join(path.dirname(e.userDataDir), 'workspace');
    const roots = [e.userDataDir, e.extensionsDir, workspace, e.outputFile, ui().profileDir];
    const scan = scanForSecrets(roots, tokens);
    const shown = textHits(read, tokens);
    const logFiles = scan.hits.length === 0 ? 'none' : scan.hits.map((h) => `${path.relative(path.dirname(e.userDataDir), h.file)} (${h.kind})`).join('\n');
    console.log(`leak scan: ${scan.filesScanned} files (${scan.bytesScanned} bytes), ${scan.secretsSearched} tokens and secrets searched, ${scan.hits.length} hits in files, ${read.length} notification texts read, ${shown} hits in notifications`);
    assert.equal(scan.hits.length, 0, logFiles);
    assert.equal(shown, 0);
    assert.ok(scan.filesScanned > 50, `only ${scan.filesScanned} files scanned`);
    // The extension's own output channel is among them, and it did log this run's sign-ins.
    assert.ok(scan.files.some((f) => /Shopify/.test(path.basename(f)) && f.startsWith(e.logsDir)), 'the Shopify log file was not scanned');
  });
});
