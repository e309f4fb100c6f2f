import { Entity } from '@backstage/catalog-model';
import { KUBERNETES_ID_ANNOTATION } from '@mesh-templates/plugin-mesh-common';

/**
 * Where mesh health makes sense: a `kubernetes-cluster` Resource (the whole cluster) or a Component
 * the Kubernetes plugin can find (its workload).
 *
 * @public
 */
export function isMeshEntity(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'resource') return entity.spec?.type === 'kubernetes-cluster';
  if (kind === 'component')
    return Boolean(entity.metadata.annotations?.[KUBERNETES_ID_ANNOTATION]);
  return false;
}

/**
 * A System is a mesh: its Mesh tab draws the kubernetes-cluster Resources that share its mesh ID.
 *
 * @public
 */
export function isMeshSystemEntity(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'system';
}
