import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { validateApiServerUrl } from './apiServerUrl';

/**
 * A cluster the apply step can reach, read from the Kubernetes plugin's own
 * `kubernetes.clusterLocatorMethods` entries of type `config`. The token is a non-enumerable
 * property, so logging or serializing a cluster by mistake does not reveal it.
 */
export interface ApplyCluster {
  name: string;
  /** API server origin and optional path prefix, without a trailing slash. */
  url: string;
  /**
   * Where other clusters reach this API server (`remoteSecretUrl`), when it differs from `url`
   * (Backstage may go through a proxy or tunnel); written into remote secrets.
   */
  remoteUrl?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  /** The config key of the entry, for error messages. */
  configKey: string;
  readonly serviceAccountToken: string;
}

/** A config entry before the apply-specific checks; other auth providers are allowed here. */
interface ConfiguredCluster {
  name: string;
  authProvider: string;
  configKey: string;
  entry: Config;
}

const ROOT_KEY = 'kubernetes.clusterLocatorMethods';

/**
 * Every cluster of `type: config` locator methods, by name. Other locator types (catalog, gke,
 * localKubectlProxy) describe clusters that cannot carry a service account token in config, so the
 * apply step does not use them.
 */
function readConfiguredClusters(config: Config): ConfiguredCluster[] {
  const methods = config.getOptionalConfigArray(ROOT_KEY) ?? [];
  return methods.flatMap((method, m) => {
    if (method.getString('type') !== 'config') {
      return [];
    }
    return (method.getOptionalConfigArray('clusters') ?? []).map(
      (entry, c) => ({
        name: entry.getString('name'),
        authProvider: entry.getString('authProvider'),
        configKey: `${ROOT_KEY}[${m}].clusters[${c}]`,
        entry,
      }),
    );
  });
}

/** Names of every cluster in config, for error messages that list what is allowed. */
export function listClusterNames(config: Config): string[] {
  return readConfiguredClusters(config).map(c => c.name);
}

/**
 * The named cluster with everything apply needs: a checked API server URL and a service account
 * token. Errors name the config key to fix and never contain the token.
 */
export function findApplyCluster(config: Config, name: string): ApplyCluster {
  const configured = readConfiguredClusters(config);
  const found = configured.find(c => c.name === name);
  if (!found) {
    const known = configured.map(c => c.name).join(', ') || 'none';
    throw new InputError(
      `Cluster "${name}" is not in ${ROOT_KEY} (type: config); configured clusters: ${known}`,
    );
  }
  const { entry, configKey } = found;
  if (found.authProvider !== 'serviceAccount') {
    throw new InputError(
      `${configKey}.authProvider is "${found.authProvider}"; mesh:cluster:apply supports "serviceAccount" only`,
    );
  }
  const token = entry.getOptionalString('serviceAccountToken');
  if (!token) {
    throw new InputError(
      `${configKey}.serviceAccountToken is required for mesh:cluster:apply (cluster "${name}")`,
    );
  }
  const url = validateApiServerUrl(entry.getString('url'), `${configKey}.url`);
  const remoteUrl = entry.getOptionalString('remoteSecretUrl');
  const cluster: ApplyCluster = {
    name,
    url: url.href.replace(/\/+$/, ''),
    ...(remoteUrl && {
      remoteUrl: validateApiServerUrl(
        remoteUrl,
        `${configKey}.remoteSecretUrl`,
      ).href.replace(/\/+$/, ''),
    }),
    caData: entry.getOptionalString('caData'),
    caFile: entry.getOptionalString('caFile'),
    skipTLSVerify: entry.getOptionalBoolean('skipTLSVerify') ?? false,
    configKey,
    serviceAccountToken: '',
  };
  Object.defineProperty(cluster, 'serviceAccountToken', {
    value: token,
    enumerable: false,
  });
  return cluster;
}
