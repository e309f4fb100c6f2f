import {
  ProxyVersionCount,
  RevisionHealth,
} from '@mesh-templates/plugin-mesh-common';

/** The raw numbers read from one cluster's Prometheus, before any judgement; null means "no series". */
export interface ClusterMetrics {
  istiodUp: number | null;
  istiodVersions: string[];
  connectedProxies: number | null;
  xdsRejectsPerMinute: number | null;
  pushP99Ms: number | null;
  requestsPerSecond: number | null;
  requests5xxPerSecond: number | null;
  requests4xxPerSecond: number | null;
  mtlsRequestsPerSecond: number | null;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  proxyVersions: ProxyVersionCount[];
  /** Unix seconds. */
  rootCertExpirySec: number | null;
  istiodCertExpirySec: number | null;
  istiodRevisions: string[];
  ztunnelNodes: number | null;
  ztunnelUp: number | null;
  ztunnelVersions: ProxyVersionCount[];
  revisions: RevisionHealth[];
}
