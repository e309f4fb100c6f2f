import yaml from 'yaml';
import { KubernetesObject } from '../bundle/meshBundle';
import { ApplyCluster } from './clusterConfig';

/** Namespace istiod watches for remote secrets. */
const ISTIO_NAMESPACE = 'istio-system';

/**
 * The remote secret Istio's multi-cluster discovery reads to watch a peer's API server: the
 * shape `istioctl create-remote-secret` produces (label `istio/multiCluster: "true"`, annotation
 * `networking.istio.io/cluster`, one kubeconfig under the peer's name), built from the peer's
 * entry in the kubernetes config. It is applied directly and never written anywhere else: it
 * holds the peer's token.
 */
export function buildRemoteSecret(peer: ApplyCluster): KubernetesObject {
  if (!peer.caData && peer.caFile && !peer.skipTLSVerify) {
    // The secret is read inside the peer's mesh, where the Backstage host's file does not exist.
    throw new Error(
      `${peer.configKey}.caData is needed to build the remote secret of "${peer.name}" (caFile cannot travel)`,
    );
  }
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: peer.name,
        cluster: {
          server: peer.url,
          ...(peer.caData && { 'certificate-authority-data': peer.caData }),
          ...(peer.skipTLSVerify && { 'insecure-skip-tls-verify': true }),
        },
      },
    ],
    contexts: [
      { name: peer.name, context: { cluster: peer.name, user: peer.name } },
    ],
    'current-context': peer.name,
    preferences: {},
    users: [{ name: peer.name, user: { token: peer.serviceAccountToken } }],
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `istio-remote-secret-${peer.name}`,
      namespace: ISTIO_NAMESPACE,
      labels: { 'istio/multiCluster': 'true' },
      annotations: { 'networking.istio.io/cluster': peer.name },
    },
    type: 'Opaque',
    stringData: { [peer.name]: yaml.stringify(kubeconfig) },
  };
}

/** For each target cluster, the remote secrets of every other cluster of the mesh. */
export function remoteSecretsFor(
  target: ApplyCluster,
  meshClusters: ApplyCluster[],
): KubernetesObject[] {
  return meshClusters
    .filter(peer => peer.name !== target.name)
    .map(buildRemoteSecret);
}
