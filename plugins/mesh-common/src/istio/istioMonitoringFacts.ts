/** How the release's sample Prometheus monitors scrape the proxies. */
export interface IstioMonitoringFacts {
  /** Shape of the PodMonitor address relabelling: IPv4 only up to 1.19, IPv6+IPv4 after. */
  podMonitorDualStackAddress: boolean;
  /** The PodMonitor's pod target label is `pod_name` up to 1.26 and `pod` from 1.27. */
  podMonitorPodLabel: string;
}
