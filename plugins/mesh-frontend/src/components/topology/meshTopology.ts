import { Entity } from '@backstage/catalog-model';
import {
  ClusterHealth,
  HealthStatus,
  MESH_CLUSTER_ROLE_ANNOTATION,
  MESH_NETWORK_ANNOTATION,
  meshClusterNamesOf,
} from '@mesh-templates/plugin-mesh-common';

/** One box of the mesh picture: a member cluster, or a network's east-west gateway. */
export interface TopologyNode {
  id: string;
  kind: 'cluster' | 'gateway';
  title: string;
  lines: string[];
  status?: HealthStatus;
}

export interface TopologyEdge {
  from: string;
  to: string;
  label: string;
}

export interface MeshTopology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  networks: string[];
  /** The soonest root CA or istiod certificate expiry over the mesh, and whose it is. */
  nearestCertificate?: { cluster: string; expiresAt: string; which: string };
}

/** The cluster's place in the mesh as its committed spec states it (the catalog entity's annotations). */
export interface MeshMember {
  name: string;
  network: string;
  role: 'primary' | 'remote';
  health?: ClusterHealth;
}

/** Members from the mesh's cluster entities, each matched to its health by mesh cluster name. */
export function meshMembers(
  entities: Entity[],
  health: ClusterHealth[],
): MeshMember[] {
  return entities
    .map(entity => {
      const annotations = entity.metadata.annotations ?? {};
      const name = meshClusterNamesOf(entity)[0];
      return {
        name,
        network: annotations[MESH_NETWORK_ANNOTATION] || 'default network',
        role:
          annotations[MESH_CLUSTER_ROLE_ANNOTATION] === 'remote'
            ? ('remote' as const)
            : ('primary' as const),
        health: health.find(h => h.name === name),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function clusterLines(member: MeshMember): string[] {
  const h = member.health;
  if (!h) return [member.role, 'no health configured'];
  const revisions = h.revisions.length ? ` (${h.revisions.join(', ')})` : '';
  return [
    `${member.role} · ${h.status}`,
    `istiod ${h.controlPlane.versions.join(', ') || 'not seen'}${revisions}`,
  ];
}

function nearestCertificate(members: MeshMember[]) {
  let nearest: MeshTopology['nearestCertificate'];
  for (const m of members) {
    const c = m.health?.certificates;
    for (const [which, at] of [
      ['root CA', c?.rootExpiresAt],
      ['istiod', c?.istiodExpiresAt],
    ] as const) {
      if (at && (!nearest || at < nearest.expiresAt))
        nearest = { cluster: m.name, expiresAt: at, which };
    }
  }
  return nearest;
}

/**
 * The picture of one mesh: clusters grouped by network, each joined to its network's east-west
 * gateway; gateways linked to each other (cross-network traffic); remotes linked to the primary they
 * take configuration from (one on their own network when there is one).
 */
export function buildMeshTopology(members: MeshMember[]): MeshTopology {
  const networks = [...new Set(members.map(m => m.network))].sort();
  const multiNetwork = networks.length > 1;
  const gatewayId = (network: string) => `gateway:${network}`;
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  if (multiNetwork) {
    for (const network of networks) {
      nodes.push({
        id: gatewayId(network),
        kind: 'gateway',
        title: network,
        lines: ['east-west gateway', 'port 15443'],
      });
    }
    networks.forEach((a, i) =>
      networks.slice(i + 1).forEach(b =>
        edges.push({
          from: gatewayId(a),
          to: gatewayId(b),
          label: 'cross-network',
        }),
      ),
    );
  }
  const primaries = members.filter(m => m.role === 'primary');
  for (const member of members) {
    nodes.push({
      id: `cluster:${member.name}`,
      kind: 'cluster',
      title: member.name,
      lines: clusterLines(member),
      status: member.health?.status ?? 'unknown',
    });
    if (multiNetwork)
      edges.push({
        from: `cluster:${member.name}`,
        to: gatewayId(member.network),
        label: member.network,
      });
    if (member.role === 'remote') {
      const primary =
        primaries.find(p => p.network === member.network) ?? primaries[0];
      if (primary)
        edges.push({
          from: `cluster:${member.name}`,
          to: `cluster:${primary.name}`,
          label: 'config from',
        });
    }
  }
  return {
    nodes,
    edges,
    networks,
    nearestCertificate: nearestCertificate(members),
  };
}
