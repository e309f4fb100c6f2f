import { MeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { BundleIndexEntry } from '../bundle/meshBundle';

export type GitopsEngine = 'argocd' | 'flux' | 'kustomize';

/** What the pull request body states about the mesh; taken from the spec when the task has it. */
export interface MeshFacts {
  istioVersion?: string;
  installMethod?: string;
  revision?: string;
  meshId?: string;
  multiClusterModel?: string;
  engine: GitopsEngine;
  /** Namespace of the engine's objects (Argo CD or Flux). */
  engineNamespace?: string;
}

/** The facts a spec states for itself. */
export function meshFactsFromSpec(spec: MeshClusterSpec): MeshFacts {
  return {
    istioVersion: spec.istio.version,
    installMethod: spec.istio.installMethod,
    revision: spec.istio.revision || undefined,
    meshId: spec.mesh.id,
    multiClusterModel: spec.multiCluster.model,
    engine: spec.gitops.engine,
    engineNamespace: spec.gitops.controllerNamespace || undefined,
  };
}

/**
 * Without a spec, the engine is read from the objects the bundle holds; versions are not guessed,
 * the body then says they were not given.
 */
export function meshFactsFromIndex(index: BundleIndexEntry[]): MeshFacts {
  const groups = new Set(index.map(e => e.apiVersion.split('/')[0]));
  let engine: GitopsEngine = 'kustomize';
  if (groups.has('argoproj.io')) {
    engine = 'argocd';
  } else if ([...groups].some(g => g.endsWith('toolkit.fluxcd.io'))) {
    engine = 'flux';
  }
  const operator = index.some(e => e.kind === 'IstioOperator');
  return {
    engine,
    installMethod: operator
      ? 'istioctl or operator (IstioOperator)'
      : undefined,
  };
}
