// Mutation testing of src/shopify (`npm run test:mutation`; see docs/mutation.md).
// Each unit test file runs in its own node process (the tap runner), and per-file coverage decides which
// files run for a mutant, so a mutant in tokens/ never waits for the sign-in tests.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Test files left out because they spend most of their time waiting on purpose (latency, retries, timeouts)
 * or do not load src/shopify at all; what they check is also checked by faster files.
 */
export const SLOW_OR_UNRELATED = [
  'test/unit/faults/matrix.test.ts', // ~100 s of injected latency and retries
  'test/unit/faults/signInAndRefresh.test.ts',
  'test/unit/faults/leakScan.test.ts',
  'test/unit/identity-server.test.ts', // the fake server itself; imports nothing from src/
  'test/unit/l10n.test.ts', // reads src/ as text, which in the sandbox is Stryker's instrumented copy
];

/** MUTATION_TESTS=test/unit/tokens,test/unit/common limits a quick run of one layer to those folders or files. */
const only = process.env.MUTATION_TESTS?.split(',').filter(Boolean);

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name).replaceAll('\\', '/');
    if (entry.isDirectory()) return testFiles(path);
    const wanted = only === undefined || only.some((o) => path === o || path.startsWith(`${o.replace(/\/$/, '')}/`));
    return entry.name.endsWith('.test.ts') && !SLOW_OR_UNRELATED.includes(path) && wanted ? [path] : [];
  });
}

/**
 * Files that wait on the local server for seconds, slowest last. Stryker runs a mutant's covering test files
 * in this order and stops at the first failure, so the quick pure tests get the first chance to kill it.
 */
const SLOWER = [
  'test/unit/tokens/differential.test.ts', // ~3 s: 37,000 reports against the oracle; it catches what the quick files miss
  'test/unit/network/clock.test.ts', // ~2 s
  'test/unit/sessions/cliBehaviours.test.ts', // ~3 s
  'test/unit/sessions/signedInAgainDuringFailedRefresh.test.ts', // ~3 s
  'test/unit/identity/exchange.test.ts', // ~3 s
  'test/unit/network/connectionCheck.test.ts', // ~4 s
  'test/unit/faults/badInput.test.ts', // ~4 s
  'test/unit/sessions/otherWindows.test.ts', // ~4 s
  'test/unit/sessions/cancel.test.ts', // ~5 s
  'test/unit/sessions/manager.test.ts', // ~7 s
  'test/unit/network/failures.test.ts', // ~7 s
  'test/unit/identity/deviceFlow.test.ts', // ~17 s (slow_down and lost networks wait seconds on purpose)
  'test/unit/identity/answers.test.ts', // ~23 s (answers without an interval mean Shopify's 5 s)
];
const rank = (f) => SLOWER.indexOf(f);
export const sourceTestFiles = testFiles('test/unit').sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
/** Where scripts/mutation-build.mjs puts the bundled test files, inside Stryker's sandbox. */
export const BUILD_DIR = '.mutation-build';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/shopify/**/*.ts', '!src/shopify/**/index.ts'],
  // The sandbox needs the code and the unit tests only (.cache holds the test editor, and is a symlink in worktrees).
  // test/editor/harness/paths.ts stays: the network unit tests find code-server's fetch through it
  // (scripts/mutation-build.mjs links the sandbox's .cache to the project's).
  ignorePatterns: [
    '.cache', 'dist', 'test-results', 'test/consumer-extension', 'bench', 'media', 'docs', '*.vsix',
    'test/editor/*', '!test/editor/harness', 'test/editor/harness/*', '!test/editor/harness/paths.ts',
  ],
  testRunner: 'tap',
  buildCommand: 'node scripts/mutation-build.mjs',
  tap: {
    testFiles: sourceTestFiles.map((f) => `${BUILD_DIR}/${f.replace(/\.ts$/, '.mjs')}`),
    nodeArgs: ['--test-reporter=tap'],
    forceBail: true,
  },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // The tests wait on a real local server and the machine is shared: generous, so a slow run is not a "timeout kill".
  concurrency: 1,
  timeoutFactor: 2,
  timeoutMS: 15_000,
  dryRunTimeoutMinutes: 20,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'test-results/mutation/index.html' },
  jsonReporter: { fileName: 'test-results/mutation/mutation.json' },
  incrementalFile: 'test-results/mutation/incremental.json',
  tempDirName: '.stryker-tmp',
  thresholds: { high: 90, low: 80, break: null },
};
