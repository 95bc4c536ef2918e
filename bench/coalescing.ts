// Figure 5: 100 callers at once on a session whose identity and app tokens have all expired. Every caller needs
// a token, but the server should see one refresh and one exchange per distinct API, not one per caller.
import type { FigureResult } from './figure';
import { approvingUi, countDuring, manager, MemorySlot, movableClock, startServer } from './identity';

const CALLERS = 100;
const APIS: readonly (readonly string[])[] = [['partners'], ['admin', 'store:shop-one'], ['storefront']];

export async function measureCoalescing(): Promise<FigureResult> {
  const server = await startServer();
  try {
    const clock = movableClock();
    const windowManager = manager(server, new MemorySlot(), clock);
    for (const scopes of APIS) await windowManager.getOrCreate(windowManager.resolve(scopes), approvingUi(server));
    clock.advance(3 * 3600_000);
    await server.control.expire('all');
    const callers = Array.from({ length: CALLERS }, (_, i) => APIS[i % APIS.length] ?? ['partners']);
    let served = 0;
    const { counts } = await countDuring(server, async () => {
      const answers = await Promise.all(callers.map((scopes) => windowManager.getSessions(windowManager.resolve(scopes))));
      served = answers.filter((sessions) => sessions.length > 0).length;
    });
    const distinct = APIS.length;
    const rows = [
      { figure: 'Coalescing', measure: `${CALLERS} callers, expired session: refreshes`, ours: String(counts.refresh), reference: `${CALLERS} (one per caller)`, ratio: counts.refresh / CALLERS, target: '= 1', met: counts.refresh === 1 },
      {
        figure: 'Coalescing',
        measure: `${CALLERS} callers over ${distinct} APIs: exchanges`,
        ours: String(counts.exchange.total),
        reference: `${CALLERS} (one per caller)`,
        ratio: counts.exchange.total / CALLERS,
        target: `= ${distinct} (one per API)`,
        met: counts.exchange.total === distinct,
      },
      { figure: 'Coalescing', measure: 'callers served a session', ours: String(served), reference: String(CALLERS), ratio: served / CALLERS, target: `= ${CALLERS}`, met: served === CALLERS },
    ];
    return { id: 'coalescing', rows, raw: { callers: CALLERS, apis: APIS.map((s) => s.join(' ')), served, counts } };
  } finally {
    await server.close();
  }
}
