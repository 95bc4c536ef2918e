import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { SCOPE_PREFIX } from '../../../src/shopify/identity/apis';
import { SessionManager } from '../../../src/shopify/sessions/manager';
import type { SessionChanges, ShopifySession } from '../../../src/shopify/sessions/sessions';
import { parseState, type StoredAccount } from '../../../src/shopify/storage/state';
import { StateStore } from '../../../src/shopify/storage/stateStore';
import type { IdentityServer } from '../../identity-server/types';
import { alice, bob } from '../../identity-server/users';
import { approvingUi, client, identityServer, MemorySlot, resetServer, window } from '../support/fixture';

const AUTOMATION = 'atkn_automation_test_0123456789abcdef';
/** Not part of any API's defaults, so a plain sign-in never has it. */
const EXTRA = 'partners.apps.write';
/** Past every token's lifetime: a window on this clock refreshes and mints again. */
const later = () => Date.now() + 7200 * 1000;

/** A window whose log lines also go to `onLog` as they are written. */
function build(server: IdentityServer, slot: MemorySlot, options: { now?: () => number; onLog?: (line: string) => void } = {}) {
  const logs: string[] = [];
  const push = (line: string) => {
    logs.push(line);
    options.onLog?.(line);
  };
  const log = { debug: (m: string) => push(`debug ${m}`), info: (m: string) => push(`info ${m}`), warn: (m: string) => push(`warn ${m}`) };
  const identity = client(server);
  const manager = new SessionManager({ client: () => identity, store: new StateStore(slot, (m) => push(`warn ${m}`)), log, ...(options.now ? { now: options.now } : {}) });
  return { manager, logs };
}

function stored(slot: MemorySlot, id: string): StoredAccount | undefined {
  return parseState(slot.value).state.accounts.find((a) => a.id === id);
}

async function grantedTo(server: IdentityServer, session: ShopifySession | undefined): Promise<string[] | undefined> {
  return (await server.control.issued()).find((t) => t.value === session?.accessToken)?.scopes;
}

function cancelled(e: unknown): boolean {
  return e instanceof ShopifyAuthError && e.code === 'cancelled';
}

/** A slot whose next read fails, as SecretStorage can when the keychain is locked. */
class FlakySlot extends MemorySlot {
  failNext = false;
  override get(): Promise<string | undefined> {
    if (!this.failNext) return super.get();
    this.failNext = false;
    return Promise.reject(new Error('keychain locked'));
  }
}

