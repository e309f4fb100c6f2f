import {
  MeshClusterSpec,
  parseMeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

const specsDir = path.resolve(__dirname, '../../examples/specs');

function readSpec(name: string): any {
  return yaml.parse(fs.readFileSync(path.join(specsDir, name), 'utf8'));
}

/**
 * A single cluster with every component on: seed 001's Helm install, MetalLB, OTel + Tempo,
 * Kiali, Grafana, plus TLS on the ingress, NetworkPolicies, a LimitRange and Flux wiring.
 */
export function fullSingleClusterSpec(): MeshClusterSpec {
  const spec = readSpec('seed-001-rke2-otel-tempo.yaml');
  spec.istio.version = '1.30.3';
  spec.ingressGateway.tls = {
    enabled: true,
    issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' },
    hosts: ['mesh.example.com'],
  };
  spec.policy = {
    networkPolicies: { enabled: true },
    limitRange: { enabled: true },
    peerAuthenticationMode: 'STRICT',
  };
  spec.gitops = {
    engine: 'flux',
    repoUrl: 'https://git.example.com/platform/gitops.git',
  };
  return parseMeshClusterSpec(spec);
}

/** A multi-primary, multi-network mesh of `count` clusters built on the three-cluster example. */
export function meshOfClusters(count: number): MeshClusterSpec {
  const spec = readSpec('multi-primary-3-clusters.yaml');
  const clusters = Array.from({ length: count }, (_, i) => ({
    name: `cluster-${i + 1}`,
    network: `net-${i + 1}`,
    role: 'primary',
    eastWestGatewayAddress: `10.${Math.floor(i / 250)}.${i % 250}.10`,
  }));
  spec.multiCluster.clusters = clusters;
  spec.cluster.name = clusters[0].name;
  spec.cluster.network = clusters[0].network;
  spec.eastWestGateway.loadBalancerIP = clusters[0].eastWestGatewayAddress;
  delete spec.ingressGateway.loadBalancerIP;
  return parseMeshClusterSpec(spec);
}
