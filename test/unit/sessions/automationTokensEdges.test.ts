import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Coalescer } from '../../../src/shopify/common/coalesce';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { AutomationTokens } from '../../../src/shopify/sessions/automationTokens';
import { readEnvironment } from '../../../src/shopify/sessions/environment';
import type { ShopifySession } from '../../../src/shopify/sessions/sessions';
import type { IdentityServer } from '../../identity-server/types';
import { alice, AUTOMATION_SUB, DEFAULT_AUTOMATION_TOKENS } from '../../identity-server/users';
import { approvingUi, client, identityServer, MemorySlot, resetServer, window } from '../support/fixture';

const AUTOMATION = DEFAULT_AUTOMATION_TOKENS[0] as string;
const ENV = { SHOPIFY_APP_AUTOMATION_TOKEN: AUTOMATION };

function isAuthError(e: unknown, code: string): boolean {
  return e instanceof ShopifyAuthError && e.code === code;
}

describe('tokens from an automation token: ids, who asks, what is said, what a refusal means', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(() => resetServer(server));

  test('a token from the environment is the session environment/<api> of the account "environment", labelled with the variable', async () => {
    const { manager } = window(server, new MemorySlot(), ENV);
    const [session] = await manager.getSessions(manager.resolve(['partners']));
    assert.equal(session?.id, 'environment/partners');
    assert.deepEqual(session?.account, { id: 'environment', label: 'SHOPIFY_APP_AUTOMATION_TOKEN' });
    assert.deepEqual(manager.allSessions().map((s) => s.id), ['environment/partners']);
    await manager.removeSession('environment/partners');
    assert.deepEqual(manager.allSessions(), []);
  });

  test('with one variable set, the log says which is used and nothing about another being ignored', () => {
    const { logs } = window(server, new MemorySlot(), ENV);
    const line = logs.find((l) => l.includes('SHOPIFY_APP_AUTOMATION_TOKEN is used'));
    assert.ok(line, logs.join('\n'));
    assert.ok(line.endsWith('Partners, Business Platform and App Management tokens come from it, not from a signed-in account.'), line);
    assert.ok(!line.includes(AUTOMATION), 'the token itself was logged');
  });

  test('asking for the account "environment" gets the automation token', async () => {
    const { manager } = window(server, new MemorySlot(), ENV);
    const [session] = await manager.getSessions(manager.resolve(['partners']), { accountId: 'environment' });
    assert.equal(session?.account.id, 'environment');
    const issued = (await server.control.issued()).find((t) => t.value === session?.accessToken);
    assert.equal(issued?.sub, AUTOMATION_SUB);
  });

  test('asking for a signed-in account gets that account\'s token, not the automation token', async () => {
    const { manager } = window(server, new MemorySlot(), ENV);
    await manager.signIn(approvingUi(server));
    const [session] = await manager.getSessions(manager.resolve(['partners']), { accountId: alice.sub });
    assert.equal(session?.account.id, alice.sub);
    const issued = (await server.control.issued()).find((t) => t.value === session?.accessToken);
    assert.equal(issued?.sub, alice.sub);
  });

  test('no extra scopes: nothing is said about scopes; extra scopes: named once, space-separated', async () => {
    const { manager, logs } = window(server, new MemorySlot(), ENV);
    await manager.getSessions({ api: 'partners', extraScopes: [] });
    assert.ok(!logs.some((l) => l.includes('Extra scopes')), logs.join('\n'));
    await manager.getSessions({ api: 'partners', extraScopes: ['scope-a', 'scope-b'] });
    await manager.getSessions({ api: 'business-platform', extraScopes: ['scope-c'] });
    const noted = logs.filter((l) => l.includes('Extra scopes'));
    assert.deepEqual(noted, [
      'warn Extra scopes (scope-a scope-b) are ignored for tokens from SHOPIFY_APP_AUTOMATION_TOKEN: that token carries its own scopes.',
    ]);
  });

  test('tokens for two APIs asked at once are both issued, each for its own API', async () => {
    const { manager } = window(server, new MemorySlot(), ENV);
    const [partners, platform] = await Promise.all([
      manager.getSessions(manager.resolve(['partners'])),
      manager.getSessions(manager.resolve(['business-platform'])),
    ]);
    assert.equal(partners?.[0]?.kind, 'partners');
    assert.equal(platform?.[0]?.kind, 'business-platform');
    const counts = await server.control.counts();
    assert.equal(counts.exchange.partners, 1);
    assert.equal(counts.exchange['business-platform'], 1);
  });

  test('called without an automation token in the environment, it says none could be made from the environment', async () => {
    const tokens = new AutomationTokens({
      environment: readEnvironment({}),
      client: () => client(server),
      log: { info: () => undefined, warn: () => undefined },
      now: Date.now,
      mints: new Coalescer<ShopifySession>(),
      emit: () => undefined,
    });
    await assert.rejects(tokens.session('partners', []), (e: unknown) => {
      assert.ok(isAuthError(e, 'automation-token'));
      assert.equal((e as Error).message, 'No Partners API token could be made from the environment.');
      return true;
    });
    assert.equal((await server.control.counts()).exchange.total, 0);
  });

  for (const [error, status] of [
    ['invalid_request', 400],
    ['invalid_scope', 400],
    ['unauthorized_client', 400],
  ] as const) {
    test(`an exchange answered ${error}: the automation token is refused, with what to do about it`, async () => {
      const { manager } = window(server, new MemorySlot(), ENV);
      await server.control.addFaults([{ on: 'exchange', status, error }]);
      await assert.rejects(manager.getSessions(manager.resolve(['partners'])), (e: unknown) => {
        assert.ok(isAuthError(e, 'automation-token'), String(e));
        assert.match((e as Error).message, /^Shopify refused the token in SHOPIFY_APP_AUTOMATION_TOKEN for the Partners API/);
        return true;
      });
    });
  }

  test('an exchange refused for another reason (invalid_target) is not blamed on the automation token', async () => {
    const { manager } = window(server, new MemorySlot(), ENV);
    await server.control.addFaults([{ on: 'exchange', status: 400, error: 'invalid_target' }]);
    await assert.rejects(manager.getSessions(manager.resolve(['partners'])), (e: unknown) => isAuthError(e, 'store-access'));
  });
});
