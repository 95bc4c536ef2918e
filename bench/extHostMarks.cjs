// Preloaded into the editor's Node processes by the activation bench (NODE_OPTIONS=--require ...) when
// BENCH_MARKS_DIR is set. VS Code's extension host sends its performance marks to the window only once, before it
// starts the onStartupFinished extensions, so the marks around their require() never reach Startup Performance.
// This copies the extension host's code/extHost/* marks (names and times only) to BENCH_MARKS_DIR/<pid>.json every
// half second. It does nothing in processes that are not an extension host, and never keeps the process alive.
'use strict';
const dir = process.env.BENCH_MARKS_DIR;
if (dir) {
  const { writeFileSync } = require('node:fs');
  const { join } = require('node:path');
  let written = 0;
  const timer = setInterval(() => {
    try {
      const marks = globalThis.MonacoPerformanceMarks?.getMarks?.();
      if (!Array.isArray(marks)) return;
      const mine = marks.filter((m) => typeof m?.name === 'string' && m.name.startsWith('code/extHost/'));
      if (mine.length === 0 || mine.length === written) return;
      writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(mine));
      written = mine.length;
    } catch {
      // Measuring must never disturb the editor.
    }
  }, 500);
  timer.unref();
}
