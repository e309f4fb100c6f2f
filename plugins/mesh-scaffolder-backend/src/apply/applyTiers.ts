/**
 * Apply order: a tier is applied only after the previous one, objects within a tier concurrently.
 * CRDs and namespaces come first because everything else may need them; cluster-scoped objects
 * (ClusterRoles, webhooks, MetalLB pools) before namespaced ones that may refer to them.
 */
export const APPLY_TIERS = [
  'CRDs and namespaces',
  'cluster-scoped objects',
  'namespaced objects',
] as const;

export type ApplyTier = 0 | 1 | 2;

export function applyTierOf(
  apiVersion: string,
  kind: string,
  namespaced: boolean,
): ApplyTier {
  if (
    (apiVersion === 'v1' && kind === 'Namespace') ||
    (apiVersion.startsWith('apiextensions.k8s.io/') &&
      kind === 'CustomResourceDefinition')
  ) {
    return 0;
  }
  return namespaced ? 2 : 1;
}
