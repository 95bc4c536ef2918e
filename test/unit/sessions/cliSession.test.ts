import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CliSession } from '../../../src/shopify/sessions/cliSession';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import type { SignInUi } from '../../../src/shopify/sessions/manager';
import type { IdentityServer } from '../../identity-server/types';
import { alice } from '../../identity-server/users';
import { approvingUi, identityServer, MemorySlot, window, resetServer } from '../support/fixture';

describe('the exported API mirrors the Shopify CLI session module', () => {
  let server: IdentityServer;
  let signIns: number;
  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(async () => {
    await resetServer(server);
    signIns = 0;
  });

  function cli(env: Record<string, string> = {}, slot = new MemorySlot()): CliSession {
    const { manager } = window(server, slot, env);
    return new CliSession(manager, <T>(work: (ui: SignInUi) => Promise<T>) => {
      signIns++;
      return work(approvingUi(server));
    });
  }

  const issued = async (token: string) => (await server.control.issued()).find((t) => t.value === token);

  test('ensureAuthenticatedPartners and ensureAuthenticatedStorefront sign in once, then reuse', async () => {
    const api = cli();
    const partners = await api.ensureAuthenticatedPartners();
    assert.equal(partners.userId, alice.sub);
    assert.equal((await issued(partners.token))?.api, 'partners');
    const storefront = await api.ensureAuthenticatedStorefront();
    assert.equal((await issued(storefront))?.api, 'storefront-renderer');
    assert.equal(await api.ensureAuthenticatedStorefront(), storefront);
    assert.equal(signIns, 1);
    assert.equal((await server.control.counts()).deviceAuthorization, 1);
  });

  test('ensureAuthenticatedAdmin: a given store becomes the active store; later calls without one use it', async () => {
    const api = cli();
    const one = await api.ensureAuthenticatedAdmin('Shop-One');
    assert.equal(one.storeFqdn, 'shop-one.myshopify.com');
    assert.equal((await issued(one.token))?.store, 'shop-one.myshopify.com');
    const again = await api.ensureAuthenticatedAdmin();
    assert.deepEqual(again, one);
  });

  test('ensureAuthenticatedAdmin with no store and no active store says what to do', async () => {
    await assert.rejects(cli().ensureAuthenticatedAdmin(), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'no-store' && /Select Active Store/.test(e.message));
    assert.equal(signIns, 0);
  });

  test('ensureAuthenticated mints exactly the APIs asked for, with one sign-in covering every extra scope', async () => {
    const api = cli();
    const session = await api.ensureAuthenticated({
      adminApi: { storeFqdn: 'shop-two', scopes: ['themes'] },
      partnersApi: { scopes: [] },
      storefrontRendererApi: { scopes: ['https://api.shopify.com/auth/shop.storefront-renderer.extra'] },
    });
    assert.equal(session.userId, alice.sub);
    assert.equal(session.admin?.storeFqdn, 'shop-two.myshopify.com');
    assert.equal((await issued(session.admin?.token ?? ''))?.api, 'admin');
    assert.equal((await issued(session.partners ?? ''))?.api, 'partners');
    const storefront = await issued(session.storefront ?? '');
    assert.ok(storefront?.scopes.includes('https://api.shopify.com/auth/shop.storefront-renderer.extra'));
    const counts = await server.control.counts();
    assert.equal(counts.deviceAuthorization, 1);
    assert.equal(counts.exchange.total, 3);
    assert.equal(signIns, 1);
  });

  test('with an automation token in the environment, Partners needs no sign-in at all', async () => {
    const api = cli({ SHOPIFY_APP_AUTOMATION_TOKEN: 'atkn_automation_test_0123456789abcdef' });
    const partners = await api.ensureAuthenticatedPartners(['graphql']);
    assert.equal(partners.userId, 'environment');
    assert.equal((await issued(partners.token))?.sub, 'automation');
    assert.equal(signIns, 0);
  });

  test('bad scopes reject with the grammar', async () => {
    await assert.rejects(cli().ensureAuthenticatedPartners(['not a scope']), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'bad-scopes');
  });
});
