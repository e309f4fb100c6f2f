/**
 * Helm chart repositories and the versions pinned where the spec names none. Istio charts are
 * pinned to the Istio version; the others to the release the conformance data was taken from, or
 * left to the newest (`*`) where no conformance data exists, which the README asks users to pin.
 */
export interface ChartSource {
  repoName: string;
  repoUrl: string;
}

export const CHART_SOURCES: Record<string, ChartSource> = {
  base: {
    repoName: 'istio',
    repoUrl: 'https://istio-release.storage.googleapis.com/charts',
  },
  istiod: {
    repoName: 'istio',
    repoUrl: 'https://istio-release.storage.googleapis.com/charts',
  },
  'istiod-remote': {
    repoName: 'istio',
    repoUrl: 'https://istio-release.storage.googleapis.com/charts',
  },
  gateway: {
    repoName: 'istio',
    repoUrl: 'https://istio-release.storage.googleapis.com/charts',
  },
  cni: {
    repoName: 'istio',
    repoUrl: 'https://istio-release.storage.googleapis.com/charts',
  },
  ztunnel: {
    repoName: 'istio',
    repoUrl: 'https://istio-release.storage.googleapis.com/charts',
  },
  'sail-operator': {
    repoName: 'sail-operator',
    repoUrl: 'https://istio-ecosystem.github.io/sail-operator',
  },
  'kiali-server': {
    repoName: 'kiali',
    repoUrl: 'https://kiali.org/helm-charts',
  },
  'kiali-operator': {
    repoName: 'kiali',
    repoUrl: 'https://kiali.org/helm-charts',
  },
  tempo: {
    repoName: 'grafana',
    repoUrl: 'https://grafana.github.io/helm-charts',
  },
  grafana: {
    repoName: 'grafana',
    repoUrl: 'https://grafana.github.io/helm-charts',
  },
  'kube-prometheus-stack': {
    repoName: 'prometheus-community',
    repoUrl: 'https://prometheus-community.github.io/helm-charts',
  },
  'rancher-monitoring': {
    repoName: 'rancher',
    repoUrl: 'https://charts.rancher.io',
  },
};

/** Kiali chart version used when the spec pins none (the conformance data's release). */
export const DEFAULT_KIALI_CHART_VERSION = '2.29.0';
/** Tempo (single binary) chart version of the conformance data. */
export const TEMPO_CHART_VERSION = '1.24.4';
/** Semver range meaning "newest"; used for stacks without conformance data. */
export const UNPINNED_CHART_VERSION = '*';
