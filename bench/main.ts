// npm run bench: every figure, measured side by side in one run, printed as a table and written to
// bench/results.json (raw numbers, for comparing runs), bench/results.md and the README's Performance table.
// `npm run bench -- bundle tokens` runs only the named figures and prints them, leaving the results files alone.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureActivation } from './activation';
import { measureBundle } from './bundle';
import { measureCachedSessions } from './cachedSessions';
import { measureCoalescing } from './coalescing';
import { UNDER_LOAD_PER_CORE, type FigureResult } from './figure';
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

/** Longest wait for the load the previous figure left to die down (the 1-minute average decays slowly). */
const SETTLE_MS = 90_000;

/** Waits, up to SETTLE_MS, until the 1-minute load per core is at most UNDER_LOAD_PER_CORE, saying so while it waits. */
async function settle(name: string): Promise<void> {
  const cores = os.cpus().length;
  const until = Date.now() + SETTLE_MS;
  let said = false;
  while ((os.loadavg()[0] ?? 0) / cores > UNDER_LOAD_PER_CORE && Date.now() < until) {
    if (!said) process.stderr.write(`bench: waiting up to ${SETTLE_MS / 1000} s for the machine to settle before ${name} (load ${(os.loadavg()[0] ?? 0).toFixed(2)})…\n`);
    said = true;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** Figures made of sizes and counts only: the machine's load cannot change them, so they are never marked. */
const UNTIMED = new Set(['bundle', 'requests', 'coalescing']);

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
    if (!UNTIMED.has(name)) await settle(name);
    process.stderr.write(`bench: ${name}…\n`);
    const before = os.loadavg();
    const result = await measureOrSay(name, measure);
    const after = os.loadavg();
    const cores = os.cpus().length;
    // The load when the figure starts: the figure's own processes (the editor and browser of the activation figure)
    // raise the average while it runs, which says nothing about other work sharing the machine.
    const perCore = (before[0] ?? 0) / cores;
    results.push({ ...result, load: { before, after, cores, perCore, underLoad: !UNTIMED.has(name) && perCore > UNDER_LOAD_PER_CORE } });
    seconds[name] = (Date.now() - started) / 1000;
  }
  const on = machine();
  console.log(plain(results));
  const total = Object.values(seconds).reduce((a, b) => a + b, 0).toFixed(0);
  if (asked.length > 0) {
    console.log(`\n${total} s; results files not written (only part of the bench ran).`);
    return;
  }
  const table = markdown(results, on);
  writeFileSync(path.join(__dirname, 'results.md'), table);
  updateReadme(table);
  writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify({ machine: on, seconds, figures: results }, null, 2)}\n`);
  console.log(`\nbench/results.md, bench/results.json and the README's Performance table written (${total} s).`);
}

/**
 * A figure that cannot be measured (the editor not starting on a loaded machine, say) becomes one row saying so,
 * and the other figures are still measured and written.
 */
async function measureOrSay(name: string, measure: () => Promise<FigureResult>): Promise<FigureResult> {
  try {
    return await measure();
  } catch (error: unknown) {
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 200) ?? '';
    process.stderr.write(`bench: ${name} failed: ${why}\n`);
    return {
      id: name,
      rows: [{ figure: name, measure: `not measured in this run: ${why}`, ours: '—', reference: '—', target: '—', met: false }],
      raw: { failed: why },
    };
  }
}

/** Puts the table between the README's bench markers, leaving the prose around it alone. */
function updateReadme(table: string): void {
  const readme = path.join(__dirname, '..', 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} section for the table`);
  writeFileSync(readme, `${text.slice(0, from + start.length)}\n${table.trim()}\n${text.slice(to)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
