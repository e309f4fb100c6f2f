import type { IstioMinorFacts } from '@mesh-templates/plugin-mesh-common';

/**
 * Who serves an API group: Kubernetes itself, a CRD someone has to install, or nobody because
 * kustomize reads the file and never sends it to the API server.
 */
type ServedBy = 'kubernetes' | 'crd' | 'kustomize';

/** What the product knows about one API group (or, for a parent domain, every group under it). */
interface ApiGroupEntry {
  servedBy: ServedBy;
  /** What installs the group's CRDs, as the apply report and the pull request name it. */
  installedBy?: string;
  /**
   * What installs the group's CRDs for a cluster on an Istio line, where the line decides the
   * release (undefined when it records none: `installedBy` then stands).
   */
  installedByOnLine?: (line: IstioMinorFacts) => string | undefined;
  /** The kubernetes-models package whose classes validate the group's kinds; none: structural checks. */
  modelPackage?: string;
  /** CRD names (as `kubectl get crd` lists them) of the kinds the bundles render, by kind. */
  crds?: Record<string, string>;
}

const istioBase = 'the Istio base chart (or istioctl install)';
const flux = 'Flux';
const metalLb = 'MetalLB';

/**
 * Keys are API groups; a key also covers every group under it (`istio.io` covers
 * `networking.istio.io`) unless that group has its own key. Undotted groups (core, `apps`,
 * `policy`, ...) are Kubernetes' own.
 */
const apiGroups: Record<string, ApiGroupEntry> = {
  'k8s.io': { servedBy: 'kubernetes', modelPackage: 'kubernetes-models' },
  'gateway.networking.k8s.io': {
    servedBy: 'crd',
    installedBy: 'the Kubernetes Gateway API CRDs',
    // istiod ignores Gateway API CRDs older than its minimums, so the release is part of the need.
    installedByOnLine: line =>
      line.gatewayApiVersion &&
      `the Kubernetes Gateway API CRDs ${line.gatewayApiVersion} (standard channel; Istio 1.${line.minor} requires it)`,
    crds: { Gateway: 'gateways.gateway.networking.k8s.io' },
  },
  'kustomize.config.k8s.io': { servedBy: 'kustomize' },
  'istio.io': {
    servedBy: 'crd',
    installedBy: istioBase,
    modelPackage: '@kubernetes-models/istio',
    crds: {
      Gateway: 'gateways.networking.istio.io',
      VirtualService: 'virtualservices.networking.istio.io',
      PeerAuthentication: 'peerauthentications.security.istio.io',
      Telemetry: 'telemetries.telemetry.istio.io',
    },
  },
  'install.istio.io': {
    servedBy: 'crd',
    installedBy:
      'the in-cluster Istio operator (istioctl operator init, Istio 1.23 and older)',
    modelPackage: '@kubernetes-models/istio',
    crds: { IstioOperator: 'istiooperators.install.istio.io' },
  },
  // No kubernetes-models package types the Sail kinds: the validator checks them structurally and
  // the conformance suite against the Sail CRDs' schemas.
  'sailoperator.io': {
    servedBy: 'crd',
    installedBy: 'the Sail Operator (its sail-operator Helm release)',
    crds: {
      Istio: 'istios.sailoperator.io',
      IstioRevisionTag: 'istiorevisiontags.sailoperator.io',
      IstioCNI: 'istiocnis.sailoperator.io',
      ZTunnel: 'ztunnels.sailoperator.io',
    },
  },
  'monitoring.coreos.com': {
    servedBy: 'crd',
    installedBy:
      'the Prometheus operator (kube-prometheus-stack or rancher-monitoring)',
    modelPackage: '@kubernetes-models/prometheus-operator',
    crds: {
      PodMonitor: 'podmonitors.monitoring.coreos.com',
      PrometheusRule: 'prometheusrules.monitoring.coreos.com',
      ServiceMonitor: 'servicemonitors.monitoring.coreos.com',
    },
  },
  'opentelemetry.io': {
    servedBy: 'crd',
    installedBy: 'the OpenTelemetry operator',
    modelPackage: '@kubernetes-models/opentelemetry-operator',
    crds: {
      OpenTelemetryCollector: 'opentelemetrycollectors.opentelemetry.io',
    },
  },
  'cert-manager.io': {
    servedBy: 'crd',
    installedBy: 'cert-manager with its CRDs',
    modelPackage: '@kubernetes-models/cert-manager',
    crds: { Certificate: 'certificates.cert-manager.io' },
  },
  'argoproj.io': {
    servedBy: 'crd',
    installedBy: 'Argo CD',
    modelPackage: '@kubernetes-models/argo-cd',
    crds: { Application: 'applications.argoproj.io' },
  },
  'toolkit.fluxcd.io': {
    servedBy: 'crd',
    installedBy: flux,
    modelPackage: '@kubernetes-models/flux-cd',
    crds: {
      HelmRelease: 'helmreleases.helm.toolkit.fluxcd.io',
      Kustomization: 'kustomizations.kustomize.toolkit.fluxcd.io',
      GitRepository: 'gitrepositories.source.toolkit.fluxcd.io',
      HelmRepository: 'helmrepositories.source.toolkit.fluxcd.io',
    },
  },
  'jaegertracing.io': {
    servedBy: 'crd',
    installedBy: 'the Jaeger operator',
    crds: { Jaeger: 'jaegers.jaegertracing.io' },
  },
  'kiali.io': {
    servedBy: 'crd',
    installedBy: 'the Kiali operator',
    crds: { Kiali: 'kialis.kiali.io' },
  },
  'metallb.io': {
    servedBy: 'crd',
    installedBy: metalLb,
    crds: {
      IPAddressPool: 'ipaddresspools.metallb.io',
      L2Advertisement: 'l2advertisements.metallb.io',
    },
  },
};

