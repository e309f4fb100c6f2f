import {
  ClusterHealth,
  HealthStatus,
} from '@mesh-templates/plugin-mesh-common';

/** A cluster's health as the backend would send it; tests override what they look at. */
export function sampleCluster(
  name: string,
  status: HealthStatus,
  overrides: Partial<ClusterHealth> = {},
): ClusterHealth {
  return {
    name,
    status,
    reasons: [],
    controlPlane: {
      istiodUp: true,
      versions: ['1.30.1'],
      connectedProxies: 12,
      xdsRejectsPerMinute: 0,
      pushP99Ms: 500,
    },
    traffic: {
      requestsPerSecond: 32.5,
      errorRate5xx: 0.0003,
      errorRate4xx: 0.016,
      latencyP50Ms: 10,
      latencyP99Ms: 100,
      mtlsShare: 1,
    },
    proxies: { versions: [{ version: '1.30.1', count: 12 }], skew: 0 },
    trend: {
      requestsPerSecond: [
        { t: 1000, v: 30 },
        { t: 1300, v: 32 },
        { t: 1600, v: 32.5 },
      ],
      errorRate5xx: [
        { t: 1000, v: 0 },
        { t: 1300, v: 0.001 },
        { t: 1600, v: 0.0003 },
      ],
    },
    certificates: {
      rootExpiresAt: '2036-11-28T00:00:00.000Z',
      istiodExpiresAt: '2027-11-30T00:00:00.000Z',
    },
    revisions: ['default'],
    endOfLife: null,
    ztunnel: null,
    links: {},
    observedAt: new Date().toISOString(),
    ...overrides,
  };
}
