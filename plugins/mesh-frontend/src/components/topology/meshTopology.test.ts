import { Entity } from '@backstage/catalog-model';
import { sampleCluster } from '../../testing/sampleHealth';
import { buildMeshTopology, meshMembers } from './meshTopology';

const clusterEntity = (
  name: string,
  network: string,
  role: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: {
      'mesh.backstage.io/network': network,
      'mesh.backstage.io/cluster-role': role,
    },
  },
  spec: { type: 'kubernetes-cluster' },
});

describe('buildMeshTopology', () => {
  const members = meshMembers(
    [
      clusterEntity('west', 'net-b', 'primary'),
      clusterEntity('east', 'net-a', 'primary'),
      clusterEntity('east-remote', 'net-a', 'remote'),
    ],
    [
      sampleCluster('east', 'healthy'),
      sampleCluster('east-remote', 'failing', {
        certificates: {
          rootExpiresAt: '2026-12-05T00:00:00.000Z',
          istiodExpiresAt: null,
        },
      }),
      sampleCluster('west', 'degraded', { revisions: ['1-30'] }),
    ],
  );

  it('groups clusters by network behind one east-west gateway each, linked across networks', () => {
    const topology = buildMeshTopology(members);
    expect(topology.networks).toEqual(['net-a', 'net-b']);
    expect(topology.nodes.map(n => n.id)).toEqual([
      'gateway:net-a',
      'gateway:net-b',
      'cluster:east',
      'cluster:east-remote',
      'cluster:west',
    ]);
    expect(topology.edges).toEqual([
      { from: 'gateway:net-a', to: 'gateway:net-b', label: 'cross-network' },
      { from: 'cluster:east', to: 'gateway:net-a', label: 'net-a' },
      { from: 'cluster:east-remote', to: 'gateway:net-a', label: 'net-a' },
      // A remote takes its configuration from the primary on its own network.
      { from: 'cluster:east-remote', to: 'cluster:east', label: 'config from' },
      { from: 'cluster:west', to: 'gateway:net-b', label: 'net-b' },
    ]);
  });

  it("writes each cluster's role, status, istiod versions and revisions, and finds the nearest certificate", () => {
    const topology = buildMeshTopology(members);
    const west = topology.nodes.find(n => n.id === 'cluster:west')!;
    expect(west).toMatchObject({
      status: 'degraded',
      lines: ['primary · degraded', 'istiod 1.30.1 (1-30)'],
    });
    expect(topology.nearestCertificate).toEqual({
      cluster: 'east-remote',
      which: 'root CA',
      expiresAt: '2026-12-05T00:00:00.000Z',
    });
  });

  it('draws no gateways for a mesh on one network, and marks clusters without health unknown', () => {
    const topology = buildMeshTopology(
      meshMembers([clusterEntity('solo', 'net-a', 'primary')], []),
    );
    expect(topology.nodes).toEqual([
      {
        id: 'cluster:solo',
        kind: 'cluster',
        title: 'solo',
        lines: ['primary', 'no health configured'],
        status: 'unknown',
      },
    ]);
    expect(topology.edges).toEqual([]);
  });
});
