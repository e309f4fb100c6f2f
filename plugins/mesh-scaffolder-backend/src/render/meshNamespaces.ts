import type { ClusterRenderContext } from './clusterRenderContext';

export interface MeshNamespace {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/**
 * What keeps Argo CD and Flux from deleting a namespace once the tree no longer lists it: the
 * mesh only labels application namespaces, and pruning one would delete every workload in it.
 */
export const PRUNE_DISABLED: Record<string, string> = {
  'argocd.argoproj.io/sync-options': 'Prune=false',
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
};

/**
 * Namespaces the tree creates: Istio's, the gateways', the workloads' and those of components the
 * bundle itself deploys. Namespaces owned by pre-existing stacks (monitoring, MetalLB, the GitOps
 * controller) are left alone so that pruning the tree never deletes them; the ones the mesh only
 * labels (injection namespaces, and pre-existing ones given labels) carry {@link PRUNE_DISABLED}.
 */
export function meshNamespaces(context: ClusterRenderContext): MeshNamespace[] {
  const { istio, cluster, ingressGateway, observability } = context;
  const preExisting = new Set<string>(['kube-system', 'default']);
  if (observability.prometheus.namespace) {
    preExisting.add(observability.prometheus.namespace);
  }
  const byName = new Map<string, Record<string, string>>();
  const notOwned = new Set<string>();
  const add = (name: string, labels: Record<string, string> = {}) => {
    if (!name || (preExisting.has(name) && Object.keys(labels).length === 0)) {
      return;
    }
    byName.set(name, { ...(byName.get(name) ?? {}), ...labels });
    if (preExisting.has(name)) {
      notOwned.add(name);
    }
  };
  add(
    istio.namespace,
    cluster.multiCluster
      ? { 'topology.istio.io/network': cluster.network }
      : {},
  );
  if (ingressGateway.enabled) {
    add(ingressGateway.namespace);
  }
  for (const name of istio.injectionNamespaces) {
    add(
      name,
      istio.movedNamespaces.includes(name)
        ? istio.canaryInjectionLabels
        : istio.injectionLabels,
    );
    notOwned.add(name);
  }
  const { tracing, kiali } = observability;
  if (tracing.viaOtelCollector) {
    add(tracing.otelCollector.namespace);
  }
  if (tracing.enabled) {
    add(tracing.backendNamespace);
  }
  if (kiali.enabled) {
    add(kiali.namespace);
    if (kiali.install === 'operator') {
      add(kiali.operatorNamespace);
    }
  }
  return [...byName.entries()]
    .map(([name, labels]) => ({
      name,
      labels,
      annotations: notOwned.has(name) ? PRUNE_DISABLED : {},
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
