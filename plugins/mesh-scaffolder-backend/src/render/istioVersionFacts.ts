import { istioMinorVersion } from '@mesh-templates/plugin-mesh-common';

/**
 * What changes between Istio releases, as far as the rendered files are concerned. Each fact is
 * taken from the upstream charts and CRDs of the conformance releases (see
 * shared/conformance/SOURCES.md); templates branch on these names, never on raw version numbers.
 */
export interface IstioVersionFacts {
  minor: number;
  /** `global.configValidation` lives in the base chart up to 1.22, in istiod from 1.23. */
  configValidationInIstiod: boolean;
  /**
   * `telemetry.v2` carries the wasm/metadataExchange block up to 1.20 (the last release whose
   * charts show it); from 1.23 only `enabled` flags remain.
   */
  telemetryV2WasmKeys: boolean;
  /** The charts ship `profile` values files (`files/profile-*.yaml`) from 1.23. */
  chartProfiles: boolean;
  /** `global.multiCluster.enabled` exists through 1.24; later only `clusterName`. */
  multiClusterEnabledKey: boolean;
  /** Remotes use the separate `istiod-remote` chart up to 1.23, istiod with `profile: remote` after. */
  istiodRemoteChart: boolean;
  /** `pilot.cni.enabled` (1.23+) replaces `istio_cni.enabled` (1.20–1.22). */
  cniUnderPilot: boolean;
  /** apiVersion of Istio networking objects as the samples write them (v1 from 1.24). */
  networkingApiVersion: string;
  /** PeerAuthentication apiVersion: v1 is served from 1.22. */
  securityApiVersion: string;
  /** Telemetry apiVersion: v1 is served from 1.22. */
  telemetryApiVersion: string;
  /** Shape of the PodMonitor address relabelling: IPv4 only up to 1.19, IPv6+IPv4 after. */
  podMonitorDualStackAddress: boolean;
  /** The PodMonitor's pod target label is `pod_name` up to 1.26 and `pod` from 1.27. */
  podMonitorPodLabel: string;
  /**
   * apiVersion of the Gateway API Gateway that serves as the ambient east-west gateway (1.27+):
   * Istio's generator writes v1beta1 in 1.27 and v1 in 1.30.
   */
  ambientEastWestApiVersion: string;
  /** From 1.24 the charts select platform profiles (openshift, k3s, ...) through `global.platform`. */
  chartPlatformProfiles: boolean;
  /** The in-cluster IstioOperator controller exists up to 1.23. */
  operatorController: boolean;
}

export function istioVersionFacts(version: string): IstioVersionFacts {
  const minor = istioMinorVersion(version);
  return {
    minor,
    configValidationInIstiod: minor >= 23,
    telemetryV2WasmKeys: minor <= 20,
    chartProfiles: minor >= 23,
    multiClusterEnabledKey: minor <= 24,
    istiodRemoteChart: minor <= 23,
    cniUnderPilot: minor >= 23,
    networkingApiVersion:
      minor >= 24 ? 'networking.istio.io/v1' : 'networking.istio.io/v1alpha3',
    securityApiVersion:
      minor >= 22 ? 'security.istio.io/v1' : 'security.istio.io/v1beta1',
    telemetryApiVersion:
      minor >= 22 ? 'telemetry.istio.io/v1' : 'telemetry.istio.io/v1alpha1',
    podMonitorDualStackAddress: minor >= 20,
    podMonitorPodLabel: minor >= 27 ? 'pod' : 'pod_name',
    operatorController: minor <= 23,
    chartPlatformProfiles: minor >= 24,
    ambientEastWestApiVersion:
      minor >= 30
        ? 'gateway.networking.k8s.io/v1'
        : 'gateway.networking.k8s.io/v1beta1',
  };
}
