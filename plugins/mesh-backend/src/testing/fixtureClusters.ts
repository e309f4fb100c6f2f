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
  /** The revision whose sidecar the workload runs; default the cluster's `revision`. */
  revision?: string;
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
  /** Days from each sample's time to the root CA's / istiod certificate's expiry; no series when absent. */
  rootCertExpiresInDays?: number;
  istiodCertExpiresInDays?: number;
  /** istiod's `istio.io/rev` (the `istio_io_rev` label); absent for the default revision. */
  revision?: string;
  /** Mid-upgrade: a second istiod revision beside `revision`, with its own sidecars. */
  canary?: {
    revision: string;
    version: string;
    up: boolean;
    proxies: number;
    xdsRejectsPerMinute: number;
  };
  /** Ambient: ztunnel per node, how many of them are down, and their version. */
  ztunnel?: { nodes: number; down: number; version: string };
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
  rootCertExpiresInDays: 3650,
  istiodCertExpiresInDays: 365,
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

/** A small healthy cluster (one istiod, two sidecars, one workload): the filler of a 500-cluster store. */
export function smallHealthyCluster(name: string): FixtureCluster {
  return {
    name,
    istiodUp: true,
    istiodVersion: '1.30.1',
    connectedProxiesPerIstiod: [2],
    xdsRejectsPerMinute: 0,
    pushP99Ms: 500,
    proxyVersions: { '1.30.1': 2 },
    latencyP50Ms: 10,
    latencyP99Ms: 100,
    workloads: [
      {
        namespace: 'shop',
        name: 'cart',
        requestsPerSecond: 4,
        errorRate5xx: 0,
        errorRate4xx: 0,
        mtlsShare: 1,
      },
    ],
  };
}

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

/** A quiet healthy cluster on `version`, the base of the lifecycle clusters below. */
function quietCluster(name: string, version: string): FixtureCluster {
  return {
    name,
    istiodUp: true,
    istiodVersion: version,
    connectedProxiesPerIstiod: [4],
    xdsRejectsPerMinute: 0,
    pushP99Ms: 500,
    proxyVersions: { [version]: 4 },
    latencyP50Ms: 10,
    latencyP99Ms: 100,
    rootCertExpiresInDays: 3650,
    istiodCertExpiresInDays: 365,
    workloads: [
      {
        namespace: 'shop',
        name: 'cart',
        requestsPerSecond: 8,
        errorRate5xx: 0,
        errorRate4xx: 0,
        mtlsShare: 1,
      },
    ],
  };
}

/** The mesh root CA expires in 5 days: failing (under 7), everything else healthy. */
export const expiringRootCaCluster: FixtureCluster = {
  ...quietCluster('cluster-ca', '1.30.3'),
  rootCertExpiresInDays: 5,
};

/** Istio 1.28, whose support ended on 2026-05-31: degraded. */
export const endOfLifeCluster: FixtureCluster = quietCluster(
  'cluster-legacy',
  '1.28.4',
);

/**
 * Runs 1.30.3 on the default revision while its catalog entity (examples/entities.yaml) says the
 * committed spec is 1.31.1 on revision 1-31: drift, shown when the entity is asked. Ambient, with
 * ztunnel up on its three nodes.
 */
export const driftCluster: FixtureCluster = {
  ...quietCluster('cluster-drift', '1.30.3'),
  ztunnel: { nodes: 3, down: 0, version: '1.30.3' },
};

export const lifecycleClusters = [
  expiringRootCaCluster,
  endOfLifeCluster,
  driftCluster,
];

/** The cluster of the upgrade below, as it ran before the canary came. */
const beforeUpgrade = quietCluster('cluster-upgrade', '1.30.3');

/**
 * Mid-upgrade from 1.30.3 (revision 1-30-3) to 1.31.0 (revision 1-31-0): the canary istiod is up,
 * 6 proxies still on stable and 2 moved; the workload on the canary answers as cleanly as stable's.
 */
export const upgradingCluster: FixtureCluster = {
  ...beforeUpgrade,
  revision: '1-30-3',
  connectedProxiesPerIstiod: [6],
  proxyVersions: { '1.30.3': 6 },
  canary: {
    revision: '1-31-0',
    version: '1.31.0',
    up: true,
    proxies: 2,
    xdsRejectsPerMinute: 0,
  },
  workloads: [
    ...beforeUpgrade.workloads,
    {
      namespace: 'payments',
      name: 'checkout',
      requestsPerSecond: 4,
      errorRate5xx: 0,
      errorRate4xx: 0,
      mtlsShare: 1,
      revision: '1-31-0',
    },
  ],
};

/** The same upgrade, but the workload moved to the canary answers 20 % 5xx: promote must wait. */
export const failingCanaryCluster: FixtureCluster = {
  ...upgradingCluster,
  name: 'cluster-canary-5xx',
  workloads: upgradingCluster.workloads.map(w =>
    w.revision ? { ...w, errorRate5xx: 0.2 } : w,
  ),
};

export const upgradeClusters = [upgradingCluster, failingCanaryCluster];
