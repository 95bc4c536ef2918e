// The in-process set-up shared by the request-counting figures: a real local identity server over HTTP and
// session managers built exactly as the unit tests build them, with a clock the bench can move.
import type { Counts, IdentityServer } from '../test/identity-server/types';
import { approvingUi, identityServer, MemorySlot, window } from '../test/unit/support/fixture';
import type { SessionManager } from '../src/shopify/sessions/manager';

export { approvingUi, MemorySlot };

export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export function movableClock(): Clock {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => (offset += ms) };
}

export async function startServer(options: { appLifetime?: number; identityLifetime?: number } = {}): Promise<IdentityServer> {
  // interval 0 is not a valid device-flow answer for openid-client; 1 s keeps each sign-in about a second.
  return identityServer({ interval: 1, ...options });
}

export function manager(server: IdentityServer, slot = new MemorySlot(), clock?: Clock): SessionManager {
  return window(server, slot, {}, clock ? clock.now : undefined).manager;
}

/** Requests that reached the server, without device polls: how often we poll depends on how fast the user approves. */
export function requestsOf(counts: Counts): number {
  return counts.deviceAuthorization + counts.refresh + counts.exchange.total;
}

export async function countDuring(server: IdentityServer, job: () => Promise<unknown>): Promise<{ counts: Counts; requests: number }> {
  const before = await server.control.counts();
  await job();
  const after = await server.control.counts();
  const counts: Counts = {
    deviceAuthorization: after.deviceAuthorization - before.deviceAuthorization,
    devicePoll: after.devicePoll - before.devicePoll,
    refresh: after.refresh - before.refresh,
    exchange: {
      total: after.exchange.total - before.exchange.total,
      admin: after.exchange.admin - before.exchange.admin,
      partners: after.exchange.partners - before.exchange.partners,
      'storefront-renderer': after.exchange['storefront-renderer'] - before.exchange['storefront-renderer'],
      'business-platform': after.exchange['business-platform'] - before.exchange['business-platform'],
      'app-management': after.exchange['app-management'] - before.exchange['app-management'],
    },
    approvals: after.approvals - before.approvals,
    denials: after.denials - before.denials,
    rejected: after.rejected - before.rejected,
  };
  return { counts, requests: requestsOf(counts) };
}
