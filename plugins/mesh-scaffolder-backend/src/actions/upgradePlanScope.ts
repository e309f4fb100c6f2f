import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { MeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { meshMembers } from '../render';

/** What an upgrade run covers: the spec's own cluster, or every member of its mesh. */
export const UPGRADE_SCOPES = ['cluster', 'mesh'] as const;
export type UpgradeScope = (typeof UPGRADE_SCOPES)[number];

/**
 * The clusters a stage changes, and so the ones the gate is asked about. Members of a
 * multi-cluster mesh share one spec document and mesh:bundle:render renders them all from it, so
 * one member cannot be upgraded alone; the scope `cluster` is refused there rather than widened.
 */
export function upgradeClusters(
  spec: MeshClusterSpec,
  scope: UpgradeScope | undefined,
  clusterRef: string | undefined,
): string[] {
  const members = meshMembers(spec).map(member => member.name);
  if (clusterRef) {
    const { name } = parseEntityRef(clusterRef, { defaultKind: 'resource' });
    if (!members.includes(name)) {
      throw new InputError(
        `cluster: ${name} is not a cluster of the spec (${members.join(', ')})`,
      );
    }
  }
  if (scope === 'cluster' && spec.multiCluster.model !== 'single') {
    throw new InputError(
      `scope: the clusters of mesh ${spec.mesh.id} (${members.join(
        ', ',
      )}) share one spec, which renders and proposes all of them; upgrade the whole mesh`,
    );
  }
  return members;
}
