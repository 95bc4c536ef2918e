// npm run bench: every figure, measured side by side in one run, printed as a table and written to
// bench/results.json (raw numbers, for comparing runs) and bench/results.md (the README's Performance table).
// `npm run bench -- bundle tokens` runs only the named figures and prints them, leaving the results files alone.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { measureActivation } from './activation';
import { measureBundle } from './bundle';
import { measureCachedSessions } from './cachedSessions';
import { measureCoalescing } from './coalescing';
import type { FigureResult } from './figure';
import { machine, markdown, plain } from './report';
import { measureRequests } from './requests';
import { measureTokens } from './tokens';

const FIGURES: Record<string, () => Promise<FigureResult>> = {
  bundle: measureBundle,
  activation: measureActivation,
  cachedSessions: measureCachedSessions,
  requests: measureRequests,
  coalescing: measureCoalescing,
  tokens: measureTokens,
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in FIGURES));
  if (unknown.length > 0) throw new Error(`unknown figure ${unknown.join(', ')}; known: ${Object.keys(FIGURES).join(', ')}`);
  const names = asked.length > 0 ? asked : Object.keys(FIGURES);
  const results: FigureResult[] = [];
  const seconds: Record<string, number> = {};
  for (const name of names) {
    const measure = FIGURES[name];
    if (!measure) continue;
    const started = Date.now();
    process.stderr.write(`bench: ${name}…\n`);
    results.push(await measure());
    seconds[name] = (Date.now() - started) / 1000;
  }
  const on = machine();
  console.log(plain(results));
  const total = Object.values(seconds).reduce((a, b) => a + b, 0).toFixed(0);
  if (asked.length > 0) {
    console.log(`\n${total} s; results files not written (only part of the bench ran).`);
    return;
  }
  writeFileSync(path.join(__dirname, 'results.md'), markdown(results, on));
  writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify({ machine: on, seconds, figures: results }, null, 2)}\n`);
  console.log(`\nbench/results.md and bench/results.json written (${total} s).`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
