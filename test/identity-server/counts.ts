// Request counters: what benchmarks and tests read to prove how many round trips a flow cost.
import type { ApiName, Counts, RequestKind } from './types.ts';

export function emptyCounts(): Counts {
  return {
    deviceAuthorization: 0,
    devicePoll: 0,
    refresh: 0,
    exchange: { total: 0, admin: 0, partners: 0, 'storefront-renderer': 0, 'business-platform': 0, 'app-management': 0 },
    approvals: 0,
    denials: 0,
    rejected: 0,
  };
}

export function countRequest(counts: Counts, kind: RequestKind, api: ApiName | undefined): void {
  switch (kind) {
    case 'device_authorization':
      counts.deviceAuthorization++;
      return;
    case 'device_poll':
      counts.devicePoll++;
      return;
    case 'refresh':
      counts.refresh++;
      return;
    case 'exchange':
      counts.exchange.total++;
      if (api) counts.exchange[api]++;
      return;
  }
}

export function copyCounts(counts: Counts): Counts {
  return { ...counts, exchange: { ...counts.exchange } };
}
