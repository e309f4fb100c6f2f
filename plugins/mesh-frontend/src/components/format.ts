/** Display helpers; "–" stands for "no data", never for zero. */
export const NO_DATA = '–';

export function formatPercent(
  ratio: number | null | undefined,
  digits = 1,
): string {
  return ratio === null || ratio === undefined
    ? NO_DATA
    : `${(ratio * 100).toFixed(digits)}%`;
}

export function formatNumber(
  value: number | null | undefined,
  digits = 1,
): string {
  return value === null || value === undefined
    ? NO_DATA
    : value.toFixed(digits);
}

export function formatMs(value: number | null | undefined): string {
  return value === null || value === undefined
    ? NO_DATA
    : `${Math.round(value)} ms`;
}

/** Success rate is what people read at a glance; the backend reports its complement (5xx ratio). */
export function successRate(errorRate5xx: number | null): number | null {
  return errorRate5xx === null ? null : 1 - errorRate5xx;
}
