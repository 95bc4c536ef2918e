// Other windows' writes, as desktop VS Code delivers them: one SecretStorage shared by every window, whose
// onDidChange fires in each window for any write. The real editor here (VS Code web) cannot show this: it keeps a
// copy per window (see docs/reliability.md). Each window re-reads through watchState, as the extension's vault does.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { STATE_KEY } from '../../../src/shopify/storage/state';
import { watchState, type SecretChanges } from '../../../src/shopify/storage/stateStore';
import type { SessionChanges } from '../../../src/shopify/sessions/sessions';
import type { IdentityServer } from '../../identity-server/types';
import { alice } from '../../identity-server/users';
import { approvingUi, identityServer, MemorySlot, window, resetServer } from '../support/fixture';

/** The shared store's change events: a write under any key reaches every window's listeners. */
class SharedSecrets extends MemorySlot implements SecretChanges {
  private readonly listeners = new Set<(e: { readonly key: string }) => void>();
  onDidChange(listener: (e: { readonly key: string }) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  override async set(value: string): Promise<void> {
    await super.set(value);
    this.fire(STATE_KEY);
  }
  fire(key: string): void {
    for (const listener of this.listeners) listener({ key });
  }
}

/** A window whose manager re-reads on every write to the shared store, and records what it announces. */
function watchingWindow(server: IdentityServer, secrets: SharedSecrets, now?: () => number) {
  const w = window(server, secrets, {}, now);
  const heard: SessionChanges[] = [];
  const reloads: Promise<void>[] = [];
  w.manager.onDidChange((c) => heard.push(c));
  const watch = watchState(secrets, () => reloads.push(w.manager.reload()));
  return { ...w, heard, settled: () => Promise.all(reloads), dispose: () => watch.dispose() };
}

describe('other windows learn of sign-in, refresh and sign-out through SecretStorage change events', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(() => server.close());
  beforeEach(() => resetServer(server));

  test('a sign-in in one window is announced in the other, which asks the server for nothing', async () => {
    const secrets = new SharedSecrets();
    const a = watchingWindow(server, secrets);
    const b = watchingWindow(server, secrets);
    await b.manager.ready();
    const session = await a.manager.getOrCreate(a.manager.resolve(['partners']), approvingUi(server));
    await b.settled();
    const added = b.heard.flatMap((c) => c.added.map((s) => s.id));
    assert.ok(added.includes(session.id), `window B announced ${JSON.stringify(added)}`);
    const [seen] = await b.manager.getSessions(b.manager.resolve(['partners']));
    assert.equal(seen?.accessToken, session.accessToken);
    const counts = await server.control.counts();
    assert.equal(counts.deviceAuthorization, 1);
    assert.equal(counts.exchange.total, 1);
    a.dispose();
    b.dispose();
  });

  test("a refresh in one window reaches the other as a changed session, with the rotated token and no second refresh", async () => {
    // Tokens due 2 s after they are issued (half their lifetime), then long-lived ones for the renewal.
    await server.control.configure({ identityLifetime: 4, appLifetime: 4 });
    const secrets = new SharedSecrets();
    const a = watchingWindow(server, secrets);
    const b = watchingWindow(server, secrets);
    const old = await a.manager.getOrCreate(a.manager.resolve(['partners']), approvingUi(server));
    await b.settled();
    await server.control.configure({ identityLifetime: 3600, appLifetime: 3600 });
    await new Promise((r) => setTimeout(r, 2200));
    const [renewed] = await a.manager.getSessions(a.manager.resolve(['partners']));
    assert.ok(renewed && renewed.accessToken !== old.accessToken, 'window A did not renew');
    await b.settled();
    assert.ok(b.heard.some((c) => c.changed.some((s) => s.id === old.id)), 'window B did not announce the change');
    const [inB] = await b.manager.getSessions(b.manager.resolve(['partners']));
    assert.equal(inB?.accessToken, renewed.accessToken);
    assert.equal((await server.control.counts()).refresh, 1, 'window B refreshed again');
    a.dispose();
    b.dispose();
  });

  test('a sign-out in one window removes the sessions in the other', async () => {
    const secrets = new SharedSecrets();
    const a = watchingWindow(server, secrets);
    const b = watchingWindow(server, secrets);
    const session = await a.manager.getOrCreate(a.manager.resolve(['partners']), approvingUi(server));
    await b.settled();
    await a.manager.signOut(alice.sub);
    await b.settled();
    assert.ok(b.heard.some((c) => c.removed.some((s) => s.id === session.id)), 'window B did not announce the removal');
    assert.deepEqual(b.manager.allSessions(), []);
    a.dispose();
    b.dispose();
  });

  test("writes under other keys (the app secrets') do not make a window re-read the sessions", async () => {
    const secrets = new SharedSecrets();
    const b = watchingWindow(server, secrets);
    await b.manager.ready();
    const reads = secrets.reads;
    secrets.fire('shopify.appSecrets');
    await b.settled();
    assert.equal(secrets.reads, reads);
    secrets.fire(STATE_KEY);
    await b.settled();
    assert.equal(secrets.reads, reads + 1);
    b.dispose();
  });
});
