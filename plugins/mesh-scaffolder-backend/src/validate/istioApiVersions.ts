import { parseIstioVersion } from '@mesh-templates/plugin-mesh-common';
import type {
  BundleObject,
  BundleProblem,
  MeshBundle,
} from '../bundle/meshBundle';
import { istiodCharts, objectSubject } from './rules/istioInstallations';
import { stringAt } from './rules/valuesAt';

/** Istio API versions that older supported releases do not serve, and the first minor that does. */
const firstMinorServing: Record<string, number> = {
  'networking.istio.io/v1': 22,
  'security.istio.io/v1/PeerAuthentication': 22,
  'telemetry.istio.io/v1': 22,
};

function requiredMinor(object: BundleObject['object']): number | undefined {
  return (
    firstMinorServing[`${object.apiVersion}/${object.kind}`] ??
    firstMinorServing[object.apiVersion]
  );
}

/** The Istio version a cluster tree installs: its Istio chart version, else its IstioOperator tag. */
function clusterIstioVersion(
  bundle: MeshBundle,
  cluster: string,
): string | undefined {
  const values = bundle.helmValues.find(
    v =>
      v.cluster === cluster &&
      (istiodCharts.has(v.chart) || v.chart === 'base'),
  );
  if (values?.chartVersion) return values.chartVersion;
  const operator = bundle.objects.find(
    o => o.cluster === cluster && o.object.kind === 'IstioOperator',
  );
  return operator
    ? stringAt(operator.object, ['spec', 'tag']) || undefined
    : undefined;
}

/**
 * Istio objects must use an apiVersion the targeted Istio release serves (e.g. the `v1`
 * networking, telemetry and PeerAuthentication APIs exist from 1.22); an older control plane
 * rejects them outright.
 */
export function istioApiVersionProblems(
  bundle: MeshBundle,
  istioVersion?: string,
): BundleProblem[] {
  const problems: BundleProblem[] = [];
  for (const { cluster, file, object } of bundle.objects) {
    const minor = requiredMinor(object);
    if (minor === undefined) continue;
    const versionText = istioVersion ?? clusterIstioVersion(bundle, cluster);
    const version = versionText ? parseIstioVersion(versionText) : undefined;
    if (version && version.major === 1 && version.minor < minor) {
      problems.push({
        file,
        subject: objectSubject(object),
        path: 'apiVersion',
        message: `${object.apiVersion} ${object.kind} is served from Istio 1.${minor}; Istio ${versionText} needs an older apiVersion (v1beta1 or v1alpha3/v1alpha1)`,
      });
    }
  }
  return problems;
}
