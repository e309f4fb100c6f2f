import {
  ClusterHealth,
  ClusterLinks,
} from '@mesh-templates/plugin-mesh-common';

/** A cluster we could not read: every number null, status unknown, and the reason why. */
export function unknownClusterHealth(
  name: string,
  links: ClusterLinks,
  reason: string,
  observedAt: Date,
): ClusterHealth {
  return {
    name,
    status: 'unknown',
    reasons: [reason],
    controlPlane: {
      istiodUp: false,
      versions: [],
      connectedProxies: null,
      xdsRejectsPerMinute: null,
      pushP99Ms: null,
      revisions: [],
    },
    traffic: {
      requestsPerSecond: null,
      errorRate5xx: null,
      errorRate4xx: null,
      latencyP50Ms: null,
      latencyP99Ms: null,
      mtlsShare: null,
    },
    proxies: { versions: [], skew: 0 },
    trend: { requestsPerSecond: [], errorRate5xx: [] },
    certificates: { rootExpiresAt: null, istiodExpiresAt: null },
    revisions: [],
    endOfLife: null,
    ztunnel: null,
    links,
    observedAt: observedAt.toISOString(),
  };
}
