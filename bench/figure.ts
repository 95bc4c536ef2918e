/** One line of the printed table: a measure, our figure, the reference figure and their ratio. */
export interface Row {
  readonly figure: string;
  readonly measure: string;
  readonly ours: string;
  readonly reference: string;
  /** ours / reference, the number that survives a noisy machine. */
  readonly ratio?: number;
  readonly target: string;
  /** Undefined when the figure has no pass/fail target. */
  readonly met?: boolean;
}

/** What each bench file returns: its table rows and the raw numbers behind them for results.json. */
export interface FigureResult {
  readonly id: string;
  readonly rows: readonly Row[];
  readonly raw: Record<string, unknown>;
  /** The machine's load while the figure was measured, added by bench/main.ts. */
  readonly load?: Load;
}

/** os.loadavg() (1, 5 and 15 minutes) before and after one figure, on a machine with `cores` cores. */
export interface Load {
  readonly before: readonly number[];
  readonly after: readonly number[];
  readonly cores: number;
  /** The higher 1-minute load average of the two, per core. */
  readonly perCore: number;
  /** perCore above UNDER_LOAD_PER_CORE: the figure's absolute values are suspect; its ratios less so. */
  readonly underLoad: boolean;
}

/** More runnable work than cores: other processes took turns with the bench. */
export const UNDER_LOAD_PER_CORE = 1.0;

export function ratio(ours: number, reference: number): number | undefined {
  return reference > 0 ? ours / reference : undefined;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}
