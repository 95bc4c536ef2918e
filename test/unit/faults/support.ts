// Shared by the fault files: a closed port, an error check that also looks for leaked tokens,
// and a manager over one slot whose every warning is kept (warnings become notifications).
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { IdentityClient } from '../../../src/shopify/identity/client';
import { SessionManager } from '../../../src/shopify/sessions/manager';
import { StateStore, type TextSlot } from '../../../src/shopify/storage/stateStore';
import type { Counts, IdentityServer } from '../../identity-server/types';
import { approvingUi, MemorySlot, resetServer } from '../support/fixture';

/** Every case must end well inside this: nothing waits forever. */
export const BOUND = { timeout: 30_000 };

/** A port nothing listens on (fetch refuses a few well-known ones before connecting, so pick a real one). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Token-looking text: what the identity server issues and what a JWT starts with. */
export const TOKEN_SHAPE = /atkn_|eyJ|rt_/;

export function expectError(code: string, message: RegExp) {
  return (e: unknown): true => {
    assert.ok(e instanceof ShopifyAuthError, `expected a ShopifyAuthError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    assert.ok(!TOKEN_SHAPE.test(e.message), 'a token leaked into an error message');
    return true;
  };
}

export interface Observed {
  manager: SessionManager;
  /** Warnings (the editor shows them as notifications) and log lines. */
  said: string[];
}

/** A manager over `slot` talking to `url` (or to `server`), keeping everything it says. */
export function observed(target: IdentityServer | string, slot: TextSlot, opts: { timeoutMs?: number; env?: Record<string, string>; now?: () => number } = {}): Observed {
  const said: string[] = [];
  const url = typeof target === 'string' ? target : target.url;
  const log = { debug: (m: string) => said.push(m), info: (m: string) => said.push(m), warn: (m: string) => said.push(m) };
  // The factory runs per request, as the editor's does, so a bad setting fails the request, not the activation.
  const client = (): IdentityClient => new IdentityClient({ identityUrl: url, requestTimeoutMs: opts.timeoutMs ?? 3000 });
  const manager = new SessionManager({ client, store: new StateStore(slot, (m) => said.push(m)), log, env: opts.env ?? {}, ...(opts.now ? { now: opts.now } : {}) });
  return { manager, said };
}

/** Signs in bob, then alice, each with a Partners token: the stored state every case must leave intact. */
export async function signInTwoAccounts(manager: SessionManager, server: IdentityServer): Promise<void> {
  await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server, 'bob'));
  await manager.getOrCreate(manager.resolve(['partners']), approvingUi(server, 'alice'), { forceSignIn: true });
}

/** Everything a user could read from a case: the error and every warning and log line. */
export function assertNothingLeaked(texts: readonly string[], issued: readonly string[]): void {
  for (const text of texts) {
    for (const token of issued) assert.ok(!text.includes(token), 'an issued token appears in a message or log line');
  }
}

/** A fresh server and slot with two signed-in accounts: what every fault case must leave intact. Counts are read as differences from `base`. */
export async function twoAccountsStored(server: IdentityServer): Promise<{ slot: MemorySlot; stored: string | undefined; base: Counts }> {
  await resetServer(server);
  const slot = new MemorySlot();
  await signInTwoAccounts(observed(server, slot).manager, server);
  // Not reset() from here on: that would also end the sessions just issued.
  await server.control.clearFaults();
  return { slot, stored: slot.value, base: await server.control.counts() };
}
