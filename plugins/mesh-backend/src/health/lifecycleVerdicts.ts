import {
  ClusterHealth,
  DriftHealth,
  HealthThresholds,
  ISTIO_RELEASE_FACTS,
  parseReportedIstioVersion,
  ZtunnelHealth,
} from '@mesh-templates/plugin-mesh-common';
import { HealthVerdict } from './evaluateHealth';
import { unsupportedProxyVersions } from './versionSkew';

const DAY_MS = 24 * 3600 * 1000;

function days(ms: number): string {
  const d = ms / DAY_MS;
  return d < 1 ? `${(d * 24).toFixed(0)} hours` : `${d.toFixed(0)} days`;
}

/** Root CA and istiod certificates against `certificateExpiryDays`; an expired one fails. */
export function certificateVerdicts(
  certificates: ClusterHealth['certificates'],
  thresholds: HealthThresholds,
  now: Date,
): HealthVerdict[] {
  const limits = thresholds.certificateExpiryDays;
  const verdicts: HealthVerdict[] = [];
  for (const [label, at] of [
    ['mesh root CA certificate', certificates.rootExpiresAt],
    ['istiod certificate', certificates.istiodExpiresAt],
  ] as const) {
    if (at === null) continue;
    const leftMs = Date.parse(at) - now.getTime();
    const day = at.slice(0, 10);
    if (leftMs <= 0) {
      verdicts.push({
        status: 'failing',
        reasons: [`${label} expired on ${day}`],
      });
    } else if (leftMs < limits.failing * DAY_MS) {
      verdicts.push({
        status: 'failing',
        reasons: [
          `${label} expires in ${days(leftMs)} (${day}), under ${
            limits.failing
          } days`,
        ],
      });
    } else if (leftMs < limits.degraded * DAY_MS) {
      verdicts.push({
        status: 'degraded',
        reasons: [
          `${label} expires in ${days(leftMs)} (${day}), under ${
            limits.degraded
          } days`,
        ],
      });
    }
  }
  return verdicts;
}

/** The oldest istiod line's end of life, from the Istio release facts in mesh-common. */
export function endOfLifeOf(istiodVersions: string[]): string | null {
  const dates = istiodVersions
    .map(parseReportedIstioVersion)
    .map(v => v && ISTIO_RELEASE_FACTS.lineOf(v)?.endOfLife)
    .filter((d): d is string => d !== undefined)
    .sort();
  return dates[0] ?? null;
}

export function endOfLifeVerdict(
  istiodVersions: string[],
  endOfLife: string | null,
  thresholds: HealthThresholds,
  now: Date,
): HealthVerdict | undefined {
  if (endOfLife === null) return undefined;
  const leftMs = Date.parse(`${endOfLife}T00:00:00Z`) - now.getTime();
  const versions = istiodVersions.join(', ');
  if (leftMs <= 0) {
    return {
      status: 'degraded',
      reasons: [
        `Istio ${versions} reached end of life on ${endOfLife}: no more security fixes`,
      ],
    };
  }
  if (leftMs < thresholds.endOfLifeWarningDays * DAY_MS) {
    return {
      status: 'degraded',
      reasons: [
        `Istio ${versions} reaches end of life on ${endOfLife}, in ${days(
          leftMs,
        )}`,
      ],
    };
  }
  return undefined;
}

/** Ambient: a node whose ztunnel is down has no mesh traffic; ztunnel too far from istiod degrades. */
export function ztunnelVerdicts(
  ztunnel: ZtunnelHealth | null,
  istiodVersions: string[],
  thresholds: HealthThresholds,
): HealthVerdict[] {
  if (!ztunnel) return [];
  const verdicts: HealthVerdict[] = [];
  if (ztunnel.up < ztunnel.nodes) {
    verdicts.push({
      status: 'degraded',
      reasons: [
        `ztunnel is down on ${ztunnel.nodes - ztunnel.up} of ${
          ztunnel.nodes
        } nodes`,
      ],
    });
  }
  const skewed = unsupportedProxyVersions(
    ztunnel.versions,
    istiodVersions,
    thresholds.maxProxyMinorVersionSkew,
  );
  if (skewed.length > 0) {
    verdicts.push({
      status: 'degraded',
      reasons: [
        `ztunnel more than ${
          thresholds.maxProxyMinorVersionSkew
        } minor version(s) from istiod ${istiodVersions.join(', ')}: ${skewed
          .map(v => `${v.count} on ${v.version}`)
          .join(', ')}`,
      ],
    });
  }
  return verdicts;
}

/**
 * "Git says 1.31.1, the cluster runs 1.30.3": the committed spec's version and revision (from the
 * cluster entity's annotations) against istiod's. Applied after the cache, per entity, so it costs
 * no upstream request. A cluster that could not be read is left as it is.
 */
export function withDrift(
  health: ClusterHealth,
  expected: DriftHealth['expected'],
): ClusterHealth {
  if (health.status === 'unknown') return health;
  const actual = {
    versions: health.controlPlane.versions,
    revisions: health.revisions,
  };
  const reasons: string[] = [];
  if (expected.version && !actual.versions.includes(expected.version)) {
    reasons.push(
      `Git says ${expected.version}, the cluster runs ${
        actual.versions.join(', ') || 'no istiod'
      }`,
    );
  }
  if (expected.revision && !actual.revisions.includes(expected.revision)) {
    reasons.push(
      `Git says revision ${expected.revision}, istiod runs ${
        actual.revisions.join(', ') || 'none'
      }`,
    );
  }
  const drifted = reasons.length > 0;
  return {
    ...health,
    status: drifted && health.status === 'healthy' ? 'degraded' : health.status,
    reasons: [...health.reasons, ...reasons],
    drift: { expected, actual, drifted },
  };
}
