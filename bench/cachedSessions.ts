// Figure 3: the provider path of getSessions(scopes) when the token is cached, with 100 sessions stored, against
// the floor any provider pays: an async function answering from a Map. Timed in batches (a single call is below
// the timer's resolution), ours and the floor alternating so both see the same machine load.
import { performance } from 'node:perf_hooks';
import type { FigureResult, Row } from './figure';
import { percentile } from './figure';
import { appKey, parseState, serializeState, type StoredState } from '../src/shopify/storage/state';
import { approvingUi, countDuring, manager, MemorySlot, startServer } from './identity';

const STORES = 98; // + the account session + a Partners session = 100 sessions
const BATCHES = 400;
const BATCH = 50;

export async function measureCachedSessions(): Promise<FigureResult> {
  const server = await startServer();
  try {
    // The test users staff two stores, so the other 97 admin tokens are copies of a real one under other stores'
    // names, written to storage as a previous window would have; a new window then loads all 100 sessions.
    const slot = new MemorySlot();
    const first = manager(server, slot);
    await first.getOrCreate(first.resolve(['partners']), approvingUi(server));
    await first.getOrCreate(first.resolve(['admin', 'store:shop-one']), approvingUi(server));
    const storeNames = Array.from({ length: STORES }, (_, i) => `shop-${String(i).padStart(3, '0')}.myshopify.com`);
    slot.value = serializeState(withCopiedAdminTokens(parseState(slot.value).state, storeNames));
    const sessions = manager(server, slot);
    await sessions.ready();
    const stored = sessions.allSessions().length;

    const floorMap = new Map<string, { accessToken: string }[]>();
    for (const s of sessions.allSessions()) floorMap.set(s.scopes.join(' '), [{ accessToken: s.accessToken }]);
    const floor = async (scopes: readonly string[]) => floorMap.get(scopes.join(' ')) ?? [];
    const ours = (scopes: readonly string[]) => sessions.getSessions(sessions.resolve(scopes));

    const asks = storeNames.map((store) => ['admin', `store:${store}`]);
    const oursTimes: number[] = [];
    const floorTimes: number[] = [];
    let found = 0;
    let floorFound = 0;
    const timed = await countDuring(server, async () => {
      for (let b = 0; b < BATCHES; b++) {
        const scopes = asks[b % asks.length] ?? ['partners'];
        let start = performance.now();
        for (let i = 0; i < BATCH; i++) if ((await ours(scopes)).length > 0) found++;
        oursTimes.push(((performance.now() - start) * 1000) / BATCH);
        start = performance.now();
        for (let i = 0; i < BATCH; i++) if ((await floor(scopes)).length > 0) floorFound++;
        floorTimes.push(((performance.now() - start) * 1000) / BATCH);
      }
    });
    if (found !== BATCHES * BATCH) throw new Error(`cached getSessions answered ${found} of ${BATCHES * BATCH} calls`);
    // A floor that misses would time an empty lookup, not the same answer.
    if (floorFound !== BATCHES * BATCH) throw new Error(`the Map floor answered ${floorFound} of ${BATCHES * BATCH} calls: its keys no longer match session scopes`);
    oursTimes.sort((a, b) => a - b);
    floorTimes.sort((a, b) => a - b);
    const p = (list: number[], n: number) => percentile(list, n);
    const us = (v: number) => `${v.toFixed(2)} µs`;
    const rows: Row[] = [50, 99].map((n) => ({
      figure: 'Cached sessions',
      measure: `getSessions p${n}, ${stored} sessions stored`,
      ours: us(p(oursTimes, n)),
      reference: `${us(p(floorTimes, n))} (Map floor)`,
      ratio: p(oursTimes, n) / p(floorTimes, n),
      target: 'floor × small',
    }));
    rows.push({ figure: 'Cached sessions', measure: `HTTP requests in ${BATCHES * BATCH} calls`, ours: String(timed.requests), reference: '0', target: '= 0', met: timed.requests === 0 });
    return {
      id: 'cachedSessions',
      rows,
      raw: { sessionsStored: stored, batches: BATCHES, batchSize: BATCH, microsecondsPerCall: { ours: oursTimes, floor: floorTimes }, requests: timed.requests },
    };
  } finally {
    await server.close();
  }
}

function withCopiedAdminTokens(state: StoredState, stores: readonly string[]): StoredState {
  return {
    ...state,
    accounts: state.accounts.map((account) => {
      const model = account.apps[appKey('admin', 'shop-one.myshopify.com')];
      if (!model) throw new Error('the model admin token was not stored');
      const apps = { ...account.apps };
      delete apps[appKey('admin', 'shop-one.myshopify.com')];
      for (const store of stores) apps[appKey('admin', store)] = { ...model, store };
      return { ...account, apps };
    }),
  };
}
