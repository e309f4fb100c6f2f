/** A kind the contract API server serves, as its discovery documents describe it. */
export interface ServedKind {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** Whether the resource has a /status subresource (status is then ignored on apply). */
  hasStatus?: boolean;
}

const kind = (
  group: string,
  version: string,
  name: string,
  plural: string,
  namespaced: boolean,
  hasStatus = false,
): ServedKind => ({
  group,
  version,
  kind: name,
  plural,
  namespaced,
  hasStatus,
});

/** The built-in kinds a mesh bundle uses, with the plurals a real API server reports. */
export const BUILTIN_KINDS: ServedKind[] = [
  kind('', 'v1', 'Namespace', 'namespaces', false, true),
  kind('', 'v1', 'Service', 'services', true, true),
  kind('', 'v1', 'ServiceAccount', 'serviceaccounts', true),
  kind('', 'v1', 'ConfigMap', 'configmaps', true),
  kind('', 'v1', 'Secret', 'secrets', true),
  kind('', 'v1', 'LimitRange', 'limitranges', true),
  kind('', 'v1', 'ResourceQuota', 'resourcequotas', true, true),
  kind('apps', 'v1', 'Deployment', 'deployments', true, true),
  kind('apps', 'v1', 'DaemonSet', 'daemonsets', true, true),
  kind('apps', 'v1', 'StatefulSet', 'statefulsets', true, true),
  kind(
    'apiextensions.k8s.io',
    'v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    false,
    true,
  ),
  kind('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true),
  kind('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, true),
  kind('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  kind(
    'rbac.authorization.k8s.io',
    'v1',
    'ClusterRoleBinding',
    'clusterrolebindings',
    false,
  ),
  kind('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true),
  kind('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true),
  kind(
    'policy',
    'v1',
    'PodDisruptionBudget',
    'poddisruptionbudgets',
    true,
    true,
  ),
  kind(
    'autoscaling',
    'v2',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
    true,
    true,
  ),
];

/** Custom resources of the GitOps engines and operators, for tests that install them up front. */
export const ENGINE_KINDS = {
  fluxHelmRelease: kind(
    'helm.toolkit.fluxcd.io',
    'v2',
    'HelmRelease',
    'helmreleases',
    true,
    true,
  ),
  fluxHelmRepository: kind(
    'source.toolkit.fluxcd.io',
    'v1',
    'HelmRepository',
    'helmrepositories',
    true,
    true,
  ),
  fluxKustomization: kind(
    'kustomize.toolkit.fluxcd.io',
    'v1',
    'Kustomization',
    'kustomizations',
    true,
    true,
  ),
  argoApplication: kind(
    'argoproj.io',
    'v1alpha1',
    'Application',
    'applications',
    true,
  ),
  istioPeerAuthentication: kind(
    'security.istio.io',
    'v1',
    'PeerAuthentication',
    'peerauthentications',
    true,
    true,
  ),
  istioTelemetry: kind(
    'telemetry.istio.io',
    'v1',
    'Telemetry',
    'telemetries',
    true,
    true,
  ),
  istioGateway: kind(
    'networking.istio.io',
    'v1',
    'Gateway',
    'gateways',
    true,
    true,
  ),
  podMonitor: kind(
    'monitoring.coreos.com',
    'v1',
    'PodMonitor',
    'podmonitors',
    true,
  ),
  serviceMonitor: kind(
    'monitoring.coreos.com',
    'v1',
    'ServiceMonitor',
    'servicemonitors',
    true,
  ),
  certificate: kind(
    'cert-manager.io',
    'v1',
    'Certificate',
    'certificates',
    true,
    true,
  ),
};

export function groupVersionOf(
  served: Pick<ServedKind, 'group' | 'version'>,
): string {
  return served.group ? `${served.group}/${served.version}` : served.version;
}
