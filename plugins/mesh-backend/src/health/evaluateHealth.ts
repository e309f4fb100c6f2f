import {
  ControlPlaneHealth,
  HealthStatus,
  HealthThresholds,
  ProxyHealth,
  RatioThreshold,
  TrafficHealth,
  worstHealthStatus,
} from '@mesh-templates/plugin-mesh-common';
import { ProxyVersionCount } from '@mesh-templates/plugin-mesh-common';
import { unsupportedProxyVersions } from './versionSkew';

export interface HealthInput {
  /** True when Prometheus answered but holds no Istio series for this cluster. */
  noIstioData: boolean;
  controlPlane: ControlPlaneHealth;
  traffic: TrafficHealth;
  proxies: ProxyHealth;
}

export interface HealthVerdict {
  status: HealthStatus;
  reasons: string[];
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio < 0.01 ? 2 : 1)}%`;
}

function ratioVerdict(
  label: string,
  ratio: number | null,
  threshold: RatioThreshold,
): HealthVerdict | undefined {
  if (ratio === null) return undefined;
  if (ratio >= threshold.failing) {
    return {
      status: 'failing',
      reasons: [
        `${label} ratio ${percent(ratio)} is at or above ${percent(
          threshold.failing,
        )}`,
      ],
    };
  }
  if (ratio >= threshold.degraded && ratio > 0) {
    return {
      status: 'degraded',
      reasons: [
        `${label} ratio ${percent(ratio)} is at or above ${percent(
          threshold.degraded,
        )}`,
      ],
    };
  }
  return undefined;
}

function describeVersions(versions: ProxyVersionCount[]): string {
  return versions.map(v => `${v.count} on ${v.version}`).join(', ');
}

/**
 * Turns measured numbers into a status with reasons. Rules, worst wins: no Istio data → unknown;
 * istiod down → failing; 5xx/4xx ratios against Kiali-style thresholds; xDS rejects and unsupported
 * proxy version skew → degraded; then `more` (see lifecycleVerdicts.ts).
 */
export function evaluateHealth(
  input: HealthInput,
  thresholds: HealthThresholds,
  /** Verdicts judged elsewhere (certificates, end of life, ztunnel), folded in with the rest. */
  more: Array<HealthVerdict | undefined> = [],
): HealthVerdict {
  if (input.noIstioData) {
    return {
      status: 'unknown',
      reasons: ['Prometheus holds no Istio metrics for this cluster'],
    };
  }
  const verdicts: HealthVerdict[] = [];
  if (!input.controlPlane.istiodUp) {
    verdicts.push({
      status: 'failing',
      reasons: ['istiod is down: no istiod target is up'],
    });
  }
  for (const v of [
    ratioVerdict('5xx', input.traffic.errorRate5xx, thresholds.errorRate5xx),
    ratioVerdict('4xx', input.traffic.errorRate4xx, thresholds.errorRate4xx),
  ]) {
    if (v) verdicts.push(v);
  }
  const rejects = input.controlPlane.xdsRejectsPerMinute;
  if (rejects !== null && rejects > thresholds.xdsRejectsPerMinute) {
    verdicts.push({
      status: 'degraded',
      reasons: [
        `proxies reject xDS configuration: ${rejects.toFixed(1)} per minute`,
      ],
    });
  }
  const unsupported = unsupportedProxyVersions(
    input.proxies.versions,
    input.controlPlane.versions,
    thresholds.maxProxyMinorVersionSkew,
  );
  if (unsupported.length > 0) {
    verdicts.push({
      status: 'degraded',
      reasons: [
        `sidecars more than ${
          thresholds.maxProxyMinorVersionSkew
        } minor version(s) from istiod ${input.controlPlane.versions.join(
          ', ',
        )}: ${describeVersions(unsupported)}`,
      ],
    });
  }
  for (const v of more) if (v) verdicts.push(v);
  return verdicts.reduce<HealthVerdict>(
    (acc, v) => ({
      status: worstHealthStatus(acc.status, v.status),
      reasons: [...acc.reasons, ...v.reasons],
    }),
    { status: 'healthy', reasons: [] },
  );
}
