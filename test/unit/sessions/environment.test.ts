import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readEnvironment } from '../../../src/shopify/sessions/environment';

describe('environment variables', () => {
  test('SHOPIFY_APP_AUTOMATION_TOKEN wins over SHOPIFY_CLI_PARTNERS_TOKEN', () => {
    const env = readEnvironment({ SHOPIFY_APP_AUTOMATION_TOKEN: ' tok-a ', SHOPIFY_CLI_PARTNERS_TOKEN: 'tok-b' });
    assert.deepEqual(env.automationToken, { variable: 'SHOPIFY_APP_AUTOMATION_TOKEN', value: 'tok-a' });
  });

  test('SHOPIFY_CLI_PARTNERS_TOKEN alone is used', () => {
    assert.equal(readEnvironment({ SHOPIFY_CLI_PARTNERS_TOKEN: 'tok-b' }).automationToken?.variable, 'SHOPIFY_CLI_PARTNERS_TOKEN');
  });

  test('empty, whitespace, spaced and very long tokens are refused with a message that never echoes them', () => {
    const long = 'x'.repeat(5000);
    for (const value of ['   ', 'two words', long]) {
      const env = readEnvironment({ SHOPIFY_APP_AUTOMATION_TOKEN: value });
      assert.equal(env.automationToken, undefined);
      assert.equal(env.problems.length, 1);
      assert.match(env.problems[0]?.message ?? '', /SHOPIFY_APP_AUTOMATION_TOKEN/);
      assert.ok(!(env.problems[0]?.message ?? '').includes(value.trim()) || value.trim() === '');
    }
    assert.deepEqual(readEnvironment({ SHOPIFY_APP_AUTOMATION_TOKEN: '' }).problems, []);
  });

  test('SHOPIFY_FLAG_STORE is normalised, or reported when unusable', () => {
    assert.equal(readEnvironment({ SHOPIFY_FLAG_STORE: 'My-Shop' }).store, 'my-shop.myshopify.com');
    const bad = readEnvironment({ SHOPIFY_FLAG_STORE: 'shop:99' });
    assert.equal(bad.store, undefined);
    assert.match(bad.problems[0]?.message ?? '', /SHOPIFY_FLAG_STORE is ignored/);
  });
});
