// `npm run test:mutation [-- <stryker options>]`: runs StrykerJS on src/shopify (stryker.config.mjs), then
// writes test-results/mutation/summary.md: the score per file and every mutant no test kills, marked when
// docs/mutation.md lists it as equivalent. Exits 1 when the score is under 90%.
// `--summary-only` skips Stryker and summarises the reports already written. Extra options go to Stryker,
// e.g. `-- --mutate 'src/shopify/common/**/*.ts'`. On a busy machine the run can be split: MUTATION_PART=<name>
// keeps each part's report in test-results/mutation/parts/, and the summary covers them all.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';

const TARGET = 90;
const REPORT = 'test-results/mutation/mutation.json';
const SUMMARY = 'test-results/mutation/summary.md';
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

mkdirSync('test-results/mutation', { recursive: true });
// --summary-only: write the summary again from the reports already there (after editing docs/mutation.md, say).
const summaryOnly = process.argv.includes('--summary-only');
if (!summaryOnly) {
  const run = spawnSync(process.execPath, ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`Stryker failed (exit ${run.status ?? run.signal}); see the output above.`);
    process.exit(run.status ?? 1);
  }
}

/**
 * Rows of docs/mutation.md's table of equivalent mutants, counted by file, mutator, original code and replacement.
 * A row stands for one mutant: the same change made elsewhere in the file (a `[]` or `true` on another line) may
 * not be equivalent there, so two survivors of one key need two rows.
 */
function documentedEquivalents() {
  const rows = new Map();
  if (!existsSync('docs/mutation.md')) return rows;
  for (const line of readFileSync('docs/mutation.md', 'utf8').split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim().replace(/^`+ ?|`+$/g, '').trim().replaceAll('\\|', '|'));
    if (cells.length >= 6 && cells[1]?.startsWith('src/shopify/')) {
      const k = key(cells[1], cells[2], cells[3], cells[4]);
      rows.set(k, (rows.get(k) ?? 0) + 1);
    }
  }
  return rows;
}

function key(file, mutator, original, replacement) {
  return [file, mutator, oneLine(original), oneLine(replacement)].join(' ');
}

function oneLine(text) {
  return String(text ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
}

/** The code a mutant replaced, from the report's copy of the source. */
function originalOf(source, { start, end }) {
  const lines = source.split('\n');
  if (start.line === end.line) return lines[start.line - 1]?.slice(start.column - 1, end.column - 1) ?? '';
  return [lines[start.line - 1]?.slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1]?.slice(0, end.column - 1)].join('\n');
}

const PARTS = 'test-results/mutation/parts';
const part = process.env.MUTATION_PART;
/** The files of this run, or of every part run so far (a later part's file replaces an earlier one's). */
function reportedFiles() {
  if (part === undefined && !(summaryOnly && existsSync(PARTS))) return JSON.parse(readFileSync(REPORT, 'utf8')).files;
  mkdirSync(PARTS, { recursive: true });
  if (!summaryOnly) copyFileSync(REPORT, `${PARTS}/${part}.json`);
  const files = {};
  // Oldest first, so a part run again (say after new tests) replaces what it measured before.
  const names = readdirSync(PARTS)
    .filter((n) => n.endsWith('.json'))
    .sort((a, b) => statSync(`${PARTS}/${a}`).mtimeMs - statSync(`${PARTS}/${b}`).mtimeMs);
  for (const name of names) Object.assign(files, JSON.parse(readFileSync(`${PARTS}/${name}`, 'utf8')).files);
  console.log(`Summary of the parts ${names.map((n) => n.replace(/\.json$/, '')).join(', ')}`);
  return files;
}

const equivalents = documentedEquivalents();
const perFile = [];
const survivors = [];
let detected = 0;
let undetected = 0;
let documented = 0;
for (const [file, { mutants, source }] of Object.entries(reportedFiles()).sort(([a], [b]) => a.localeCompare(b))) {
  let d = 0;
  let u = 0;
  for (const m of mutants) {
    if (DETECTED.has(m.status)) d++;
    if (!UNDETECTED.has(m.status)) continue;
    u++;
    const original = originalOf(source, m.location);
    const k = key(file, m.mutatorName, original, m.replacement);
    const known = (equivalents.get(k) ?? 0) > 0;
    if (known) equivalents.set(k, equivalents.get(k) - 1);
    if (known) documented++;
    const cell = (text) => `\`\` ${oneLine(text).replaceAll('|', '\\|')} \`\``;
    survivors.push(`| \`${file}:${m.location.start.line}\` | ${m.mutatorName} | ${cell(original)} | ${cell(m.replacement)} | ${m.status}${known ? ', equivalent (docs/mutation.md)' : ''} |`);
  }
  detected += d;
  undetected += u;
  perFile.push(`| \`${file}\` | ${d} | ${u} | ${d + u === 0 ? '—' : ((100 * d) / (d + u)).toFixed(1) + '%'} |`);
}
const score = detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);
// Rows no survivor used: killed since, or their code is gone. Listed so that the table can be kept true.
const unused = [...equivalents].filter(([, n]) => n > 0).map(([k, n]) => `- ${n > 1 ? `${n} × ` : ''}${k}`);
const lines = [
  `# Mutation testing of src/shopify`,
  '',
  `Measured ${new Date().toISOString().slice(0, 10)}: **${score.toFixed(1)}%** (${detected} of ${detected + undetected} mutants detected; ` +
    `${undetected} not, of which ${documented} are listed as equivalent in docs/mutation.md). Target: ${TARGET}%.`,
  `Counting the documented equivalents as detected: ${(detected + undetected === 0 ? 100 : (100 * (detected + documented)) / (detected + undetected)).toFixed(1)}%.`,
  '',
  '| file | detected | not detected | score |',
  '|---|---|---|---|',
  ...perFile,
  '',
  '## Not detected',
  '',
  '| where | mutator | original | replacement | status |',
  '|---|---|---|---|---|',
  ...survivors,
  '',
  ...(unused.length > 0 ? ['## Rows of docs/mutation.md that matched no surviving mutant', '', ...unused, ''] : []),
];
writeFileSync(SUMMARY, lines.join('\n'));
console.log(`\nMutation score: ${score.toFixed(1)}% (${detected}/${detected + undetected}); ${undetected - documented} undetected mutants not documented as equivalent; ${unused.length} rows of docs/mutation.md matched none. Summary: ${SUMMARY}, report: test-results/mutation/index.html`);
process.exit(score >= TARGET ? 0 : 1);