/** What the catalog says about one kind of one API group. */
export interface KindFacts {
  group: string;
  kind: string;
  /** Served by every Kubernetes API server; nothing to install. */
  builtIn: boolean;
  /** A kustomize file (e.g. `Kustomization`), never sent to the API server. */
  kustomizeOnly: boolean;
  /** The CRD serving the kind, as `kubectl get crd` lists it; undefined when not known. */
  crdName?: string;
  /** What installs that CRD; undefined for built-in kinds and groups the catalog does not know. */
  installedBy?: string;
  /** The kubernetes-models package whose class validates the kind, if one does. */
  modelPackage?: string;
}

/** The API group of an apiVersion: `''` for the core group (`v1`). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

function groupEntry(group: string): ApiGroupEntry | undefined {
  if (!group.includes('.')) {
    return apiGroups['k8s.io'];
  }
  for (let domain = group; domain.includes('.'); ) {
    const entry = apiGroups[domain];
    if (entry) return entry;
    domain = domain.slice(domain.indexOf('.') + 1);
  }
  return undefined;
}

/**
 * The catalog's facts for a kind; a group it does not know gives a custom kind with no facts.
 * With the cluster's Istio line, `installedBy` names the CRD release that line needs, if it says.
 */
export function kindFacts(
  group: string,
  kind: string,
  istioLine?: IstioMinorFacts,
): KindFacts {
  const entry = groupEntry(group);
  const crdName = entry?.crds?.[kind];
  return {
    group,
    kind,
    builtIn: entry?.servedBy === 'kubernetes',
    kustomizeOnly: entry?.servedBy === 'kustomize',
    // A kind of the same name in a sibling group has a CRD of its own, not this one.
    crdName:
      crdName && crdName.slice(crdName.indexOf('.') + 1) === group
        ? crdName
        : undefined,
    installedBy:
      (istioLine && entry?.installedByOnLine?.(istioLine)) ||
      entry?.installedBy,
    modelPackage: entry?.modelPackage,
  };
}

/** Where a CRD the bundle needs comes from. */
export interface KnownCrd {
  /** The CRD's name, as `kubectl get crd` lists it. */
  name: string;
  /** What installs it, so the report says what to install. */
  installedBy: string;
}

/**
 * The CRD of a kind the bundles render and what installs it: a fact table of the product's own
 * dependencies, not a plural guessed from the kind. Undefined for any other kind.
 */
export function knownCrdFor(group: string, kind: string): KnownCrd | undefined {
  const { crdName, installedBy } = kindFacts(group, kind);
  return crdName && installedBy ? { name: crdName, installedBy } : undefined;
}
