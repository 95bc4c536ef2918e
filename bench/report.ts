// The table, as printed and as the markdown the README's "Performance" section pastes, with the machine it ran on.
import os from 'node:os';
import type { FigureResult, Row } from './figure';

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

export function markdown(figures: readonly FigureResult[], on: Machine): string {
  const head = ['Figure', 'Measure', 'Ours', 'Reference', 'Ratio', 'Target', 'Met'];
  const cells = (r: Row) => [r.figure, r.measure, r.ours, r.reference, ratioText(r), r.target, verdict(r)].map((c) => c.replace(/\|/g, '\\|'));
  const lines = [
    `Measured ${on.date} on ${on.cpu}, ${on.cores} cores, ${on.memoryGiB} GiB, Node ${on.node} (\`npm run bench\`).`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...figures.flatMap((f) => f.rows).map((r) => `| ${cells(r).join(' | ')} |`),
    '',
  ];
  return lines.join('\n');
}

/** Aligned columns for the terminal. */
export function plain(figures: readonly FigureResult[]): string {
  const rows = figures.flatMap((f) => f.rows).map((r) => [r.figure, r.measure, r.ours, r.reference, ratioText(r), r.target, verdict(r)]);
  const all = [['Figure', 'Measure', 'Ours', 'Reference', 'Ratio', 'Target', 'Met'], ...rows];
  const widths = all[0]?.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length))) ?? [];
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}
