// Figure 4: identity-server requests per job, against what the Shopify CLI's session module sends for the same
// job. The CLI column is not measured: it follows from its source as summarised in shared/docs/shopify-identity.md
// (one device authorization per login, one refresh per renewal, and all five APIs exchanged on every login and
// refresh, whichever the command needed).
import type { FigureResult, Row } from './figure';
import { approvingUi, countDuring, manager, MemorySlot, movableClock, startServer } from './identity';

const CLI_EXCHANGES = 5;

interface Job {
  readonly name: string;
  /** One request per token the job actually needs. */
  readonly lowerBound: number;
  readonly cli: number;
  readonly cliWhy: string;
  readonly ours: number;
}

export async function measureRequests(): Promise<FigureResult> {
  // App tokens live 5 minutes (renewed halfway, as short-lived tokens are), so moving the clock 200 s expires
  // them while the 2-hour identity token stays valid.
  const server = await startServer({ appLifetime: 300 });
  try {
    const jobs: Job[] = [];

    const cold = manager(server, new MemorySlot());
    const a = await countDuring(server, () => cold.getOrCreate(cold.resolve(['partners']), approvingUi(server)));
    jobs.push({ name: 'cold sign-in, then a Partners token', lowerBound: 2, cli: 1 + CLI_EXCHANGES, cliWhy: 'sign-in + 5 exchanges', ours: a.requests });

    const clock = movableClock();
    const ageing = manager(server, new MemorySlot(), clock);
    await ageing.getOrCreate(ageing.resolve(['partners']), approvingUi(server));
    clock.advance(200_000); // past half the 5-minute lifetime, when short-lived tokens are renewed
    await server.control.expire('app');
    const b = await countDuring(server, () => ageing.getSessions(ageing.resolve(['partners'])));
    if (b.counts.refresh !== 0) throw new Error('the identity token was meant to stay valid in this job');
    jobs.push({ name: 'Partners token expired, identity token valid', lowerBound: 1, cli: 1 + CLI_EXCHANGES, cliWhy: 'refresh + 5 exchanges', ours: b.requests });

    const stores = manager(server, new MemorySlot());
    await stores.getOrCreate(stores.resolve(['admin', 'store:shop-one']), approvingUi(server));
    const c = await countDuring(server, () => stores.getSessions(stores.resolve(['admin', 'store:shop-two'])));
    jobs.push({ name: 'admin token for a second store', lowerBound: 1, cli: 1 + CLI_EXCHANGES, cliWhy: 'keeps one store (#3440): refresh + 5 exchanges', ours: c.requests });

    const all = manager(server, new MemorySlot());
    const wanted = [['admin', 'store:shop-one'], ['partners'], ['storefront']];
    const d = await countDuring(server, () => Promise.all(wanted.map((scopes) => all.getOrCreate(all.resolve(scopes), approvingUi(server)))));
    jobs.push({ name: 'cold sign-in, admin + Partners + Storefront at once', lowerBound: 4, cli: 1 + CLI_EXCHANGES, cliWhy: 'sign-in + 5 exchanges', ours: d.requests });

    const rows: Row[] = jobs.map((job) => ({
      figure: 'Requests per job',
      measure: job.name,
      ours: String(job.ours),
      reference: `${job.cli} (${job.cliWhy})`,
      ratio: job.ours / job.cli,
      target: `= ${job.lowerBound} (one per token needed)`,
      met: job.ours === job.lowerBound,
    }));
    return { id: 'requests', rows, raw: { note: 'device polls excluded; CLI figures from its source, not measured', jobs, counts: { a: a.counts, b: b.counts, c: c.counts, d: d.counts } } };
  } finally {
    await server.close();
  }
}
