// Trust, in the real editor: VS Code's consent decides which extensions get a Shopify token, and the
// extension works in Restricted Mode. Workspace trust is on and the folder is not trusted for the whole
// file; the test consumer asks through the session library (packages/session), as another extension would.
// Run alone: node scripts/run-tests.mjs --test-concurrency=1 test/editor/trust.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IssuedToken } from '../identity-server/types.ts';
import { alice } from '../identity-server/users.ts';
import type { Workbench } from './harness/browser.ts';
import { CONSENT } from './harness/consent.ts';
import { ConsumerCallError, type Consumer } from './harness/consumer.ts';
import { pollUntil } from './harness/net.ts';
import { openTrustedExtensions, untrust } from './harness/trustedExtensions.ts';
import { startRealExtension, type RealExtension } from './support/realExtension.ts';

const ACCOUNT = `${alice.email} (Shopify)`;
const CONSUMER = 'Shopify Auth Test Consumer';

interface PartnersSession {
  token: string;
  userId: string;
}

function settled<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe('trust: consent for every token, and Restricted Mode', { timeout: 600_000 }, () => {
  let env: RealExtension | undefined;
  const real = (): RealExtension => env ?? assert.fail('the editor did not start');
  const ui = (): Workbench => real().wb;
  const consumer = (): Consumer => real().consumer;

  async function issuedRecord(token: string | undefined): Promise<IssuedToken> {
    assert.ok(token, 'no token was returned');
    const record = (await real().server.control.issued()).find((t) => t.value === token);
    return record ?? assert.fail('the token was not issued by the identity server');
  }

  before(async () => {
    env = await startRealExtension({
      // Trust on, and no startup question: the folder opens untrusted, in Restricted Mode.
      settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' },
    });
  });

  after(async () => {
    await env?.stop();
  });

  it('the folder is in Restricted Mode, and signing in works there', async () => {
    assert.equal((await consumer().health()).trusted, false, 'the workspace should be untrusted');
    const { server } = real();
    await ui().runCommand('Shopify: Sign In');
    const code = await pollUntil('a pending device code', async () => (await server.control.pending()).find((c) => c.status === 'pending')?.userCode, {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    await server.control.approve(code, 'alice');
    await ui().waitForNotification(`Signed in to Shopify as ${alice.email}.`, { timeoutMs: 60_000 });
    assert.deepEqual(await consumer().getAccounts(), [{ id: alice.sub, label: alice.email }]);
    await ui().screenshot('trust-01-signed-in-restricted');
  });

  it("the extension's exports hand out no token: only decode and verify", async () => {
    for (const method of ['ensureAuthenticatedPartners', 'ensureAuthenticatedAdmin', 'ensureAuthenticatedStorefront', 'ensureAuthenticated']) {
      const outcome = await settled(consumer().api(method, method === 'ensureAuthenticated' ? [{ partnersApi: {} }] : []));
      assert.ok(outcome.error instanceof ConsumerCallError, `${method} answered ${JSON.stringify(outcome.value)}`);
      assert.match(outcome.error.message, new RegExp(`has no method ${method}`));
    }
    assert.equal(await ui().dialog(), undefined);
  });

  it('another extension running the Copy commands gets no token on the clipboard: the person is asked in a modal dialog first', async () => {
    const { server } = real();
    await ui().page.bringToFront();
    await ui().page.evaluate(() => navigator.clipboard.writeText('what the person copied'));
    for (const [id, what] of [
      ['shopify.copyPartnersToken', 'Copy a Partners API token to the clipboard?'],
      ['shopify.copyStorefrontToken', 'Copy a Storefront API token to the clipboard?'],
    ] as const) {
      const before = (await server.control.counts()).exchange.total;
      const run = settled(consumer().command(id));
      const dialog = await ui().waitForDialog(what);
      assert.deepEqual(dialog.buttons.filter((b) => b !== 'Cancel'), ['Copy Token'], JSON.stringify(dialog));
      await ui().clickDialogButton('Cancel');
      await run;
      assert.equal(await ui().readClipboard(), 'what the person copied', `${id} put something on the clipboard`);
      assert.equal((await server.control.counts()).exchange.total, before, `${id} exchanged a token nobody agreed to copy`);
    }
    await ui().screenshot('trust-02-copy-asks');
  });

  it('the first token asked for through the library raises the consent dialog; Cancel gives no token and a clear error', async () => {
    const refused = settled(consumer().session<PartnersSession>('ensureAuthenticatedPartners'));
    const dialog = await ui().waitForDialog(CONSENT);
    assert.match(`${dialog.message} ${dialog.detail}`, new RegExp(CONSUMER));
    await ui().screenshot('trust-02-consent');
    await ui().clickDialogButton('Cancel');
    const outcome = await refused;
    assert.ok(outcome.error instanceof ConsumerCallError, `expected a refusal, got ${JSON.stringify(outcome.value)}`);
    assert.equal(outcome.error.code, 'consent-refused');
    assert.match(outcome.error.message, /No Partners API token was issued: access to your Shopify account was not allowed/);
    assert.match(outcome.error.message, /choose Allow/);
  });

  it('Allow gives it the server\'s token, and it is then listed under Manage Trusted Extensions', async () => {
    const pending = consumer().session<PartnersSession>('ensureAuthenticatedPartners');
    await ui().waitForDialog(CONSENT);
    await ui().clickDialogButton('Allow');
    // Several accounts are possible, so VS Code asks which one; alice's is the only one.
    await ui().quickPickPick(alice.email);
    const partners = await pending;
    const record = await issuedRecord(partners.token);
    assert.deepEqual([record.api, record.sub, partners.userId], ['partners', alice.sub, alice.sub]);
    // Allowed now: the next call shows nothing and gets the same token.
    assert.equal((await consumer().session<PartnersSession>('ensureAuthenticatedPartners', [], { silent: true })).token, partners.token);

    const rows = await openTrustedExtensions(ui().page, ACCOUNT, 30_000);
    await ui().screenshot('trust-03-manage-trusted-extensions');
    assert.deepEqual(rows.find((r) => r.label === CONSUMER), { label: CONSUMER, checked: true }, `rows: ${JSON.stringify(rows)}`);
  });

  it('removing it under Manage Trusted Extensions makes the next silent call return nothing', async () => {
    await untrust(ui().page, CONSUMER, 30_000);
    await pollUntil('the silent call to come back empty', async () => ((await consumer().getSession(['partners'], { silent: true })) === undefined ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 500,
    });
    const outcome = await settled(consumer().session<PartnersSession>('ensureAuthenticatedPartners', [], { silent: true }));
    assert.ok(outcome.error instanceof ConsumerCallError, `expected no token, got ${JSON.stringify(outcome.value)}`);
    assert.equal(outcome.error.code, 'no-session');
    assert.equal(await ui().dialog(), undefined, 'a silent call showed a dialog');
  });

  it('signs out in Restricted Mode from the Accounts menu', async () => {
    await ui().clickAccountsMenuItem(ACCOUNT, 'Sign Out');
    // VS Code names the extensions that used the account before it signs out.
    const dialog = await ui().waitForDialog(alice.email);
    assert.match(`${dialog.message} ${dialog.detail}`, new RegExp(`Sign out of '${alice.email}'|has been used by: ${CONSUMER}`));
    await ui().clickDialogButton('Sign Out');
    await pollUntil('the account to go', async () => ((await consumer().getAccounts()).length === 0 ? true : undefined), { timeoutMs: 30_000, intervalMs: 500 });
    assert.equal((await consumer().health()).trusted, false, 'the workspace stayed untrusted throughout');
  });
});
