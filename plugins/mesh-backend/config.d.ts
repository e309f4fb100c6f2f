import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Mesh health: where each cluster's Istio metrics live and how they become a status. */
  mesh?: {
    /**
     * One Prometheus (or Thanos/Mimir) holding every cluster's metrics, told apart by `clusterLabel`.
     * Used for clusters that have no `prometheus` of their own.
     */
    prometheus?: {
      /** Base URL of the Prometheus HTTP API, e.g. http://thanos-query.monitoring:9090 */
      url: string;
      /** Label whose value is the cluster name on every series. Default: cluster */
      clusterLabel?: string;
      /**
       * Sent as `Authorization: Bearer <token>`.
       * @visibility secret
       */
      token?: string;
      /**
       * Extra request headers, e.g. `X-Scope-OrgID` for Mimir.
       * @visibility secret
       */
      headers?: { [name: string]: string };
    };
    /** The mesh clusters. Names match `mesh.backstage.io/cluster-name` (or the name) of cluster Resources. */
    clusters?: Array<{
      /** DNS-1123 label, e.g. cluster-east. */
      name: string;
      /** This cluster's own Prometheus; omit to use `mesh.prometheus`. */
      prometheus?: {
        /** Base URL of the Prometheus HTTP API. */
        url: string;
        /**
         * Sent as `Authorization: Bearer <token>`.
         * @visibility secret
         */
        token?: string;
        /**
         * Extra request headers.
         * @visibility secret
         */
        headers?: { [name: string]: string };
      };
      /** Links shown next to the cluster's health. */
      links?: {
        /** @visibility frontend */
        kiali?: string;
        /** @visibility frontend */
        grafana?: string;
        /** @visibility frontend */
        tracing?: string;
      };
    }>;
    /** How long one cluster may take to answer before it is reported unknown. Default: 3000 */
    clusterTimeoutMs?: number;
    /** How long an answer is reused. Default: 15000 */
    cacheTtlMs?: number;
    /**
     * How many Prometheus answers the backend reads into memory at once, across all requests and
     * clusters; further answers wait unread (within `clusterTimeoutMs`). Each answer is at most
     * 16 MiB, so the default bounds buffered answers to 256 MiB. Default: 16
     */
    maxBufferedAnswers?: number;
    /**
     * Template runs' rendered bundles, kept in the mesh plugin's database so the task page can
     * link to the files and a .tar.gz download.
     */
    runs?: {
      /**
       * How long a run's bundle is kept, e.g. `{ days: 3 }` or an ISO 8601 duration such as `P3D`.
       * Default: 3 days.
       */
      retention?: HumanDuration | string;
      /** How often expired bundles are removed. Default: every hour. */
      cleanupFrequency?: HumanDuration | string;
      /** Largest bundle stored, in bytes of file content. Default: 16777216 (16 MiB). */
      maxBundleBytes?: number;
    };
    /** Status limits; defaults follow Kiali. Ratios in 0..1. */
    thresholds?: {
      errorRate5xx?: { degraded?: number; failing?: number };
      errorRate4xx?: { degraded?: number; failing?: number };
      xdsRejectsPerMinute?: number;
      maxProxyMinorVersionSkew?: number;
      /** Days before the root CA or istiod certificate expires. Default: degraded 30, failing 7 */
      certificateExpiryDays?: { degraded?: number; failing?: number };
      /** Days before the Istio line's end of life (or after it) at which it degrades. Default: 60 */
      endOfLifeWarningDays?: number;
    };
    /**
     * Limits of the upgrade health gate asked before an Istio upgrade's promote stage. Defaults come
     * from `mesh.thresholds`.
     */
    upgradeGate?: {
      /** xDS rejects per minute by the canary's proxies above which promote is refused. Default: thresholds.xdsRejectsPerMinute */
      xdsRejectsPerMinute?: number;
      /** How much the canary's 5xx ratio (0..1) may exceed stable's. Default: thresholds.errorRate5xx.degraded */
      errorRate5xxIncrease?: number;
    };
  };
}
