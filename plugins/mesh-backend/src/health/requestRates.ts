import { HealthTrend } from '@mesh-templates/plugin-mesh-common';
import {
  CODE_CLASS_LABEL,
  SECURITY_POLICY_LABEL,
} from '../prometheus/healthQueries';

/** Received requests per second, added up from the series split by status class and security policy. */
export interface RequestRates {
  total: number | null;
  status5xx: number | null;
  status4xx: number | null;
  mutualTls: number | null;
}

interface RateSample {
  labels: Record<string, string>;
  value: number;
}

/** Sum of the matching samples; null when none matches (no such request in the window). */
function sumOf(
  samples: RateSample[],
  matches: (labels: Record<string, string>) => boolean,
): number | null {
  let sum: number | null = null;
  for (const sample of samples) {
    if (matches(sample.labels)) sum = (sum ?? 0) + sample.value;
  }
  return sum;
}

export function requestRates(samples: RateSample[]): RequestRates {
  return {
    total: sumOf(samples, () => true),
    status5xx: sumOf(samples, l => l[CODE_CLASS_LABEL] === '5'),
    status4xx: sumOf(samples, l => l[CODE_CLASS_LABEL] === '4'),
    mutualTls: sumOf(samples, l => l[SECURITY_POLICY_LABEL] === 'mutual_tls'),
  };
}

/**
 * The trend from the range series split by status class: requests/s at each step, and the 5xx share
 * at each step that saw requests (a step without 5xx series is a share of 0, not a gap).
 */
export function requestTrend(
  series: Array<{
    labels: Record<string, string>;
    points: Array<{ t: number; v: number }>;
  }>,
): HealthTrend {
  const steps = new Map<number, { total: number; status5xx: number }>();
  for (const { labels, points } of series) {
    const is5xx = labels[CODE_CLASS_LABEL] === '5';
    for (const { t, v } of points) {
      if (!Number.isFinite(v)) continue;
      const step = steps.get(t) ?? { total: 0, status5xx: 0 };
      step.total += v;
      if (is5xx) step.status5xx += v;
      steps.set(t, step);
    }
  }
  const ordered = [...steps].sort(([a], [b]) => a - b);
  return {
    requestsPerSecond: ordered.map(([t, step]) => ({ t, v: step.total })),
    errorRate5xx: ordered
      .filter(([, step]) => step.total > 0)
      .map(([t, step]) => ({ t, v: step.status5xx / step.total })),
  };
}
