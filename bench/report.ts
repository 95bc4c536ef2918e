// The table, as printed and as the markdown the README's "Performance" section pastes, with the machine it ran on.
import os from 'node:os';
import { UNDER_LOAD_PER_CORE, type FigureResult, type Row } from './figure';

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
}

export function machine(): Machine {
  return {
    date: new Date().toISOString().slice(0, 10),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
  };
}

function ratioText(row: Row): string {
  if (row.ratio === undefined || !Number.isFinite(row.ratio)) return '—';
  return row.ratio >= 10 ? row.ratio.toFixed(0) : row.ratio.toFixed(2);
}

function verdict(row: Row): string {
  return row.met === undefined ? '' : row.met ? 'yes' : 'NO';
}

/** The 1-minute load average per core while the figure ran, marked when the machine was busier than its cores. */
function loadText(figure: FigureResult): string {
  if (!figure.load) return '';
  const value = figure.load.perCore.toFixed(2);
  return figure.load.underLoad ? `${value}, under load` : value;
}

const HEAD = ['Figure', 'Measure', 'Ours', 'Reference', 'Ratio', 'Target', 'Met', 'Load/core'];

function cellsOf(figures: readonly FigureResult[]): string[][] {
  return figures.flatMap((f) => f.rows.map((r) => [r.figure, r.measure, r.ours, r.reference, ratioText(r), r.target, verdict(r), loadText(f)]));
}

/** One plain sentence per outcome: how many targets were met, and each one that was not, with its figures. */
export function targetSummary(figures: readonly FigureResult[]): string[] {
  const withTarget = figures.flatMap((f) => f.rows.map((r) => ({ r, f }))).filter(({ r }) => r.met !== undefined);
  const missed = withTarget.filter(({ r }) => r.met === false);
  const lines = [`Targets met: ${withTarget.length - missed.length} of ${withTarget.length}.`];
  for (const { r, f } of missed) {
    lines.push(`- Not met: ${r.figure}, ${r.measure}: ${r.ours} against ${r.reference} (ratio ${ratioText(r)}, target ${r.target})${f.load?.underLoad ? ', measured under load' : ''}.`);
  }
  const loaded = figures.filter((f) => f.load?.underLoad).map((f) => f.id);
  if (loaded.length > 0) {
    lines.push(
      `- Measured under load (1-minute load average above ${UNDER_LOAD_PER_CORE} per core, other work sharing the machine): ${loaded.join(', ')}. Their ratios, taken side by side, hold better than their absolute values.`,
    );
  }
  return lines;
}

export function markdown(figures: readonly FigureResult[], on: Machine): string {
  const escape = (c: string) => c.replace(/\|/g, '\\|');
  const lines = [
    `Measured ${on.date} on ${on.cpu}, ${on.cores} cores, ${on.memoryGiB} GiB, Node ${on.node}, in one run of \`npm run bench\`. Load/core: the 1-minute load average per core when the figure started, after waiting up to 90 s for the load the previous figure left to settle.`,
    '',
    ...targetSummary(figures),
    '',
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map(() => '---').join('|')}|`,
    ...cellsOf(figures).map((cells) => `| ${cells.map(escape).join(' | ')} |`),
    '',
  ];
  return lines.join('\n');
}

/** Aligned columns for the terminal. */
export function plain(figures: readonly FigureResult[]): string {
  const all = [HEAD, ...cellsOf(figures)];
  const widths = all[0]?.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length))) ?? [];
  const table = all.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
  return `${table}\n\n${targetSummary(figures).join('\n')}`;
}
