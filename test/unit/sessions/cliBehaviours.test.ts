import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { readEnvironment } from '../../../src/shopify/sessions/environment';
import type { ShopifySession } from '../../../src/shopify/sessions/sessions';
import type { IdentityServer } from '../../identity-server/types';
import { alice, AUTOMATION_SUB, DEFAULT_AUTOMATION_TOKENS } from '../../identity-server/users';
import { approvingUi, identityServer, MemorySlot, resetServer, window } from '../support/fixture';

const AUTOMATION = DEFAULT_AUTOMATION_TOKENS[0] as string;
const AUTH = 'https://api.shopify.com/auth/';

async function issuedTo(server: IdentityServer, session: ShopifySession | undefined) {
  return (await server.control.issued()).find((t) => t.value === session?.accessToken);
}

describe('where the Shopify CLI is right, we do as it does', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(() => resetServer(server));

  test('an automation token asks the CLI\'s scopes: Business Platform gets destinations.readonly only', async () => {
    const { manager } = window(server, new MemorySlot(), { SHOPIFY_APP_AUTOMATION_TOKEN: AUTOMATION });
    const expected = { 'business-platform': ['destinations.readonly'], partners: ['partners.app.cli.access'], 'app-management': ['organization.apps.manage'] } as const;
    for (const [word, scopes] of Object.entries(expected)) {
      const [session] = await manager.getSessions(manager.resolve([word]));
      const record = await issuedTo(server, session);
      assert.equal(record?.sub, AUTOMATION_SUB, `${word} did not come from the automation token`);
      assert.deepEqual(record?.scopes, scopes.map((s) => AUTH + s), `${word} asked the wrong scopes`);
    }
  });

  for (const error of ['invalid_request', 'invalid_grant']) {
    test(`an exchange answered ${error}: the session is refreshed and the exchange tried once more`, async () => {
      const { manager, logs } = window(server, new MemorySlot());
      await manager.signIn(approvingUi(server));
      await server.control.addFaults([{ on: 'exchange', error, errorDescription: 'invalid subject token' }]);
      const [session] = await manager.getSessions(manager.resolve(['partners']));
      assert.equal((await issuedTo(server, session))?.api, 'partners', 'no Partners token after the retry');
      const counts = await server.control.counts();
      assert.equal(counts.refresh, 1, 'the identity token was not refreshed although it looked fresh');
      assert.equal(counts.exchange.total, 2);
      assert.equal(counts.deviceAuthorization, 1, 'a new sign-in was asked for');
      assert.ok(logs.some((l) => /refused the session.*refreshing it and trying once more/.test(l)), logs.join('\n'));
    });
  }

  test('refused again after the refresh, silently: the session is dropped and nothing is handed out', async () => {
    const { manager, logs } = window(server, new MemorySlot());
    await manager.signIn(approvingUi(server));
    await server.control.addFaults([{ on: 'exchange', error: 'invalid_request', times: 2 }]);
    // Silent: nothing usable, and the account that Shopify no longer accepts is gone.
    assert.deepEqual(await manager.getSessions(manager.resolve(['partners'])), []);
    assert.deepEqual(manager.accounts, []);
    assert.ok(logs.some((l) => /ended \(session-unusable\); it was removed/.test(l)), logs.join('\n'));
  });

  test('refused again after the refresh, with a sign-in UI: the caller is signed in again and gets the token', async () => {
    const { manager } = window(server, new MemorySlot());
    await manager.signIn(approvingUi(server));
    await server.control.addFaults([{ on: 'exchange', error: 'invalid_request', times: 2 }]);
    const session = await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server));
    assert.equal(session.account.id, alice.sub);
    assert.equal((await issuedTo(server, session))?.api, 'partners');
    const counts = await server.control.counts();
    assert.equal(counts.deviceAuthorization, 2);
    assert.equal(counts.refresh, 1);
    assert.equal(counts.exchange.total, 3);
  });

  test('refused every time: after one new sign-in the caller is told why, once, and nothing is kept', async () => {
    const { manager } = window(server, new MemorySlot());
    await manager.signIn(approvingUi(server));
    await server.control.addFaults([{ on: 'exchange', error: 'invalid_request', times: -1 }]);
    await assert.rejects(manager.getOrCreate(manager.resolve(['partners']), approvingUi(server)), (e: unknown) => {
      assert.ok(e instanceof ShopifyAuthError, String(e));
      assert.equal(e.code, 'session-unusable');
      assert.match(e.message, /^Shopify no longer accepts this sign-in for the Partners API\. Sign in again \(alice@example\.com\)\.$/);
      return true;
    });
    assert.deepEqual(manager.accounts, []);
    const counts = await server.control.counts();
    assert.equal(counts.deviceAuthorization, 2, 'one new sign-in, not a loop');
    assert.equal(counts.refresh, 2);
  });

  test('an empty SHOPIFY_APP_AUTOMATION_TOKEN means none, and SHOPIFY_CLI_PARTNERS_TOKEN is not used behind it', async () => {
    const env = readEnvironment({ SHOPIFY_APP_AUTOMATION_TOKEN: '', SHOPIFY_CLI_PARTNERS_TOKEN: AUTOMATION });
    assert.equal(env.automationToken, undefined);
    assert.match(env.problems[0]?.message ?? '', /SHOPIFY_APP_AUTOMATION_TOKEN is set but empty.*SHOPIFY_CLI_PARTNERS_TOKEN is ignored.*Unset SHOPIFY_APP_AUTOMATION_TOKEN/);

    const { manager, logs } = window(server, new MemorySlot(), { SHOPIFY_APP_AUTOMATION_TOKEN: '', SHOPIFY_CLI_PARTNERS_TOKEN: AUTOMATION });
    assert.ok(logs.some((l) => l.startsWith('warn SHOPIFY_APP_AUTOMATION_TOKEN is set but empty')), logs.join('\n'));
    // Partners tokens come from a signed-in account, not from the other variable.
    const session = await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server));
    assert.equal((await issuedTo(server, session))?.sub, alice.sub);
  });

  test('the log names the variable used, and the one ignored', () => {
    const both = window(server, new MemorySlot(), { SHOPIFY_APP_AUTOMATION_TOKEN: AUTOMATION, SHOPIFY_CLI_PARTNERS_TOKEN: 'atkn_other_0123456789' });
    assert.ok(both.logs.some((l) => /SHOPIFY_APP_AUTOMATION_TOKEN is used .*SHOPIFY_CLI_PARTNERS_TOKEN is also set and is ignored/.test(l)), both.logs.join('\n'));
    const second = window(server, new MemorySlot(), { SHOPIFY_CLI_PARTNERS_TOKEN: AUTOMATION });
    assert.ok(second.logs.some((l) => /SHOPIFY_CLI_PARTNERS_TOKEN is used/.test(l)), second.logs.join('\n'));
    assert.ok(!second.logs.join('\n').includes(AUTOMATION), 'the token itself was logged');
  });
});
