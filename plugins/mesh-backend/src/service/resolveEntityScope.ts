import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
  MESH_CLUSTER_NAME_ANNOTATION,
  MESH_ISTIO_REVISION_ANNOTATION,
  MESH_ISTIO_VERSION_ANNOTATION,
  MeshHealthScope,
  meshClusterNamesOf,
} from '@mesh-templates/plugin-mesh-common';

/** Kubernetes names: anything else in an annotation is a typo or an attempt to widen the query. */
const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export interface EntityScope {
  scope: MeshHealthScope;
  /** Undefined means every configured cluster. */
  clusterNames?: string[];
  /** What the committed spec names for a cluster Resource (its annotations), to report drift. */
  expected?: { version?: string; revision?: string };
}

/** Istio versions and revision names as the spec allows them; anything else is not compared. */
const SPEC_VALUE = /^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/;

function expectedOf(annotations: Record<string, string>) {
  const pick = (key: string) => {
    const value = annotations[key]?.trim();
    return value && SPEC_VALUE.test(value) ? value : undefined;
  };
  const version = pick(MESH_ISTIO_VERSION_ANNOTATION);
  const revision = pick(MESH_ISTIO_REVISION_ANNOTATION);
  return version || revision
    ? { ...(version && { version }), ...(revision && { revision }) }
    : undefined;
}

/**
 * Maps a catalog entity to what its mesh health covers: a `kubernetes-cluster` Resource is one cluster;
 * a Component is its workload (the Kubernetes plugin's annotations) in every cluster, or in the clusters
 * its `mesh.backstage.io/cluster-name` annotation lists.
 */
export function resolveEntityScope(entity: Entity): EntityScope {
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  if (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === 'kubernetes-cluster'
  ) {
    const clusterNames = meshClusterNamesOf(entity);
    return {
      scope: { entityRef, clusterNames },
      clusterNames,
      expected: expectedOf(annotations),
    };
  }
  if (entity.kind.toLocaleLowerCase('en-US') === 'component') {
    const id = annotations[KUBERNETES_ID_ANNOTATION];
    if (!id) {
      throw new InputError(
        `${entityRef} has no ${KUBERNETES_ID_ANNOTATION} annotation naming its workload`,
      );
    }
    const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION];
    for (const [key, value] of [
      [KUBERNETES_ID_ANNOTATION, id],
      [KUBERNETES_NAMESPACE_ANNOTATION, namespace],
    ]) {
      if (value !== undefined && !KUBERNETES_NAME.test(value)) {
        throw new InputError(
          `${entityRef} has an invalid ${key} annotation: must be a Kubernetes name`,
        );
      }
    }
    const clusterNames = annotations[MESH_CLUSTER_NAME_ANNOTATION]
      ? meshClusterNamesOf(entity)
      : undefined;
    return {
      scope: {
        entityRef,
        clusterNames: clusterNames ?? [],
        workload: { id, ...(namespace && { namespace }) },
      },
      clusterNames,
    };
  }
  throw new InputError(
    `${entityRef} is neither a kubernetes-cluster Resource nor a Component; mesh health covers only those`,
  );
}
