import {
  ISTIO_RELEASE_FACTS,
  type IstioReleaseFacts,
  parseIstioVersion,
} from '@mesh-templates/plugin-mesh-common';
import type {
  BundleObject,
  BundleProblem,
  MeshBundle,
} from '../../bundle/meshBundle';
import { istiodCharts } from '../istioInstallations';
import { objectSubject } from '../problemSubject';
import { stringAt } from '../valuesAt';

/**
 * The first minor that serves each Istio API version some supported releases do not, keyed
 * `group/version` or `group/version/Kind`.
 */
function firstMinorServing(
  releaseFacts: IstioReleaseFacts,
): Map<string, number> {
  const keys = new Set(releaseFacts.lines.flatMap(l => l.servedApiVersions));
  return new Map(
    [...keys].map(key => [
      key,
      releaseFacts.firstMinorWhere(l => l.servedApiVersions.includes(key)),
    ]),
  );
}

function requiredMinor(
  servedFrom: Map<string, number>,
  object: BundleObject['object'],
): number | undefined {
  return (
    servedFrom.get(`${object.apiVersion}/${object.kind}`) ??
    servedFrom.get(object.apiVersion)
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
 * rejects them outright. Which release serves what comes from `releaseFacts`.
 */
export function istioApiVersionProblems(
  bundle: MeshBundle,
  istioVersion?: string,
  releaseFacts: IstioReleaseFacts = ISTIO_RELEASE_FACTS,
): BundleProblem[] {
  const servedFrom = firstMinorServing(releaseFacts);
  const problems: BundleProblem[] = [];
  for (const { cluster, file, object } of bundle.objects) {
    const minor = requiredMinor(servedFrom, object);
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
