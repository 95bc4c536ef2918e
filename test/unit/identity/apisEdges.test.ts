// Shopify's APIs as callers meet them: the names in messages, which APIs an automation token serves, the
// short scope names a scope list may use, and the one scope that is not a URL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APIS, API_NAMES, automationScopes, identityScopes, SCOPE_PREFIX, scopeUrl, type ApiName } from '../../../src/shopify/identity/apis';
import { Coalescer } from '../../../src/shopify/common/coalesce';
import { AutomationTokens } from '../../../src/shopify/sessions/automationTokens';
import { parseScopes } from '../../../src/shopify/sessions/scopes';
import type { ShopifySession } from '../../../src/shopify/sessions/sessions';

describe('Shopify APIs at their edges', () => {
  test('each API has the name users know it by', () => {
    const titles = Object.fromEntries(API_NAMES.map((api) => [api, APIS[api].title]));
    assert.deepEqual(titles, {
      admin: 'Admin API',
      'storefront-renderer': 'Storefront API',
      partners: 'Partners API',
      'business-platform': 'Business Platform API',
      'app-management': 'App Management API',
    });
  });

  test('an automation token serves Partners, Business Platform and App Management, never Admin or Storefront', () => {
    const tokens = new AutomationTokens({
      environment: { automationToken: { variable: 'SHOPIFY_APP_AUTOMATION_TOKEN', value: 'automation-token-value-for-tests' }, problems: [] },
      client: () => assert.fail('no token is minted here'),
      log: { info: () => undefined, warn: () => undefined },
      now: () => 0,
      mints: new Coalescer<ShopifySession>(),
      emit: () => undefined,
    });
    const served = Object.fromEntries(API_NAMES.map((api) => [api, tokens.serves(api, undefined)]));
    assert.deepEqual(served, { admin: false, 'storefront-renderer': false, partners: true, 'business-platform': true, 'app-management': true });
  });

  test('an automation token cannot be exchanged for an Admin token, and the error names the API', () => {
    assert.throws(() => automationScopes('admin'), { message: 'admin tokens cannot come from an automation token' });
    assert.deepEqual(automationScopes('partners'), [`${SCOPE_PREFIX}partners.app.cli.access`]);
  });

  const aliases: Array<[ApiName | 'storefront', string, string]> = [
    ['partners', 'graphql', 'shop.admin.graphql'],
    ['storefront', 'themes', 'shop.admin.themes'],
    ['storefront', 'collaborator-relationships', 'partners.collaborator-relationships.readonly'],
    ['admin', 'devtools', 'shop.storefront-renderer.devtools'],
    ['admin', 'cli-access', 'partners.app.cli.access'],
    ['admin', 'destinations', 'destinations.readonly'],
    ['admin', 'store-management', 'organization.store-management'],
    ['admin', 'on-demand-user-access', 'organization.on-demand-user-access'],
    ['admin', 'apps-manage', 'organization.apps.manage'],
  ];
  for (const [api, alias, scope] of aliases) {
    test(`the short name "${alias}" in a scope list asks for ${scope}`, () => {
      assert.deepEqual(parseScopes([api, alias]).extraScopes, [`${SCOPE_PREFIX}${scope}`]);
    });
  }

  test('openid stays openid; every other scope name becomes a URL', () => {
    assert.equal(scopeUrl('openid'), 'openid');
    assert.equal(scopeUrl('shop.admin.graphql'), `${SCOPE_PREFIX}shop.admin.graphql`);
    assert.equal(scopeUrl(''), SCOPE_PREFIX);
    assert.equal(identityScopes().filter((s) => !s.startsWith(SCOPE_PREFIX)).join(' '), 'openid');
  });
});
