// A server that quotes a secret back in its error_description: the error the caller gets, the
// notification and the log say what happened, shortly, with no token in them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseState } from '../../../src/shopify/storage/state';
import type { IdentityServer } from '../../identity-server/types';
import { alice } from '../../identity-server/users';
import { identityServer, window } from '../support/fixture';
import { BOUND, twoAccountsStored } from './support';

const LATE = () => Date.now() + 7200 * 1000;

describe('server text in messages', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(() => server.close());

  test('an error_description that echoes the refresh token is redacted and shortened everywhere it is quoted', BOUND, async () => {
    const { slot } = await twoAccountsStored(server);
    const account = parseState(slot.value).state.accounts.find((a) => a.id === alice.sub);
    assert.ok(account);
    const { refreshToken, accessToken } = account.identity;
    const echo = `refresh token ${refreshToken} (for ${accessToken}) is odd ${'and more detail '.repeat(100)}`;
    await server.control.addFaults([{ on: 'refresh', status: 400, error: 'unexpected_condition', errorDescription: echo }]);
    const w = window(server, slot, {}, LATE);
    const error = await w.manager.getSessions(w.manager.resolve(['partners']), { accountId: alice.sub }).then(
      () => assert.fail('the refresh should have failed'),
      (e: unknown) => e as Error,
    );
    assert.match(error.message, /unexpected_condition/);
    for (const text of [error.message, ...w.logs]) {
      assert.ok(!text.includes(refreshToken), `the refresh token is quoted: ${text.slice(0, 200)}`);
      assert.ok(!text.includes(accessToken), 'the access token is quoted');
    }
    assert.ok(error.message.length < 400, `the message is ${error.message.length} characters long`);
  });
});
