/**
 * What each fake cluster's Prometheus is built to hold. Tests compare the backend's answer with these
 * numbers, so they are the single source of truth for the fixture and its assertions.
 */
export interface FixtureWorkload {
  namespace: string;
  /** Becomes `destination_canonical_service` and `destination_workload`. */
  name: string;
  /** Requests per second received by the workload (each also reported once by its source). */
  requestsPerSecond: number;
  errorRate5xx: number;
  errorRate4xx: number;
  /** Share of received requests that arrived over mutual TLS. */
  mtlsShare: number;
}

export interface FixtureCluster {
  name: string;
  /** `up` of the istiod targets; when false, istiod exports nothing else, as when it is not running. */
  istiodUp: boolean;
  istiodVersion: string;
  /** Proxies connected to each istiod pod; their sum is the connected proxy count. */
  connectedProxiesPerIstiod: number[];
  xdsRejectsPerMinute: number;
  /** Must be a bucket boundary of `pilot_proxy_convergence_time` (seconds × 1000). */
  pushP99Ms: number;
  /** Sidecar version → how many sidecars run it. */
  proxyVersions: Record<string, number>;
  /** Latency quantiles of all requests; must be bucket boundaries of `istio_request_duration_milliseconds`. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  workloads: FixtureWorkload[];
}

export const healthyCluster: FixtureCluster = {
  name: 'cluster-east',
  istiodUp: true,
  istiodVersion: '1.30.1',
  connectedProxiesPerIstiod: [7, 5],
  xdsRejectsPerMinute: 0,
  pushP99Ms: 500,
  proxyVersions: { '1.30.1': 11, '1.29.3': 1 },
  latencyP50Ms: 10,
  latencyP99Ms: 100,
  workloads: [
    {
      namespace: 'bookinfo',
      name: 'reviews',
      requestsPerSecond: 20,
      errorRate5xx: 0,
      errorRate4xx: 0.02,
      mtlsShare: 1,
    },
    {
      namespace: 'bookinfo',
      name: 'productpage',
      requestsPerSecond: 12.5,
      errorRate5xx: 0.0008,
      errorRate4xx: 0.01,
      mtlsShare: 1,
    },
  ],
};

export const degradedCluster: FixtureCluster = {
  name: 'cluster-west',
  istiodUp: true,
  istiodVersion: '1.30.1',
  connectedProxiesPerIstiod: [8],
  xdsRejectsPerMinute: 3,
  pushP99Ms: 1000,
  // 1.28 is two minor versions behind istiod: an unsupported skew.
  proxyVersions: { '1.30.1': 6, '1.28.0': 2 },
  latencyP50Ms: 25,
  latencyP99Ms: 500,
  workloads: [
    {
      namespace: 'bookinfo',
      name: 'reviews',
      requestsPerSecond: 40,
      errorRate5xx: 0.03,
      errorRate4xx: 0.05,
      mtlsShare: 0.75,
    },
    {
      namespace: 'shop',
      name: 'cart',
      requestsPerSecond: 10,
      errorRate5xx: 0.01,
      errorRate4xx: 0,
      mtlsShare: 1,
    },
  ],
};

export const controlPlaneDownCluster: FixtureCluster = {
  name: 'cluster-south',
  istiodUp: false,
  istiodVersion: '1.30.1',
  connectedProxiesPerIstiod: [],
  xdsRejectsPerMinute: 0,
  pushP99Ms: 100,
  proxyVersions: { '1.30.1': 4 },
  latencyP50Ms: 10,
  latencyP99Ms: 50,
  workloads: [
    {
      namespace: 'bookinfo',
      name: 'ratings',
      requestsPerSecond: 5,
      errorRate5xx: 0,
      errorRate4xx: 0,
      mtlsShare: 1,
    },
  ],
};

export const fixtureClusters = [
  healthyCluster,
  degradedCluster,
  controlPlaneDownCluster,
];

/** What the backend should report for a cluster or one of its workloads, derived from the spec above. */
export function expectedTraffic(
  cluster: FixtureCluster,
  workloadName?: string,
) {
  const workloads = cluster.workloads.filter(
    w => !workloadName || w.name === workloadName,
  );
  const rps = workloads.reduce((sum, w) => sum + w.requestsPerSecond, 0);
  const share = (pick: (w: FixtureWorkload) => number) =>
    workloads.reduce((sum, w) => sum + w.requestsPerSecond * pick(w), 0) / rps;
  return {
    requestsPerSecond: rps,
    errorRate5xx: share(w => w.errorRate5xx),
    errorRate4xx: share(w => w.errorRate4xx),
    mtlsShare: share(w => w.mtlsShare),
    latencyP50Ms: cluster.latencyP50Ms,
    latencyP99Ms: cluster.latencyP99Ms,
  };
}
