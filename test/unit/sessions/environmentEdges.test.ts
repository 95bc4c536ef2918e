// The environment variables at their edges: which variable wins, which is reported as ignored, the length limit,
// and the sentence each problem gets. Token values are never echoed, so messages are checked for their wording only.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readEnvironment } from '../../../src/shopify/sessions/environment';

const FIRST = 'SHOPIFY_APP_AUTOMATION_TOKEN';
const SECOND = 'SHOPIFY_CLI_PARTNERS_TOKEN';

describe('environment variables at the edges', () => {
  test('with both tokens set, the second is reported as ignored', () => {
    const env = readEnvironment({ [FIRST]: 'tok-a', [SECOND]: 'tok-b' });
    assert.deepEqual(env.automationToken, { variable: FIRST, value: 'tok-a' });
    assert.equal(env.ignoredVariable, SECOND);
    assert.deepEqual(env.problems, []);
  });

  test('SHOPIFY_CLI_PARTNERS_TOKEN alone ignores nothing', () => {
    const env = readEnvironment({ [SECOND]: 'tok-b' });
    assert.deepEqual(env.automationToken, { variable: SECOND, value: 'tok-b' });
    assert.equal(env.ignoredVariable, undefined);
  });

  test('a second token that is empty or only whitespace is not "ignored": there is nothing to ignore', () => {
    for (const second of ['', '   ']) {
      const env = readEnvironment({ [FIRST]: 'tok-a', [SECOND]: second });
      assert.equal(env.automationToken?.value, 'tok-a');
      assert.equal(env.ignoredVariable, undefined, JSON.stringify(second));
    }
  });

  test('an empty first token turns automation off, and says the second is ignored too', () => {
    const env = readEnvironment({ [FIRST]: '', [SECOND]: 'tok-b' });
    assert.equal(env.automationToken, undefined);
    assert.equal(env.ignoredVariable, undefined);
    assert.equal(env.problems.length, 1);
    assert.equal(env.problems[0]?.variable, FIRST);
    assert.equal(
      env.problems[0]?.message,
      `${FIRST} is set but empty, so no automation token is used and ${SECOND} is ignored too, as the Shopify CLI does. Unset ${FIRST} to use ${SECOND}.`,
    );
  });

  test('no variables at all: no token and no problem', () => {
    assert.deepEqual(readEnvironment({}), { problems: [] });
  });

  test('4096 characters are a token; 4097 are refused with their length', () => {
    const limit = 'x'.repeat(4096);
    assert.equal(readEnvironment({ [FIRST]: limit }).automationToken?.value, limit);
    const env = readEnvironment({ [FIRST]: 'x'.repeat(4097) });
    assert.equal(env.automationToken, undefined);
    assert.equal(env.problems[0]?.message, `${FIRST} does not look like a token (4097 characters), so it is ignored. Copy the token again from the Partners Dashboard.`);
  });

  test('a token with spaces is refused for its spaces, not its length, even at 4096 characters', () => {
    for (const value of ['two words', `${'x'.repeat(2047)} ${'x'.repeat(2048)}`]) {
      const env = readEnvironment({ [SECOND]: value });
      assert.equal(env.problems[0]?.message, `${SECOND} does not look like a token (it contains spaces), so it is ignored. Copy the token again from the Partners Dashboard.`);
    }
  });

  test('a refused first token names the second one as ignored as well', () => {
    const long = readEnvironment({ [FIRST]: 'x'.repeat(5000), [SECOND]: 'tok-b' });
    assert.equal(long.automationToken, undefined);
    assert.equal(
      long.problems[0]?.message,
      `${FIRST} does not look like a token (5000 characters), so it is ignored, and so is ${SECOND}. Copy the token again from the Partners Dashboard.`,
    );
    const spaced = readEnvironment({ [FIRST]: 'two words', [SECOND]: 'tok-b' });
    assert.equal(
      spaced.problems[0]?.message,
      `${FIRST} does not look like a token (it contains spaces), so it is ignored, and so is ${SECOND}. Copy the token again from the Partners Dashboard.`,
    );
  });

  test('SHOPIFY_FLAG_STORE of only whitespace counts as unset, not as a bad store', () => {
    assert.deepEqual(readEnvironment({ SHOPIFY_FLAG_STORE: '   ' }), { problems: [] });
  });

  test('a bad SHOPIFY_FLAG_STORE is reported against that variable', () => {
    const env = readEnvironment({ SHOPIFY_FLAG_STORE: 'shop:99' });
    assert.equal(env.problems[0]?.variable, 'SHOPIFY_FLAG_STORE');
  });
});
