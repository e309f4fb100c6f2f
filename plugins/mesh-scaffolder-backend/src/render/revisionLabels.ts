/**
 * The labels a bundle puts on every object that exists once per Istio revision (the istiod
 * release's Argo CD Application or Flux HelmRelease), so that the objects of a retired revision
 * can be found on a cluster and removed without touching anything the bundle does not own.
 */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'mesh-templates';
/** Istio's own revision label; with the managed-by label it names the bundle's objects of one revision. */
export const REVISION_LABEL = 'istio.io/rev';

/** The labels of a revision-bound object of the bundle. */
export function revisionLabels(revision: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [REVISION_LABEL]: revision };
}

/**
 * The kinds the render labels with {@link revisionLabels}: the only kinds a retired revision's
 * objects are looked for in.
 */
export const REVISION_BOUND_KINDS: ReadonlyArray<{
  apiVersion: string;
  kind: string;
}> = [
  { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' },
  { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease' },
];

/**
 * Argo CD's deletion finalizer: deleting an Application that carries it also deletes the resources
 * the Application installed (the chart's), in the foreground. Without it, the old istiod would
 * keep running after its Application is gone.
 */
export const ARGOCD_RESOURCES_FINALIZER =
  'resources-finalizer.argocd.argoproj.io';
