// A computer whose clock is wrong: the identity server's Date header says so, the user is told once,
// and token expiry is judged by the server's time in the client and the session manager alike.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ServerClock } from '../../../src/shopify/common/clock';
import { IdentityClient } from '../../../src/shopify/identity/client';
import { SessionManager } from '../../../src/shopify/sessions/manager';
import { StateStore } from '../../../src/shopify/storage/stateStore';
import type { IdentityServer } from '../../identity-server/types';
import { approvingUi, identityServer, MemorySlot, resetServer } from '../support/fixture';

const BOUND = { timeout: 30_000 };
const HOUR = 3_600_000;

describe('the local clock against the identity server\'s', () => {
  let server: IdentityServer;
  before(async () => (server = await identityServer()));
  after(async () => server.close());
  beforeEach(async () => resetServer(server));

  /** An editor window as extension.ts wires it: one clock for the client and the manager. */
  function wiredWindow() {
    const warnings: string[] = [];
    const logs: string[] = [];
    const clock = new ServerClock({ onSkew: (message) => warnings.push(message) });
    const identity = new IdentityClient({ identityUrl: server.url, requestTimeoutMs: 5000, clock });
    const log = { debug: (m: string) => logs.push(m), info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) };
    const manager = new SessionManager({ client: () => identity, store: new StateStore(new MemorySlot(), (m) => logs.push(m)), log, env: {}, now: clock.now });
    return { clock, manager, warnings };
  }

  test('a clock 2 hours slow is named once, and tokens are timed and judged by the server', BOUND, async () => {
    await server.control.configure({ clockSkewSeconds: 2 * 3600 });
    const { clock, manager, warnings } = wiredWindow();
    const ui = approvingUi(server);
    await manager.signIn(ui);
    // The prompt counts the code's 10 minutes down on this computer's clock.
    const codeLeft = (ui.shown[0]?.expiresAt ?? 0) - Date.now();
    assert.ok(codeLeft > 550_000 && codeLeft <= 600_000, `the code expires in ${codeLeft / 60_000} min`);
    const first = await manager.getSessions(manager.resolve(['partners']));
    for (let i = 0; i < 3; i++) await manager.getSessions(manager.resolve(['partners']));
    await manager.getSessions(manager.resolve(['storefront']));

    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.match(warnings[0] ?? '', /^This computer's clock is 2 h behind Shopify's\. Shopify's time is used to judge when tokens expire; set your date and time to update automatically/);
    assert.ok(Math.abs(clock.offsetMs - 2 * HOUR) < 3000, `offset ${clock.offsetMs}`);
    // Timed by the server's clock: 2 h (its lead) + 2 h (the token's lifetime) from now on ours.
    const expiresAt = first[0]?.expiresAt ?? 0;
    assert.ok(Math.abs(expiresAt - (Date.now() + 4 * HOUR)) < 10_000, `expires in ${(expiresAt - Date.now()) / HOUR} h`);
    // ...and judged by it too: the token is reused, not exchanged again on every call.
    const counts = await server.control.counts();
    assert.equal(counts.exchange.partners, 1);
    assert.equal(counts.refresh, 0);
  });

  test('a clock 3 hours fast is named as ahead', BOUND, async () => {
    await server.control.configure({ clockSkewSeconds: -3 * 3600 });
    const { clock, manager, warnings } = wiredWindow();
    await manager.signIn(approvingUi(server));
    assert.deepEqual(warnings.map((w) => w.split('.')[0]), ["This computer's clock is 3 h ahead of Shopify's"]);
    assert.ok(Math.abs(clock.offsetMs + 3 * HOUR) < 3000);
  });

  test('half a minute off is nobody\'s business: no warning, no offset', BOUND, async () => {
    await server.control.configure({ clockSkewSeconds: 30 });
    const { clock, manager, warnings } = wiredWindow();
    await manager.signIn(approvingUi(server));
    assert.deepEqual(warnings, []);
    assert.equal(clock.offsetMs, 0);
  });
});
