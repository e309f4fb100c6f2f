import { ConfigReader } from '@backstage/config';
import { parseMeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { MeshBundle } from '../../bundle/meshBundle';
import { renderMeshBundle } from '../../render/renderMeshBundle';
import { writeBundle } from '../../bundle/writeBundle';
import {
  ContractApiServer,
  ContractApiServerOptions,
} from './contractApiServer';
import { ServedKind } from './contractKinds';

/** The CRDs a cluster prepared for the seed-001 bundle serves (MetalLB, Prometheus operator, Kiali, OTel, Istio). */
export const SEED_001_CUSTOM_KINDS: ServedKind[] = [
  {
    group: 'metallb.io',
    version: 'v1beta1',
    kind: 'IPAddressPool',
    plural: 'ipaddresspools',
    namespaced: true,
  },
  {
    group: 'metallb.io',
    version: 'v1beta1',
    kind: 'L2Advertisement',
    plural: 'l2advertisements',
    namespaced: true,
  },
  {
    group: 'monitoring.coreos.com',
    version: 'v1',
    kind: 'PodMonitor',
    plural: 'podmonitors',
    namespaced: true,
  },
  {
    group: 'monitoring.coreos.com',
    version: 'v1',
    kind: 'ServiceMonitor',
    plural: 'servicemonitors',
    namespaced: true,
  },
  {
    group: 'monitoring.coreos.com',
    version: 'v1',
    kind: 'PrometheusRule',
    plural: 'prometheusrules',
    namespaced: true,
  },
  {
    group: 'kiali.io',
    version: 'v1alpha1',
    kind: 'Kiali',
    plural: 'kialis',
    namespaced: true,
    hasStatus: true,
  },
  {
    group: 'opentelemetry.io',
    version: 'v1beta1',
    kind: 'OpenTelemetryCollector',
    plural: 'opentelemetrycollectors',
    namespaced: true,
    hasStatus: true,
  },
  {
    group: 'telemetry.istio.io',
    version: 'v1alpha1',
    kind: 'Telemetry',
    plural: 'telemetries',
    namespaced: true,
    hasStatus: true,
  },
  {
    group: 'security.istio.io',
    version: 'v1beta1',
    kind: 'PeerAuthentication',
    plural: 'peerauthentications',
    namespaced: true,
    hasStatus: true,
  },
];

export interface ContractCluster {
  name: string;
  token: string;
  server: ContractApiServer;
}

/** Starts one contract server per cluster, each with its own token. */
export async function startContractClusters(
  names: string[],
  options: Omit<ContractApiServerOptions, 'token'> = {},
): Promise<ContractCluster[]> {
  return Promise.all(
    names.map(async (name, i) => {
      const token = `contract-token-${name}-${i}-c0ffee`;
      return {
        name,
        token,
        server: await ContractApiServer.start({ ...options, token }),
      };
    }),
  );
}

/**
 * A Backstage config whose kubernetes section points at the contract servers; with
 * `remoteSecretUrls`, each entry also names the address peers reach it at (`https://<name>.mesh.test`).
 */
export function kubernetesConfigFor(
  clusters: ContractCluster[],
  options: { remoteSecretUrls?: boolean } = {},
): ConfigReader {
  return new ConfigReader({
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: clusters.map(c => ({
            name: c.name,
            url: c.server.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: c.token,
            ...(options.remoteSecretUrls && {
              remoteSecretUrl: `https://${c.name}.mesh.test:6443`,
            }),
            caData: Buffer.from(
              `-----BEGIN CERTIFICATE-----\nca-of-${c.name}\n-----END CERTIFICATE-----\n`,
            ).toString('base64'),
          })),
        },
      ],
    },
  });
}

/** Renders an example spec of the repository (examples/specs) into `dir`. */
export async function writeExampleBundle(
  specFile: string,
  dir: string,
): Promise<MeshBundle> {
  const specPath = path.resolve(
    __dirname,
    '../../../../../examples/specs',
    specFile,
  );
  const spec = parseMeshClusterSpec(
    yaml.parse(fs.readFileSync(specPath, 'utf8')),
  );
  const bundle = renderMeshBundle(spec);
  await writeBundle(bundle, dir);
  return bundle;
}
