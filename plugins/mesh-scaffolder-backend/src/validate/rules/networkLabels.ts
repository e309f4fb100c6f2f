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

/**
 * One network per cluster tree: istiod's `global.network`, the `topology.istio.io/network` label
 * of the Istio namespace, and every gateway's network label, `networkGateway` and requested
 * network view must agree, or cross-network traffic is routed to the wrong gateway.
 */
export function networkLabels(bundle: MeshBundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  for (const cluster of bundle.clusters) {
    const planes = controlPlanes(bundle).filter(p => p.cluster === cluster);
    const withNetwork = planes.find(p =>
      stringAt(p.values, ['global', 'network']),
    );
    const network = withNetwork
      ? stringAt(withNetwork.values, ['global', 'network'])
      : '';
    const istioNamespace =
      (withNetwork &&
        stringAt(withNetwork.values, ['global', 'istioNamespace'])) ||
      'istio-system';
    const source = withNetwork
      ? `${withNetwork.file} ${joinPath(withNetwork.prefix, 'global.network')}`
      : '';

    // The namespace label only matters once traffic crosses networks: several clusters or an
    // east-west gateway. A single-network cluster may leave it out.
    const multiNetwork =
      bundle.clusters.length > 1 ||
      gatewayInstallations(bundle).some(
        g =>
          g.cluster === cluster &&
          (g.values.networkGateway !== undefined ||
            g.labels.istio === 'eastwestgateway'),
      );
    for (const plane of planes) {
      const own = stringAt(plane.values, ['global', 'network']);
      if (own && own !== network) {
        problems.push({
          file: plane.file,
          subject: plane.subject,
          path: joinPath(plane.prefix, 'global.network'),
          message: `network "${own}" differs from "${network}" set in ${source}`,
        });
      }
    }
    for (const entry of bundle.objects) {
      const { object } = entry;
      if (
        entry.cluster !== cluster ||
        object.kind !== 'Namespace' ||
        object.apiVersion !== 'v1'
      )
        continue;
      const label = object.metadata.labels?.[networkLabel];
      const path = fieldPath(['metadata', 'labels', networkLabel]);
      if (
        object.metadata.name === istioNamespace &&
        network &&
        label !== network &&
        (label !== undefined || multiNetwork)
      ) {
        problems.push({
          file: entry.file,
          subject: objectSubject(object),
          path,
          message:
            label === undefined
              ? `must be "${network}", the network set in ${source}`
              : `is "${label}" but the network set in ${source} is "${network}"`,
        });
      } else if (label !== undefined && label !== network) {
        problems.push({
          file: entry.file,
          subject: objectSubject(object),
          path,
          message: network
            ? `is "${label}" but the network set in ${source} is "${network}"`
            : `is "${label}" but istiod sets no global.network`,
        });
      }
    }
    for (const gateway of gatewayInstallations(bundle).filter(
      g => g.cluster === cluster,
    )) {
      const checks: Array<[string, unknown]> = [
        [
          fieldPath([...gateway.labelsPath.split('.'), networkLabel]),
          gateway.labels[networkLabel],
        ],
        [`${gateway.envPath}.${networkViewEnv}`, gateway.env[networkViewEnv]],
      ];
      if (gateway.prefix === '') {
        checks.push(['networkGateway', gateway.values.networkGateway]);
      } else {
        checks.push([
          joinPath(gateway.prefix, 'global.network'),
          stringAt(gateway.values, ['global', 'network']) || undefined,
        ]);
      }
      for (const [path, value] of checks) {
        if (value !== undefined && value !== network) {
          problems.push({
            file: gateway.file,
            subject: gateway.subject,
            path,
            message: network
              ? `is "${String(
                  value,
                )}" but the network set in ${source} is "${network}"`
              : `is "${String(value)}" but istiod sets no global.network`,
          });
        }
      }
    }
  }
  return problems;
}
