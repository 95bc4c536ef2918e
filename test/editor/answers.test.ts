// Answers phrased the way other server stacks phrase them, in the real editor with the real packaged
// extension: a sign-in and token copies against an identity server that answers like a Rails app
// (WWW-Authenticate on every OAuth error, including each authorization_pending poll), then one that
// lists granted scopes in another order and form.
// Run alone: npm run package --silent && node scripts/run-tests.mjs --test-concurrency=1 test/editor/answers.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { alice } from '../identity-server/users.ts';
import type { Workbench } from './harness/browser.ts';
import { pollUntil } from './harness/net.ts';
import { startRealExtension, type RealExtension } from './support/realExtension.ts';

const SHOP_ONE = 'shop-one.myshopify.com';

describe('answers in other legal phrasings, in the real editor', { timeout: 600_000 }, () => {
  let env: RealExtension | undefined;
  const real = (): RealExtension => env ?? assert.fail('the editor did not start');
  const ui = (): Workbench => real().wb;

  async function issuedRecord(token: string) {
    const record = (await real().server.control.issued()).find((t) => t.value === token);
    return record ?? assert.fail('the copied text is not a token the identity server issued');
  }

  before(async () => {
    env = await startRealExtension();
  });

  after(async () => {
    await env?.stop();
  });

  it('rails: "Copy Partners API Token" signs in through pending polls that carry WWW-Authenticate, and copies the token', async () => {
    const { server } = real();
    await server.control.configure({ answerStyle: 'rails' });
    const askedAt = Date.now();
    await ui().runCommand('Shopify: Copy Partners API Token');
    await ui().clickDialogButton('Copy Token');
    const code = await pollUntil(
      'the sign-in at the identity server',
      async () => (await server.control.pending()).find((c) => c.status === 'pending' && c.createdAt >= askedAt)?.userCode,
      { timeoutMs: 60_000 },
    );
    // At least one authorization_pending answer, with its WWW-Authenticate header, is read before the approval.
    await pollUntil('a pending poll', async () => ((await server.control.counts()).devicePoll >= 1 ? true : undefined), { timeoutMs: 60_000 });
    await server.control.approve(code, 'alice');
    await ui().waitForNotification('Partners API token copied, valid ', { timeoutMs: 60_000 });
    const copied = await ui().readClipboard();
    const record = await issuedRecord(copied);
    assert.deepEqual([record.api, record.sub], ['partners', alice.sub]);
    assert.deepEqual((await ui().notificationHistory()).filter((m) => /failed unexpectedly|not valid/.test(m)), []);
    await ui().screenshot('answers-01-rails-copied');
  });

  it('scopes: granted scopes listed reversed and by short names; the admin token is copied, then reused', async () => {
    const { server } = real();
    await server.control.configure({ answerStyle: 'scopes' });
    const exchangesBefore = (await server.control.counts()).exchange.admin;
    // No store known yet: the picker goes straight to typing one. Shopify is asked once whether it may be used.
    await ui().runCommand('Shopify: Select Active Store');
    await ui().quickInputType(SHOP_ONE, { submit: true });
    await ui().waitForNotification(`Active Shopify store: ${SHOP_ONE} (Shopify accepted it).`, { timeoutMs: 60_000 });

    await ui().runCommand('Shopify: Copy Admin API Token');
    await ui().quickPickPick(SHOP_ONE);
    await ui().clickDialogButton('Copy Token');
    await ui().waitForNotification('Admin API token copied, valid ', { timeoutMs: 60_000 });
    const first = await ui().readClipboard();
    assert.equal((await issuedRecord(first)).store, SHOP_ONE);

    // Empty the clipboard, so the second copy shows by the token coming back.
    await ui().page.bringToFront();
    await ui().page.evaluate(() => navigator.clipboard.writeText(''));
    await ui().runCommand('Shopify: Copy Admin API Token');
    await ui().quickPickPick(SHOP_ONE);
    await ui().clickDialogButton('Copy Token');
    await pollUntil('the second copy', async () => ((await ui().readClipboard()) === '' ? undefined : true), { timeoutMs: 60_000 });
    assert.equal(await ui().readClipboard(), first, 'the second copy is not the same token');
    assert.equal((await server.control.counts()).exchange.admin, exchangesBefore + 1, 'the admin token from the store check was exchanged again instead of reused');
    await ui().screenshot('answers-02-scopes-reused');
  });
});
