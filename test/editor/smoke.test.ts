// Proves the end-to-end harness against the real editor, with a stand-in extension
// (test/editor/fixtures/stand-in-extension) so it does not depend on the product's state:
// every Workbench helper and every consumer endpoint is exercised once.
// Run alone: node --import tsx --test test/editor/smoke.test.ts
// Needs: scripts/install-test-editor.sh
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openWorkbench, type Workbench } from './harness/browser.ts';
import { ConsumerCallError, consumerClient, type Consumer } from './harness/consumer.ts';
import { startEditor, type Editor, type EditorOptions } from './harness/editor.ts';
import { freePort } from './harness/net.ts';
import { CONSUMER_EXTENSION_DIR } from './harness/paths.ts';
import { packageExtension } from './harness/vsix.ts';

const STAND_IN = path.join(__dirname, 'fixtures/stand-in-extension');
const ACCOUNT = 'stand-in@example.com (Shopify)';

/**
 * Observes a call that waits on UI without leaving a rejection unhandled while the test
 * clicks (node:test would charge it to the test as an unhandled rejection).
 */
function settled<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** A one-page HTTP server on a loopback address, for openExternal to open. */
async function serveOnce(host: string, body: string): Promise<{ url: string; close(): void }> {
  const server = http.createServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}/`, close: () => server.close() };
}

describe('editor harness smoke', { timeout: 300_000 }, () => {
  let editor: Editor | undefined;
  let wb: Workbench | undefined;
  let consumer: Consumer;
  let startOptions: EditorOptions;

  // Non-null accessors: `before` sets these, and every test below needs them.
  const ui = (): Workbench => wb ?? assert.fail('workbench did not open');

  before(async () => {
    const consumerPort = await freePort();
    startOptions = {
      vsix: packageExtension(STAND_IN),
      extraExtensionDirs: [CONSUMER_EXTENSION_DIR],
      env: { CONSUMER_PORT: String(consumerPort) },
    };
    editor = await startEditor(startOptions);
    wb = await openWorkbench(editor);
    consumer = consumerClient(consumerPort);
    await consumer.waitUntilReady();
  });

  after(async () => {
    await wb?.close();
    await editor?.stop();
  });

  it('runs the real VS Code and the consumer answers', async () => {
    const h = await consumer.health();
    assert.equal(h.vscodeVersion, '1.100.3');
    assert.deepEqual(await consumer.api('ping', [7]), { pong: 7 });
    await ui().screenshot('smoke-01-workbench');
  });

  it('runs a palette command, reads its notification, clicks its button, reads the clipboard', async () => {
    await ui().runCommand('Stand-in: Say Hello');
    assert.equal(await ui().waitForNotification('Hello from the stand-in'), 'Hello from the stand-in');
    assert.ok((await ui().notifications()).includes('Hello from the stand-in'));
    await ui().screenshot('smoke-02-notification');
    await ui().clickNotificationButton('Copy Greeting');
    await ui().waitForNotification('Greeting copied');
    assert.equal(await ui().readClipboard(), 'greeting-from-stand-in');
  });

  it('picks from a quick pick and types into an input box', async () => {
    await ui().runCommand('Stand-in: Pick and Type');
    await ui().quickPickPick('Beta');
    await ui().quickInputType('Ada', { prompt: 'Type a name' });
    await ui().waitForNotification('Picked Beta, typed Ada');
  });

  it('signs in from the Accounts menu and sees the account', async () => {
    assert.equal(await consumer.getSession(['admin']), undefined); // asks, so the menu offers sign-in
    const before = (await consumer.events()).count;
    const items = await ui().openAccountsMenu();
    assert.ok(items.some((i) => i.startsWith('Sign in with Shopify')), `menu: ${JSON.stringify(items)}`);
    await ui().screenshot('smoke-03-accounts-menu');
    await ui().clickAccountsMenuItem('Sign in with Shopify');
    assert.deepEqual(await consumer.getAccounts(), [{ id: 'stand-in', label: 'stand-in@example.com' }]);
    assert.ok((await consumer.events()).count > before, 'onDidChangeSessions fired');
    assert.ok((await ui().openAccountsMenu()).includes(ACCOUNT));
  });

  it('signs out from the Accounts menu through its confirmation dialog', async () => {
    await ui().clickAccountsMenuItem(ACCOUNT, 'Sign Out');
    const d = await ui().waitForDialog("Sign out of 'stand-in@example.com'?");
    assert.deepEqual(d.buttons.slice().sort(), ['Cancel', 'Sign Out']);
    await ui().clickDialogButton('Sign Out');
    assert.equal(await consumer.getSession(['admin'], { silent: true }), undefined);
  });

  it('answers the consent dialog with Allow, then with Cancel', async () => {
    const pending = consumer.getSession(['admin'], { createIfNone: true });
    const d = await ui().waitForDialog(/wants to sign in using Shopify/);
    assert.match(d.message + d.detail, /Shopify Auth Test Consumer/);
    await ui().screenshot('smoke-04-consent');
    await ui().clickDialogButton('Allow');
    const session = await pending;
    assert.equal(session?.accessToken, 'stand-in-token:admin');

    const refused = settled(consumer.getSession(['partners'], { createIfNone: true }));
    await ui().waitForDialog(/wants to sign in using Shopify/);
    await ui().clickDialogButton('Cancel');
    const outcome = await refused;
    assert.ok(outcome.error instanceof ConsumerCallError, `expected a rejection, got ${JSON.stringify(outcome)}`);
    assert.match(outcome.error.message, /did not consent/);
  });

  it('sees the tab that openExternal opens, at the URL it was given', async () => {
    // code-server 4.100.3 rewrites http://localhost|127.0.0.1:<port>/... to its own
    // /proxy/<port>/ and drops the path and query (coder/code-server#7668). Any other
    // loopback address is opened as given, so tests serve pages on 127.0.0.2.
    const page = await serveOnce('127.0.0.2', 'approval page');
    const popupPromise = ui().waitForPopup();
    const opened = settled(consumer.command('standIn.openExternal', [`${page.url}approve?code=ABCD-EFGH`]));
    // Link protection asks first for any host but localhost, as it will for Shopify's.
    const ask = await ui().waitForDialog('Do you want code-server to open the external website?');
    assert.equal(ask.detail, `${page.url}approve?code=ABCD-EFGH`);
    await ui().screenshot('smoke-06-open-external');
    await ui().clickDialogButton('Open');
    const popup = await popupPromise;
    assert.deepEqual(await opened, { value: true });
    assert.equal(popup.url(), `${page.url}approve?code=ABCD-EFGH`);
    assert.equal(await popup.locator('body').innerText(), 'approval page');
    await popup.close();
    page.close();

    const rewritten = ui().waitForPopup();
    await consumer.command('standIn.openExternal', [`http://127.0.0.1:${consumer.port}/health?x=1`]);
    const proxied = await rewritten;
    assert.equal(proxied.url(), `${new URL(editor?.url ?? '').origin}/proxy/${consumer.port}/`);
    await proxied.close();
  });

  it('reloads the window and comes back with its secrets', async () => {
    const { instance } = await consumer.health();
    await ui().persistingSecrets(() => consumer.command('standIn.storeSecret', ['kept-across-reload']));
    await ui().reload();
    await consumer.waitUntilReady({ replacing: instance });
    assert.equal(await consumer.command('standIn.readSecret'), 'kept-across-reload');
    await ui().runCommand('Stand-in: Say Hello');
    await ui().waitForNotification('Hello from the stand-in');
    await ui().screenshot('smoke-05-after-reload');
  });

  it('restarts editor and browser on the same folders and keeps secrets', async () => {
    // VS Code web keeps secrets in the browser's storage for the editor's origin, encrypted
    // with a key the server keeps in its user-data-dir: a restart reuses all three.
    const { instance } = await consumer.health();
    await ui().persistingSecrets(() => consumer.command('standIn.storeSecret', ['kept-across-restart']));
    const profileDir = ui().profileDir;
    const { userDataDir, port } = editor ?? assert.fail('no editor');
    await wb?.close();
    await editor?.stop();
    wb = undefined;
    editor = await startEditor({ ...startOptions, userDataDir, port });
    wb = await openWorkbench(editor, { profileDir });
    await consumer.waitUntilReady({ replacing: instance });
    assert.equal(await consumer.command('standIn.readSecret'), 'kept-across-restart');
    await ui().screenshot('smoke-07-after-restart');
  });
});