describe('session manager edges: listeners, loading, several accounts, sign-in sharing, renewal', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(() => resetServer(server));

  describe('listeners and loading', () => {
    test('a token minted from the automation token is announced to listeners', async () => {
      const { manager } = window(server, new MemorySlot(), { SHOPIFY_APP_AUTOMATION_TOKEN: AUTOMATION });
      const heard: SessionChanges[] = [];
      manager.onDidChange((c) => heard.push(c));
      await manager.getSessions(manager.resolve(['partners']));
      assert.deepEqual(heard.map((c) => c.added.map((s) => s.id)), [['environment/partners']]);
    });

    test('a listener that unsubscribed hears nothing more; a write that changes no session is announced to nobody', async () => {
      const { manager } = window(server, new MemorySlot());
      const kept: SessionChanges[] = [];
      const gone: SessionChanges[] = [];
      manager.onDidChange((c) => kept.push(c));
      const dispose = manager.onDidChange((c) => gone.push(c));
      await manager.setActiveStore('shop-one');
      assert.equal(kept.length, 0, 'a change without any session change was announced');
      dispose();
      await manager.signIn(approvingUi(server));
      assert.deepEqual(kept.map((c) => c.added.map((s) => s.id)), [[`${alice.sub}/account`]]);
      assert.equal(gone.length, 0);
    });

    test('a listener that throws does not keep the change from the others, and its failure is logged', async () => {
      const { manager, logs } = window(server, new MemorySlot());
      const heard: SessionChanges[] = [];
      manager.onDidChange(() => {
        throw new Error('listener broke');
      });
      manager.onDidChange((c) => heard.push(c));
      await manager.signIn(approvingUi(server));
      assert.equal(heard.length, 1);
      assert.ok(logs.includes('warn A session listener failed: listener broke'), logs.join('\n'));
    });

    test('a failed load is tried again on the next call', async () => {
      const slot = new FlakySlot();
      await window(server, slot).manager.signIn(approvingUi(server));
      const { manager } = window(server, slot);
      slot.failNext = true;
      await assert.rejects(manager.ready(), /keychain locked/);
      await manager.ready();
      assert.deepEqual(manager.accounts.map((a) => a.id), [alice.sub]);
    });
  });

  describe('several accounts', () => {
    let prepared: { value: string; a: ShopifySession; b: ShopifySession } | undefined;
    /** Alice, then Bob, each with a Partners token: signed in once for this group, then a copy of that storage per test. */
    async function twoAccounts(slot: MemorySlot) {
      if (!prepared) {
        const setup = new MemorySlot();
        const first = window(server, setup).manager;
        await first.signIn(approvingUi(server, 'alice'));
        const [a] = await first.getSessions(first.resolve(['partners']), { accountId: alice.sub });
        await first.signIn(approvingUi(server, 'bob'));
        const [b] = await first.getSessions(first.resolve(['partners']), { accountId: bob.sub });
        assert.ok(a && b);
        prepared = { value: setup.value ?? '', a, b };
      }
      slot.value = prepared.value;
      const { manager, logs } = window(server, slot);
      return { manager, logs, a: prepared.a, b: prepared.b };
    }

    test('every account\'s token is found, the most recently signed-in first; each account keeps its own token', async () => {
      const slot = new MemorySlot();
      const { manager, a, b } = await twoAccounts(slot);
      assert.notEqual(a.accessToken, b.accessToken);
      const before = (await server.control.counts()).exchange.partners;
      const found = await manager.getSessions(manager.resolve(['partners']));
      assert.deepEqual(found.map((s) => [s.account.id, s.accessToken]), [[bob.sub, b.accessToken], [alice.sub, a.accessToken]]);
      await manager.signIn(approvingUi(server, 'alice'));
      const again = await manager.getSessions(manager.resolve(['partners']));
      assert.deepEqual(again.map((s) => s.account.id), [alice.sub, bob.sub]);
      assert.equal((await server.control.counts()).exchange.partners, before, 'a stored token was not reused');
    });

    test('a caller naming an account gets that account\'s session without a sign-in, even when another signed in later', async () => {
      const { manager, a } = await twoAccounts(new MemorySlot());
      const ui = approvingUi(server, 'bob');
      const session = await manager.getOrCreate(manager.resolve(['partners']), ui, { accountId: alice.sub });
      assert.equal(session.accessToken, a.accessToken);
      assert.equal(ui.shown.length, 0);
    });

    test('removing one account\'s token leaves the account and every other account\'s token; removing its account entry signs it out', async () => {
      const slot = new MemorySlot();
      const { manager, a, b } = await twoAccounts(slot);
      await manager.removeSession(b.id);
      assert.deepEqual(Object.keys(stored(slot, bob.sub)?.apps ?? { missing: 1 }), []);
      assert.deepEqual(Object.keys(stored(slot, alice.sub)?.apps ?? {}), ['partners']);
      assert.deepEqual(manager.accounts.map((x) => x.id).sort(), [alice.sub, bob.sub].sort());
      await manager.removeSession(a.id);
      assert.deepEqual(Object.keys(stored(slot, alice.sub)?.apps ?? { missing: 1 }), []);
      assert.equal(manager.accounts.length, 2, 'removing a token signed an account out');
      await manager.removeSession(`${bob.sub}/account`);
      assert.deepEqual(manager.accounts.map((x) => x.id), [alice.sub]);
    });

    test('signing one account out keeps the other, and is logged', async () => {
      const slot = new MemorySlot();
      const { manager, logs, a } = await twoAccounts(slot);
      await manager.signOut(bob.sub);
      assert.deepEqual(manager.accounts.map((x) => x.id), [alice.sub]);
      assert.equal(stored(slot, alice.sub)?.apps['partners']?.accessToken, a.accessToken);
      assert.ok(logs.includes(`info Signed out ${bob.sub}`), logs.join('\n'));
    });

    test('a new account starts without another\'s tokens; signing in again keeps an account\'s tokens and email', async () => {
      const slot = new MemorySlot();
      const { manager } = window(server, slot);
      await manager.signIn(approvingUi(server, 'alice'));
      const [a] = await manager.getSessions(manager.resolve(['partners']));
      await manager.signIn(approvingUi(server, 'bob'));
      assert.deepEqual(stored(slot, bob.sub)?.apps, {});
      await server.control.configure({ idToken: 'no-email' });
      await manager.signIn(approvingUi(server, 'alice'));
      assert.equal(stored(slot, alice.sub)?.email, alice.email);
      assert.equal(stored(slot, alice.sub)?.apps['partners']?.accessToken, a?.accessToken);
      assert.deepEqual(stored(slot, bob.sub)?.apps, {});
    });

    test('an account signed out in another window while its token was renewed: the other account\'s token is issued instead', async () => {
      const slot = new MemorySlot();
      const first = window(server, slot).manager;
      await first.signIn(approvingUi(server, 'bob'));
      await first.signIn(approvingUi(server, 'alice'));
      await first.getSessions(first.resolve(['partners']));
      assert.ok(stored(slot, alice.sub)?.apps['partners']);
      const { manager } = window(server, slot, {}, later);
      await manager.ready();
      // Another window signs Alice out; this one has not heard yet.
      const doc = JSON.parse(slot.value ?? '{}') as { accounts: Array<{ id: string }> };
      slot.value = JSON.stringify({ ...doc, accounts: doc.accounts.filter((x) => x.id !== alice.sub) });
      const found = await manager.getSessions(manager.resolve(['partners']));
      assert.deepEqual(found.map((s) => s.account.id), [bob.sub]);
    });

    test('admin without a store gets nothing and mints nothing, even signed in; getOrCreate says a store is needed without a sign-in', async () => {
      const { manager } = window(server, new MemorySlot());
      await manager.signIn(approvingUi(server));
      assert.deepEqual(await manager.getSessions({ api: 'admin', extraScopes: [] }), []);
      const ui = approvingUi(server);
      await assert.rejects(manager.getOrCreate({ api: 'admin', extraScopes: [] }, ui), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'no-store');
      assert.equal(ui.shown.length, 0);
      const counts = await server.control.counts();
      assert.deepEqual([counts.exchange.total, counts.deviceAuthorization], [0, 1]);
    });

    test('a sign-in for an account that is not signed in, approved by someone else, names the account asked for', async () => {
      const { manager } = window(server, new MemorySlot());
      await manager.signIn(approvingUi(server, 'bob'));
      await assert.rejects(manager.getOrCreate(manager.resolve(['partners']), approvingUi(server, 'alice'), { accountId: 'someone-else' }), (e: unknown) => {
        assert.ok(e instanceof ShopifyAuthError && e.code === 'not-signed-in');
        assert.ok(e.message.includes('a session for someone-else was asked for'), e.message);
        return true;
      });
    });
  });

  describe('sign-in', () => {
    test('two sign-ins at once with the same scopes share one code', async () => {
      const { manager } = window(server, new MemorySlot());
      const [one, two] = await Promise.all([manager.signIn(approvingUi(server)), manager.signIn(approvingUi(server))]);
      assert.equal(one.id, two.id);
      assert.equal((await server.control.counts()).deviceAuthorization, 1);
    });

    test('a sign-in that joins one lacking its scopes runs its own afterwards, and gets them', async () => {
      const { manager } = window(server, new MemorySlot());
      const plain = manager.signIn(approvingUi(server));
      const wider = manager.signIn(approvingUi(server), { extraScopes: [`${SCOPE_PREFIX}${EXTRA}`] });
      const [p, w] = await Promise.all([plain, wider]);
      assert.ok(!p.identity.scopes.includes(`${SCOPE_PREFIX}${EXTRA}`));
      assert.ok(w.identity.scopes.includes(`${SCOPE_PREFIX}${EXTRA}`));
      assert.equal((await server.control.counts()).deviceAuthorization, 2);
    });

    test('the code request is retried after a server error, and the sign-in logged step by step', async () => {
      const { manager, logs } = window(server, new MemorySlot());
      await server.control.addFaults([{ on: 'device_authorization', status: 503 }]);
      await manager.signIn(approvingUi(server));
      assert.ok(logs.some((l) => /^warn Asking for a sign-in code failed \(server\); trying again in \d+ ms$/.test(l)), logs.join('\n'));
      assert.ok(logs.some((l) => /^info Sign-in code issued; waiting for approval at http:\/\/127\.0\.0\.1:\d+\/.+/.test(l)), logs.join('\n'));
      assert.ok(logs.includes(`info Signed in as ${alice.email}`), logs.join('\n'));
    });

    test('a sign-in cancelled while it waits to ask for a code again ends at once for everyone who joined it', async () => {
      const controller = new AbortController();
      let abortedAt = 0;
      const { manager } = build(server, new MemorySlot(), {
        onLog: (line) => {
          if (!line.startsWith('warn Asking for a sign-in code failed')) return;
          setTimeout(() => {
            abortedAt = Date.now();
            controller.abort();
          }, 20);
        },
      });
      await server.control.addFaults([{ on: 'device_authorization', status: 503 }]);
      const owner = manager.signIn(approvingUi(server, 'alice', controller.signal));
      const joiner = manager.signIn(approvingUi(server));
      await assert.rejects(owner, cancelled);
      await assert.rejects(joiner, cancelled);
      // The wait before asking again is at least 300 ms; a cancelled sign-in does not sit it out.
      assert.ok(Date.now() - abortedAt < 200, `the joined caller heard ${Date.now() - abortedAt} ms after the cancel`);
      assert.equal((await server.control.counts()).deviceAuthorization, 1);
    });

    test('a caller that gives up while an existing account\'s token is being issued is told it was cancelled', async () => {
      const { manager } = window(server, new MemorySlot());
      await manager.signIn(approvingUi(server));
      await server.control.addFaults([{ on: 'exchange', latencyMs: 800 }]);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      await assert.rejects(manager.getOrCreate(manager.resolve(['partners']), approvingUi(server, 'alice', controller.signal)), cancelled);
    });

    test('a caller that gives up while the token after its sign-in is being issued is told it was cancelled', async () => {
      const controller = new AbortController();
      const { manager } = build(server, new MemorySlot(), {
        onLog: (line) => {
          if (line.startsWith('info Signed in as')) setTimeout(() => controller.abort(), 20);
        },
      });
      await server.control.addFaults([{ on: 'exchange', latencyMs: 800 }]);
      await assert.rejects(manager.getOrCreate(manager.resolve(['partners']), approvingUi(server, 'alice', controller.signal)), cancelled);
    });

    test('a forced sign-in while another caller\'s token is being issued gets its own token, issued after the sign-in', async () => {
      const { manager } = window(server, new MemorySlot());
      await manager.signIn(approvingUi(server));
      await server.control.addFaults([{ on: 'exchange', latencyMs: 1000 }]);
      const waiting = manager.getSessions(manager.resolve(['partners']));
      const forced = await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server), { forceSignIn: true });
      const [earlier] = await waiting;
      assert.notEqual(forced.accessToken, earlier?.accessToken);
      assert.equal((await server.control.counts()).exchange.partners, 2);
    });
  });

  describe('renewal', () => {
    test('renewal failing on a server error hands out the token that has not run out, with a warning; at its expiry it fails', async () => {
      const slot = new MemorySlot();
      let now = Date.now();
      const { manager, logs } = window(server, slot, {}, () => now);
      await manager.signIn(approvingUi(server));
      const [first] = await manager.getSessions(manager.resolve(['partners']));
      const expiresAt = stored(slot, alice.sub)?.apps['partners']?.expiresAt ?? 0;
      now = expiresAt - 60_000;
      await server.control.addFaults([{ on: 'refresh', status: 503, times: -1 }]);
      const [kept] = await manager.getSessions(manager.resolve(['partners']));
      assert.equal(kept?.accessToken, first?.accessToken);
      assert.ok(logs.includes('warn Could not renew the Partners API token (server); using the current one until it expires.'), logs.join('\n'));
      now = expiresAt;
      await assert.rejects(manager.getSessions(manager.resolve(['partners'])), (e: unknown) => e instanceof ShopifyAuthError && e.code === 'server');
    });

    test('a renewed token keeps the extra scopes earlier callers asked for', async () => {
      const slot = new MemorySlot();
      const { manager } = window(server, slot);
      const wide = await manager.getOrCreate(manager.resolve(['partners', EXTRA]), approvingUi(server));
      assert.ok((await grantedTo(server, wide))?.includes(`${SCOPE_PREFIX}${EXTRA}`));
      const renewing = window(server, slot, {}, later).manager;
      const [renewed] = await renewing.getSessions(renewing.resolve(['partners']));
      assert.notEqual(renewed?.accessToken, wide.accessToken);
      assert.ok((await grantedTo(server, renewed))?.includes(`${SCOPE_PREFIX}${EXTRA}`), 'the renewed token dropped the extra scope');
    });

    test('a renewed token does not ask for an extra scope the current sign-in no longer has', async () => {
      const slot = new MemorySlot();
      const { manager } = window(server, slot);
      await manager.getOrCreate(manager.resolve(['partners', EXTRA]), approvingUi(server));
      await manager.signIn(approvingUi(server));
      assert.ok(!stored(slot, alice.sub)?.identity.scopes.includes(`${SCOPE_PREFIX}${EXTRA}`));
      const renewing = window(server, slot, {}, later).manager;
      const [renewed] = await renewing.getSessions(renewing.resolve(['partners']));
      assert.ok(renewed);
      assert.ok(!(await grantedTo(server, renewed))?.includes(`${SCOPE_PREFIX}${EXTRA}`));
    });

    test('an exchange retried after a server error is logged; issued tokens are logged by API and store, without the token', async () => {
      const { manager, logs } = window(server, new MemorySlot());
      await manager.signIn(approvingUi(server));
      await server.control.addFaults([{ on: 'exchange', status: 503 }]);
      const [partners] = await manager.getSessions(manager.resolve(['partners']));
      const admin = await manager.getOrCreate(manager.resolve(['admin', 'store:shop-one']), approvingUi(server));
      assert.ok(logs.some((l) => /^warn Partners API token request failed \(server\); trying again in \d+ ms$/.test(l)), logs.join('\n'));
      assert.ok(logs.some((l) => /^info Partners API token issued \(.+\), valid until \d{4}-/.test(l)), logs.join('\n'));
      assert.ok(logs.some((l) => /^info Admin API token for shop-one\.myshopify\.com issued \(.+\), valid until \d{4}-/.test(l)), logs.join('\n'));
      const all = logs.join('\n');
      assert.ok(!all.includes(partners?.accessToken ?? '-') && !all.includes(admin.accessToken), 'a token was logged');
    });
  });
});
