import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { parseState, STATE_KEY } from '../../../src/shopify/storage/state';
import type { ShopifySession } from '../../../src/shopify/sessions/sessions';
import type { IdentityServer } from '../../identity-server/types';
import { alice, bob } from '../../identity-server/users';
import { approvingUi, identityServer, MemorySlot, window, resetServer } from '../support/fixture';

const AUTOMATION = 'atkn_automation_test_0123456789abcdef';

async function issuedTo(server: IdentityServer, session: ShopifySession) {
  return (await server.control.issued()).find((t) => t.value === session.accessToken);
}

describe('session manager: only what was asked, per store, coalesced, persisted', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(() => resetServer(server));

  test('a Partners token needs one sign-in and one exchange, not five', async () => {
    const { manager } = window(server, new MemorySlot());
    const session = await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server));
    assert.equal(session.kind, 'partners');
    assert.equal(session.account.id, alice.sub);
    assert.equal(session.account.label, 'alice@example.com');
    assert.equal((await issuedTo(server, session))?.api, 'partners');
    const counts = await server.control.counts();
    assert.equal(counts.deviceAuthorization, 1);
    assert.equal(counts.exchange.total, 1);
    assert.equal(counts.exchange.partners, 1);
  });

  test('without an email in the id_token, the account is labelled with its sub', async () => {
    await server.control.configure({ idToken: 'no-email' });
    const { manager } = window(server, new MemorySlot());
    const session = await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server));
    assert.equal(session.account.id, alice.sub);
    assert.equal(session.account.label, alice.sub);
  });

  test('a sign-in for a named account is refused when someone else approves it; the approver stays signed in', async () => {
    const slot = new MemorySlot();
    const { manager } = window(server, slot);
    await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server, 'bob'));
    await assert.rejects(
      manager.getOrCreate(manager.resolve(['storefront']), approvingUi(server, 'alice'), { accountId: bob.sub, forceSignIn: true }),
      (e: unknown) => e instanceof ShopifyAuthError && e.code === 'not-signed-in' && e.message.includes(`approved as ${alice.email}`) && e.message.includes(`for ${bob.email}`),
    );
    assert.deepEqual(manager.accounts.map((a) => a.id).sort(), [alice.sub, bob.sub].sort());
    const session = await manager.getOrCreate(manager.resolve(['storefront']), approvingUi(server, 'bob'), { accountId: bob.sub, forceSignIn: true });
    assert.equal(session.account.id, bob.sub);
    assert.equal(session.kind, 'storefront-renderer');
  });

  test('after the identity URL changes, an account\'s tokens are not sent to the new server; it works again when changed back', async () => {
    const slot = new MemorySlot();
    const signedIn = window(server, slot).manager;
    const partners = await signedIn.getOrCreate(signedIn.resolve(['partners']), approvingUi(server));
    const stored = slot.value;
    const other = await identityServer();
    try {
      const elsewhere = window(other, slot, {}, () => Date.now() + 7200 * 1000).manager;
      await assert.rejects(elsewhere.getSessions(elsewhere.resolve(['storefront'])), (e: unknown) => {
        assert.ok(e instanceof ShopifyAuthError);
        assert.equal(e.code, 'bad-setting');
        assert.ok(e.message.includes(`signed in through ${server.url}`) && e.message.includes(`now points to ${other.url}`), e.message);
        return true;
      });
      const counts = await other.control.counts();
      assert.equal(counts.refresh + counts.exchange.total + counts.deviceAuthorization, 0, 'a token reached the other server');
      assert.equal(slot.value, stored, 'the account was changed');
    } finally {
      await other.close();
    }
    const back = window(server, slot, {}, () => Date.now() + 7200 * 1000).manager;
    const [renewed] = await back.getSessions(back.resolve(['partners']));
    assert.equal(renewed?.id, partners.id);
    assert.notEqual(renewed?.accessToken, partners.accessToken);
  });

  test('an account stored without an issuer belongs to production Shopify: its tokens are not sent to another server', async () => {
    const slot = new MemorySlot();
    const signedIn = window(server, slot).manager;
    await signedIn.getOrCreate(signedIn.resolve(['partners']), approvingUi(server));
    // As an older version stored it: no issuer recorded.
    const doc = JSON.parse(slot.value ?? '{}') as { accounts: Array<Record<string, unknown>> };
    for (const account of doc.accounts) delete account['issuer'];
    slot.value = JSON.stringify(doc);
    const stored = slot.value;
    const before = await server.control.counts();
    const later = window(server, slot, {}, () => Date.now() + 7200 * 1000).manager;
    await assert.rejects(later.getSessions(later.resolve(['storefront'])), (e: unknown) => {
      assert.ok(e instanceof ShopifyAuthError);
      assert.equal(e.code, 'bad-setting');
      assert.ok(e.message.includes('signed in through https://accounts.shopify.com') && e.message.includes(`now points to ${server.url}`), e.message);
      return true;
    });
    const after = await server.control.counts();
    assert.equal(after.refresh + after.exchange.total - before.refresh - before.exchange.total, 0, 'a token reached the configured server');
    assert.equal(slot.value, stored, 'the account was changed');
  });

  test('a forced sign-in (VS Code\'s forceNewSession) hands out a new token, not the one it replaces', async () => {
    const { manager } = window(server, new MemorySlot());
    const first = await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server));
    const again = await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server), { forceSignIn: true });
    assert.equal(again.id, first.id);
    assert.notEqual(again.accessToken, first.accessToken);
    const counts = await server.control.counts();
    assert.deepEqual([counts.deviceAuthorization, counts.exchange.partners], [2, 2]);
  });

  test('a second store\'s admin token does not evict the first', async () => {
    const slot = new MemorySlot();
    const { manager } = window(server, slot);
    const one = await manager.getOrCreate(manager.resolve(['admin', 'store:shop-one']), approvingUi(server));
    const two = await manager.getOrCreate(manager.resolve(['admin', 'store:shop-two']), approvingUi(server));
    assert.notEqual(one.accessToken, two.accessToken);
    assert.equal((await issuedTo(server, one))?.store, 'shop-one.myshopify.com');
    assert.equal((await issuedTo(server, two))?.store, 'shop-two.myshopify.com');
    const again = await manager.getSessions(manager.resolve(['admin', 'store:shop-one.myshopify.com']));
    assert.equal(again[0]?.accessToken, one.accessToken);
    const counts = await server.control.counts();
    assert.equal(counts.deviceAuthorization, 1);
    assert.equal(counts.exchange.admin, 2);
    const stored = parseState(slot.value).state;
    assert.deepEqual(Object.keys(stored.accounts[0]?.apps ?? {}).sort(), ['admin/shop-one.myshopify.com', 'admin/shop-two.myshopify.com']);
  });

  test('sessions survive a reload: a new window over the same storage needs no request at all', async () => {
    const slot = new MemorySlot();
    const first = window(server, slot).manager;
    const partners = await first.getOrCreate(first.resolve(['partners']), approvingUi(server));
    const admin = await first.getOrCreate(first.resolve(['admin', 'store:shop-one']), approvingUi(server));
    const before = await server.control.counts();
    const second = window(server, slot).manager;
    await second.ready();
    const ids = second.allSessions().map((s) => s.id).sort();
    assert.deepEqual(ids, [`${alice.sub}/account`, `${alice.sub}/admin/shop-one.myshopify.com`, `${alice.sub}/partners`]);
    assert.equal((await second.getSessions(second.resolve(['partners'])))[0]?.accessToken, partners.accessToken);
    assert.equal((await second.getSessions(second.resolve(['admin', 'store:shop-one'])))[0]?.accessToken, admin.accessToken);
    assert.deepEqual(await server.control.counts(), before);
  });

  test('the active store is used when admin names none, and is kept with the sessions', async () => {
    const slot = new MemorySlot();
    const { manager } = window(server, slot);
    assert.deepEqual(await manager.getSessions(manager.resolve(['admin'])), []);
    await manager.setActiveStore('shop-two');
    const session = await manager.getOrCreate(manager.resolve(['admin']), approvingUi(server));
    assert.equal(session.store, 'shop-two.myshopify.com');
    assert.equal(parseState(slot.value).state.activeStore, 'shop-two.myshopify.com');
  });

  test('SHOPIFY_FLAG_STORE is the default store when none is active', async () => {
    const { manager } = window(server, new MemorySlot(), { SHOPIFY_FLAG_STORE: 'shop-one' });
    assert.equal(manager.resolve(['admin']).store, 'shop-one.myshopify.com');
    await manager.setActiveStore('shop-two');
    assert.equal(manager.resolve(['admin']).store, 'shop-two.myshopify.com');
  });

  test('fifty callers on an expired session cause one refresh and one exchange per API', async () => {
    const slot = new MemorySlot();
    const w = window(server, slot);
    const ui = approvingUi(server);
    for (const scopes of [['partners'], ['storefront'], ['admin', 'store:shop-one']]) await w.manager.getOrCreate(w.manager.resolve(scopes), ui);
    const start = await server.control.counts();
    // The same storage read by a window whose clock is past every expiry.
    const late = window(server, slot, {}, () => Date.now() + 7200 * 1000).manager;
    const kinds = [['partners'], ['storefront'], ['admin', 'store:shop-one']];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => late.getSessions(late.resolve(kinds[i % 3] ?? []))));
    assert.ok(results.every((r) => r.length === 1));
    assert.equal(new Set(results.map((r) => r[0]?.accessToken)).size, 3, 'every caller of one API got the same new token');
    const end = await server.control.counts();
    assert.equal(end.refresh - start.refresh, 1, 'one refresh');
    assert.equal(end.exchange.partners - start.exchange.partners, 1);
    assert.equal(end.exchange['storefront-renderer'] - start.exchange['storefront-renderer'], 1);
    assert.equal(end.exchange.admin - start.exchange.admin, 1);
    assert.equal(end.deviceAuthorization - start.deviceAuthorization, 0, 'no sign-in');
  });

  test('a due token is renewed without any UI and announced as a change of the same session', async () => {
    const slot = new MemorySlot();
    const w = window(server, slot);
    const first = await w.manager.getOrCreate(w.manager.resolve(['partners']), approvingUi(server));
    const later = window(server, slot, {}, () => Date.now() + 7200 * 1000).manager;
    await later.ready();
    const events: string[] = [];
    later.onDidChange((c) => events.push(...c.changed.map((s) => s.id)));
    const [renewed] = await later.getSessions(later.resolve(['partners']));
    assert.equal(renewed?.id, first.id);
    assert.notEqual(renewed?.accessToken, first.accessToken);
    assert.ok(events.includes(first.id));
  });

  test('a token from SHOPIFY_APP_AUTOMATION_TOKEN replaces any stored session for Partners, with no sign-in', async () => {
    const { manager, logs } = window(server, new MemorySlot(), { SHOPIFY_APP_AUTOMATION_TOKEN: AUTOMATION });
    const [session] = await manager.getSessions(manager.resolve(['partners', 'graphql']));
    assert.ok(session);
    assert.equal(session.account.label, 'SHOPIFY_APP_AUTOMATION_TOKEN');
    const record = await issuedTo(server, session);
    assert.equal(record?.sub, 'automation');
    assert.equal(record?.api, 'partners');
    await manager.getSessions(manager.resolve(['partners', 'themes']));
    const counts = await server.control.counts();
    assert.equal(counts.deviceAuthorization, 0);
    assert.equal(counts.exchange.total, 1, 'cached in memory');
    assert.equal(logs.filter((l) => l.includes('are ignored for tokens from SHOPIFY_APP_AUTOMATION_TOKEN')).length, 1, 'told once');
    assert.ok(!logs.join('\n').includes(AUTOMATION));
  });

  test('the environment token wins over a signed-in account that already holds a Partners token', async () => {
    const slot = new MemorySlot();
    const signedIn = window(server, slot).manager;
    const stored = await signedIn.getOrCreate(signedIn.resolve(['partners']), approvingUi(server));
    const { manager } = window(server, slot, { SHOPIFY_APP_AUTOMATION_TOKEN: AUTOMATION });
    const sessions = await manager.getSessions(manager.resolve(['partners']));
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0]?.account.label, 'SHOPIFY_APP_AUTOMATION_TOKEN');
    assert.notEqual(sessions[0]?.accessToken, stored.accessToken);
    assert.equal((await issuedTo(server, sessions[0] ?? assert.fail('no session')))?.sub, 'automation');
    // The stored account is kept, untouched, for when the variable is gone.
    assert.ok(manager.accounts.some((a) => a.id === stored.account.id));
  });

  test('an automation token the server rejects ends with a message naming the variable', async () => {
    const { manager } = window(server, new MemorySlot(), { SHOPIFY_CLI_PARTNERS_TOKEN: 'atkn_not_a_real_automation_token' });
    await assert.rejects(manager.getSessions(manager.resolve(['partners'])), (e: unknown) => {
      assert.ok(e instanceof ShopifyAuthError);
      assert.equal(e.code, 'automation-token');
      assert.match(e.message, /SHOPIFY_CLI_PARTNERS_TOKEN/);
      assert.ok(!e.message.includes('atkn_not_a_real'));
      return true;
    });
  });

  test('invalid_grant on refresh drops that account only; others are kept', async () => {
    const slot = new MemorySlot();
    const w = window(server, slot);
    await w.manager.getOrCreate(w.manager.resolve(['partners']), approvingUi(server, 'alice'));
    await w.manager.getOrCreate(w.manager.resolve(['partners']), approvingUi(server, 'bob'), { forceSignIn: true });
    assert.equal(w.manager.accounts.length, 2);
    await server.control.revoke(alice.sub);
    const late = window(server, slot, {}, () => Date.now() + 7200 * 1000);
    await late.manager.ready();
    const sessions = await late.manager.getSessions(late.manager.resolve(['partners']), { accountId: alice.sub });
    assert.deepEqual(sessions, []);
    assert.deepEqual(late.manager.accounts.map((a) => a.id), [bob.sub]);
    assert.deepEqual(parseState(slot.value).state.accounts.map((a) => a.id), [bob.sub]);
    assert.ok(late.logs.some((l) => /ended \(session-expired\).*Other accounts are kept/.test(l)));
  });

  test('two windows refreshing the same account at once both end with a working session', async () => {
    const slot = new MemorySlot();
    const w = window(server, slot);
    await w.manager.getOrCreate(w.manager.resolve(['partners']), approvingUi(server));
    const late = () => Date.now() + 7200 * 1000;
    const a = window(server, slot, {}, late).manager;
    const b = window(server, slot, {}, late).manager;
    await Promise.all([a.ready(), b.ready()]);
    const [ra, rb] = await Promise.all([a.getSessions(a.resolve(['storefront'])), b.getSessions(b.resolve(['storefront']))]);
    assert.equal(ra.length, 1);
    assert.equal(rb.length, 1);
    assert.equal(parseState(slot.value).state.accounts.length, 1, 'nobody was signed out');
  });

  test('sign-out removes the account and every token minted from it', async () => {
    const slot = new MemorySlot();
    const { manager } = window(server, slot);
    await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server));
    const removed: string[] = [];
    manager.onDidChange((c) => removed.push(...c.removed.map((s) => s.id)));
    await manager.removeSession(`${alice.sub}/account`);
    await manager.removeSession(`${alice.sub}/partners`); // VS Code removes every id; the second is already gone
    assert.deepEqual(removed.sort(), [`${alice.sub}/account`, `${alice.sub}/partners`]);
    assert.deepEqual(parseState(slot.value).state.accounts, []);
    assert.equal(STATE_KEY, 'shopify.auth.v1');
  });
});
