import {
  createConfiguration,
  KubeConfig,
  ServerConfiguration,
} from '@kubernetes/client-node';
import { ClusterObjectApi } from './clusterObjectApi';
import { ApplyCluster } from './clusterConfig';

export type KubeClientFactory = (cluster: ApplyCluster) => ClusterObjectApi;

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The client of one config cluster: `@kubernetes/client-node`'s KubeConfig owns TLS (caData,
 * caFile, skipTLSVerify) and the bearer token header of every request, set up as `makeApiClient`
 * does it.
 */
export const createKubeApiClient: KubeClientFactory = cluster =>
  kubeApiClientWithTimeout(REQUEST_TIMEOUT_MS)(cluster);

/** The same client with another per-request timeout (tests of timeouts use a short one). */
export function kubeApiClientWithTimeout(
  requestTimeoutMs: number,
): KubeClientFactory {
  return cluster => {
    const configuration = createConfiguration({
      baseServer: new ServerConfiguration(cluster.url, {}),
      authMethods: { default: kubeConfigOf(cluster) },
    });
    return new ClusterObjectApi(configuration, cluster.name, requestTimeoutMs);
  };
}

/** A KubeConfig with the cluster as its only cluster and current context. */
export function kubeConfigOf(cluster: ApplyCluster): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromClusterAndUser(
    {
      name: cluster.name,
      server: cluster.url,
      caData: cluster.caData,
      caFile: cluster.caFile,
      // client-node refuses http: unless TLS verification is off; there is no TLS to verify on
      // http, and validateApiServerUrl only lets http through for loopback hosts.
      skipTLSVerify: cluster.skipTLSVerify || cluster.url.startsWith('http:'),
    },
    { name: `${cluster.name}-apply`, token: cluster.serviceAccountToken },
  );
  return kubeConfig;
}
