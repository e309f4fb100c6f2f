import type { MeshClusterSpec } from '@mesh-templates/plugin-mesh-common';

/** One cluster the bundle renders a tree for, with what it must know about the rest of the mesh. */
export interface MeshMember {
  name: string;
  network: string;
  role: 'primary' | 'remote';
  /** For a remote: the primary whose istiod it uses. */
  primaryClusterName: string;
  eastWestGatewayAddress: string;
  /** True for the cluster the spec itself describes (its own addresses, MetalLB pool, TLS). */
  isSpecCluster: boolean;
  /** Folder of the member's tree in the GitOps repository. */
  targetPath: string;
}

function pathSegments(path: string): string[] {
  return path.split('/').filter(segment => segment !== '');
}

/**
 * Peers follow the pattern of the spec's own target path: the segment naming the spec's cluster is
 * replaced by the peer's name; without such a segment the peer becomes a sibling folder.
 */
export function targetPathFor(spec: MeshClusterSpec, member: string): string {
  const own = pathSegments(spec.gitops.targetPath);
  if (member === spec.cluster.name) {
    return own.join('/');
  }
  if (own.includes(spec.cluster.name)) {
    return own
      .map(segment => (segment === spec.cluster.name ? member : segment))
      .join('/');
  }
  return [...own.slice(0, -1), member].join('/');
}

/**
 * The clusters of the mesh in render order: the spec's cluster alone for `single`, otherwise every
 * listed member in the order the spec lists them.
 */
export function meshMembers(spec: MeshClusterSpec): MeshMember[] {
  if (spec.multiCluster.model === 'single') {
    return [
      {
        name: spec.cluster.name,
        network: spec.cluster.network,
        role: 'primary',
        primaryClusterName: '',
        eastWestGatewayAddress: spec.eastWestGateway.loadBalancerIP,
        isSpecCluster: true,
        targetPath: targetPathFor(spec, spec.cluster.name),
      },
    ];
  }
  return spec.multiCluster.clusters.map(entry => ({
    name: entry.name,
    network: entry.network,
    role: entry.role,
    primaryClusterName: entry.primaryClusterName,
    eastWestGatewayAddress: entry.eastWestGatewayAddress,
    isSpecCluster: entry.name === spec.cluster.name,
    targetPath: targetPathFor(spec, entry.name),
  }));
}
