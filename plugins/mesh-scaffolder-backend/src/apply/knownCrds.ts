/** Where a CRD the bundle needs comes from. */
export interface KnownCrd {
  /** The CRD's name, as `kubectl get crd` lists it. */
  name: string;
  /** What installs it, so the report says what to install. */
  installedBy: string;
}

const istioBase = "Istio's base chart (or istioctl)";

/**
 * The CRDs of every custom kind a mesh bundle contains. When one is not served, the report names
 * the CRD itself and what installs it: a fact table of the product's own dependencies, not a
 * plural guessed from the kind.
 */
const crdsByGroupKind: Record<string, KnownCrd> = {
  'argoproj.io/Application': {
    name: 'applications.argoproj.io',
    installedBy: 'Argo CD',
  },
  'cert-manager.io/Certificate': {
    name: 'certificates.cert-manager.io',
    installedBy: 'cert-manager',
  },
  'gateway.networking.k8s.io/Gateway': {
    name: 'gateways.gateway.networking.k8s.io',
    installedBy: 'the Kubernetes Gateway API CRDs',
  },
  'helm.toolkit.fluxcd.io/HelmRelease': {
    name: 'helmreleases.helm.toolkit.fluxcd.io',
    installedBy: 'Flux',
  },
  'install.istio.io/IstioOperator': {
    name: 'istiooperators.install.istio.io',
    installedBy: 'the Istio operator',
  },
  'jaegertracing.io/Jaeger': {
    name: 'jaegers.jaegertracing.io',
    installedBy: 'the Jaeger operator',
  },
  'kiali.io/Kiali': {
    name: 'kialis.kiali.io',
    installedBy: 'the Kiali operator',
  },
  'kustomize.toolkit.fluxcd.io/Kustomization': {
    name: 'kustomizations.kustomize.toolkit.fluxcd.io',
    installedBy: 'Flux',
  },
  'metallb.io/IPAddressPool': {
    name: 'ipaddresspools.metallb.io',
    installedBy: 'MetalLB',
  },
  'metallb.io/L2Advertisement': {
    name: 'l2advertisements.metallb.io',
    installedBy: 'MetalLB',
  },
  'monitoring.coreos.com/PodMonitor': {
    name: 'podmonitors.monitoring.coreos.com',
    installedBy:
      'the Prometheus operator (kube-prometheus-stack or rancher-monitoring)',
  },
  'monitoring.coreos.com/ServiceMonitor': {
    name: 'servicemonitors.monitoring.coreos.com',
    installedBy:
      'the Prometheus operator (kube-prometheus-stack or rancher-monitoring)',
  },
  'networking.istio.io/Gateway': {
    name: 'gateways.networking.istio.io',
    installedBy: istioBase,
  },
  'networking.istio.io/VirtualService': {
    name: 'virtualservices.networking.istio.io',
    installedBy: istioBase,
  },
  'opentelemetry.io/OpenTelemetryCollector': {
    name: 'opentelemetrycollectors.opentelemetry.io',
    installedBy: 'the OpenTelemetry operator',
  },
  'security.istio.io/PeerAuthentication': {
    name: 'peerauthentications.security.istio.io',
    installedBy: istioBase,
  },
  'source.toolkit.fluxcd.io/GitRepository': {
    name: 'gitrepositories.source.toolkit.fluxcd.io',
    installedBy: 'Flux',
  },
  'source.toolkit.fluxcd.io/HelmRepository': {
    name: 'helmrepositories.source.toolkit.fluxcd.io',
    installedBy: 'Flux',
  },
  'telemetry.istio.io/Telemetry': {
    name: 'telemetries.telemetry.istio.io',
    installedBy: istioBase,
  },
};

export function knownCrdFor(group: string, kind: string): KnownCrd | undefined {
  return crdsByGroupKind[`${group}/${kind}`];
}
