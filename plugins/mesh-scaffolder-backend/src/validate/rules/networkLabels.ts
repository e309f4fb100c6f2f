import type { BundleProblem, MeshBundle } from '../../bundle/meshBundle';
import { fieldPath } from '../fieldPath';
import {
  controlPlanes,
  gatewayInstallations,
  joinPath,
} from '../istioInstallations';
import { objectSubject } from '../problemSubject';
import { stringAt } from '../valuesAt';

const networkLabel = 'topology.istio.io/network';
const networkViewEnv = 'ISTIO_META_REQUESTED_NETWORK_VIEW';

/** The network a cluster tree's istiod sets, and where, as the other settings are compared to it. */
interface ClusterNetwork {
  cluster: string;
  network: string;
  /** `file field` of the setting, for messages. */
  source: string;
  istioNamespace: string;
  /** Whether traffic crosses networks: several clusters, or an east-west gateway. */
  multiNetwork: boolean;
}

function clusterNetwork(bundle: MeshBundle, cluster: string): ClusterNetwork {
  const withNetwork = controlPlanes(bundle).find(
    p => p.cluster === cluster && stringAt(p.values, ['global', 'network']),
  );
  const multiNetwork =
    bundle.clusters.length > 1 ||
    gatewayInstallations(bundle).some(
      g =>
        g.cluster === cluster &&
        (g.values.networkGateway !== undefined ||
          g.labels.istio === 'eastwestgateway'),
    );
  if (!withNetwork) {
    return {
      cluster,
      network: '',
      source: '',
      istioNamespace: 'istio-system',
      multiNetwork,
    };
  }
  return {
    cluster,
    network: stringAt(withNetwork.values, ['global', 'network']),
    source: `${withNetwork.file} ${joinPath(
      withNetwork.prefix,
      'global.network',
    )}`,
    istioNamespace:
      stringAt(withNetwork.values, ['global', 'istioNamespace']) ||
      'istio-system',
    multiNetwork,
  };
}

function differs(value: unknown, { network, source }: ClusterNetwork): string {
  return network
    ? `is "${String(value)}" but the network set in ${source} is "${network}"`
    : `is "${String(value)}" but istiod sets no global.network`;
}

function controlPlaneProblems(
  bundle: MeshBundle,
  net: ClusterNetwork,
): BundleProblem[] {
  return controlPlanes(bundle)
    .filter(plane => plane.cluster === net.cluster)
    .flatMap(plane => {
      const own = stringAt(plane.values, ['global', 'network']);
      return own && own !== net.network
        ? [
            {
              file: plane.file,
              subject: plane.subject,
              path: joinPath(plane.prefix, 'global.network'),
              message: `network "${own}" differs from "${net.network}" set in ${net.source}`,
            },
          ]
        : [];
    });
}

/**
 * The Istio namespace must carry the network label once traffic crosses networks (a
 * single-network cluster may leave it out); no namespace may carry a different network.
 */
function namespaceProblems(
  bundle: MeshBundle,
  net: ClusterNetwork,
): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const { network, source } = net;
  for (const { cluster, file, object } of bundle.objects) {
    if (
      cluster !== net.cluster ||
      object.kind !== 'Namespace' ||
      object.apiVersion !== 'v1'
    )
      continue;
    const label = object.metadata.labels?.[networkLabel];
    const at = {
      file,
      subject: objectSubject(object),
      path: fieldPath(['metadata', 'labels', networkLabel]),
    };
    if (
      object.metadata.name === net.istioNamespace &&
      network &&
      label !== network &&
      (label !== undefined || net.multiNetwork)
    ) {
      problems.push({
        ...at,
        message:
          label === undefined
            ? `must be "${network}", the network set in ${source}`
            : differs(label, net),
      });
    } else if (label !== undefined && label !== network) {
      problems.push({ ...at, message: differs(label, net) });
    }
  }
  return problems;
}

function gatewayProblems(
  bundle: MeshBundle,
  net: ClusterNetwork,
): BundleProblem[] {
  const problems: BundleProblem[] = [];
  for (const gateway of gatewayInstallations(bundle)) {
    if (gateway.cluster !== net.cluster) continue;
    const checks: Array<[string, unknown]> = [
      [
        fieldPath([...gateway.labelsPath.split('.'), networkLabel]),
        gateway.labels[networkLabel],
      ],
      [`${gateway.envPath}.${networkViewEnv}`, gateway.env[networkViewEnv]],
      gateway.prefix === ''
        ? ['networkGateway', gateway.values.networkGateway]
        : [
            joinPath(gateway.prefix, 'global.network'),
            stringAt(gateway.values, ['global', 'network']) || undefined,
          ],
    ];
    for (const [path, value] of checks) {
      if (value !== undefined && value !== net.network) {
        problems.push({
          file: gateway.file,
          subject: gateway.subject,
          path,
          message: differs(value, net),
        });
      }
    }
  }
  return problems;
}

/**
 * One network per cluster tree: istiod's `global.network`, the `topology.istio.io/network` label
 * of the Istio namespace, and every gateway's network label, `networkGateway` and requested
 * network view must agree, or cross-network traffic is routed to the wrong gateway.
 */
export function networkLabels(bundle: MeshBundle): BundleProblem[] {
  return bundle.clusters.flatMap(cluster => {
    const net = clusterNetwork(bundle, cluster);
    return [
      ...controlPlaneProblems(bundle, net),
      ...namespaceProblems(bundle, net),
      ...gatewayProblems(bundle, net),
    ];
  });
}
