import { InputError } from '@backstage/errors';
import yaml from 'yaml';
import { KubernetesObject } from '../bundle/meshBundle';
import { isLoopbackHost } from './apiServerUrl';
import { ApplyCluster } from './clusterConfig';

/** A reader token requested from a peer, with the namespace of the peer's control plane. */
export interface PeerReaderToken {
  peer: ApplyCluster;
  token: string;
  expires: Date;
}

/**
 * Where istiod of another cluster reaches the peer's API server, checked for what a remote
 * secret needs: the loopback address Backstage may use (`kubectl proxy`, a tunnel) means nothing
 * inside another cluster, and a peer whose certificate is not verified could be impersonated.
 */
export function remoteSecretServer(peer: ApplyCluster): string {
  const key = peer.remoteUrl ? 'remoteSecretUrl' : 'url';
  const server = new URL(peer.remoteUrl ?? peer.url);
  if (server.protocol !== 'https:' || isLoopbackHost(server.hostname)) {
    throw new InputError(
      `${peer.configKey}.${key} must be an https address other clusters can reach for the remote secret of "${peer.name}"; set ${peer.configKey}.remoteSecretUrl`,
    );
  }
  if (!peer.caData || peer.skipTLSVerify) {
    throw new InputError(
      `${peer.configKey}.caData is required (and skipTLSVerify must be off) to build the remote secret of "${peer.name}": peers verify its API server with it`,
    );
  }
  return server.href.replace(/\/+$/, '');
}

/**
 * The remote secret Istio's multi-cluster discovery reads to watch a peer's API server, in the
 * shape `istioctl create-remote-secret` produces (label `istio/multiCluster: "true"`, annotation
 * `networking.istio.io/cluster`, one kubeconfig under the peer's name), holding a token of the
 * peer's `istio-reader-service-account` — never the token Backstage applies with.
 */
export function buildRemoteSecret(
  reader: PeerReaderToken,
  controlPlaneNamespace: string,
): KubernetesObject {
  const { peer } = reader;
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: peer.name,
        cluster: {
          server: remoteSecretServer(peer),
          'certificate-authority-data': peer.caData,
        },
      },
    ],
    contexts: [
      { name: peer.name, context: { cluster: peer.name, user: peer.name } },
    ],
    'current-context': peer.name,
    preferences: {},
    users: [{ name: peer.name, user: { token: reader.token } }],
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `istio-remote-secret-${peer.name}`,
      namespace: controlPlaneNamespace,
      labels: { 'istio/multiCluster': 'true' },
      annotations: {
        'networking.istio.io/cluster': peer.name,
        // Re-running the apply with remoteSecrets before this time replaces the token.
        'mesh.backstage.io/token-expires': reader.expires.toISOString(),
      },
    },
    type: 'Opaque',
    stringData: { [peer.name]: yaml.stringify(kubeconfig) },
  };
}
