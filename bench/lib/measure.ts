/** Timing of one benchmarked operation: median and p95 over the measured runs, in ms. */
export interface Measurement {
  name: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

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
  times.sort((a, b) => a - b);
  return {
    name,
    runs,
    medianMs: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
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
