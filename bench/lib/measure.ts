/** Timing of one benchmarked operation: median and p95 over the measured runs, in ms. */
export interface Measurement {
  name: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
}

/** Nearest-rank percentile (`p` in 0..100) of `values`, which need not be sorted. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.max(
      0,
      Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1),
    )
  ];
}

export const median = (values: number[]) => percentile(values, 50);

/** A logger that drops everything: benches print their own tables, and Backstage logs would interleave. */
export const silentLogger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => silentLogger,
};

/** Runs `fn` `warmup` times unmeasured, then `runs` times measured. */
export async function measure(
  name: string,
  fn: () => unknown | Promise<unknown>,
  options: { runs?: number; warmup?: number } = {},
): Promise<Measurement> {
  const runs = options.runs ?? 20;
  for (let i = 0; i < (options.warmup ?? 3); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return {
    name,
    runs,
    medianMs: median(times),
    p95Ms: percentile(times, 95),
  };
}

export function fmt(n: number, digits = 1): string {
  return n.toFixed(digits);
}

/** A Markdown table; cells are already strings. */
export function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** Peak resident memory of this process so far, in MiB (Linux reports maxRSS in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
