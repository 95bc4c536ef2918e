// Bytes allocated per token check, ours (dist/tokens.js) against @shopify/shopify-api's decodeSessionToken. Run by
// bench/tokens.ts in its own process: `node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64`.
// Method: collect garbage, note the V8 heap and ArrayBuffer bytes in use, check a batch of tokens, note them again.
// The young generation is made large enough that no collection runs inside a batch, so the growth is what the
// batch allocated; a batch during which a collection did run (seen by a PerformanceObserver) is thrown away.
// Not counted: memory node:crypto and the JSON parser allocate outside the V8 heap and ArrayBuffers.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { loadBuiltTokens } from './builtTokens';
import { median } from './figure';
import { mintBenchTokens, oursCheck, referenceCheck, type Check } from './tokenSetup';

const BATCH = 1000;
const SAMPLES = 9;

export interface MemoryResult {
  /** Median bytes per check over the batches that ran without a garbage collection. */
  readonly oursBytes: number;
  readonly referenceBytes: number;
  readonly samples: { readonly ours: number[]; readonly reference: number[] };
  readonly discardedForGc: number;
}

const collect = (globalThis as { gc?: () => void }).gc;

function inUse(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

async function main(): Promise<void> {
  if (!collect) throw new Error('run with --expose-gc');
  const gcTimes: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcTimes.push(entry.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });

  const built = loadBuiltTokens();
  const tokens = await mintBenchTokens(built);
  const sides: Record<'ours' | 'reference', Check> = { ours: oursCheck(built), reference: referenceCheck() };
  const samples = { ours: [] as number[], reference: [] as number[] };
  let discardedForGc = 0;

  const batch = async (check: Check): Promise<number | undefined> => {
    collect();
    collect();
    // Let the observer hear about the collections just forced before the window opens.
    await new Promise((resolve) => setImmediate(resolve));
    const start = performance.now();
    const before = inUse();
    for (let i = 0; i < BATCH; i++) await check(tokens[i % tokens.length] ?? '');
    const after = inUse();
    const end = performance.now();
    await new Promise((resolve) => setImmediate(resolve));
    if (gcTimes.some((t) => t >= start && t <= end)) return undefined;
    return (after - before) / BATCH;
  };

  for (const check of Object.values(sides)) for (let i = 0; i < 3; i++) await batch(check); // warm-up: JIT, caches
  for (let round = 0; round < SAMPLES; round++) {
    for (const name of round % 2 === 0 ? (['ours', 'reference'] as const) : (['reference', 'ours'] as const)) {
      const bytes = await batch(sides[name]);
      if (bytes === undefined) discardedForGc++;
      else samples[name].push(bytes);
    }
  }
  observer.disconnect();
  const result: MemoryResult = { oursBytes: median(samples.ours), referenceBytes: median(samples.reference), samples, discardedForGc };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
