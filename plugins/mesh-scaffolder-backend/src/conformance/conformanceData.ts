import fs from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  ISTIO_RELEASE_FACTS,
  type IstioMinorFacts,
  type IstioReleaseFacts,
} from '@mesh-templates/plugin-mesh-common';

/** The repository root: two levels above this package (plugins/<package>). */
const repoRoot = path.resolve(
  resolvePackagePath('@mesh-templates/plugin-scaffolder-backend-module-mesh'),
  '../..',
);

/**
 * The upstream conformance data (read at run time, never copied into the repository):
 * `MESH_CONFORMANCE_DIR`, or `../shared/conformance` next to the repository.
 *
 * @throws Error when the folder is missing, so the suite fails instead of passing vacuously
 */
export function conformanceDir(): string {
  const dir =
    process.env.MESH_CONFORMANCE_DIR ??
    path.resolve(repoRoot, '../shared/conformance');
  if (!fs.existsSync(path.join(dir, 'istio'))) {
    throw new Error(
      `conformance data not found at ${dir}; set MESH_CONFORMANCE_DIR to the folder holding the upstream istio/, kiali/, prometheus-operator/ ... data`,
    );
  }
  return dir;
}

/**
 * The conformance Istio release to check a version against: its own line's, else that of the
 * nearest older line that has conformance data.
 *
 * @throws Error when no line at or below the version has conformance data
 */
export function conformanceIstioVersion(
  istioVersion: string,
  releaseFacts: IstioReleaseFacts = ISTIO_RELEASE_FACTS,
): string {
  const release = releaseFacts.conformanceReleaseFor(istioVersion);
  if (!release) {
    const have = releaseFacts.lines.flatMap(l => l.conformanceRelease ?? []);
    throw new Error(
      `no conformance data for Istio ${istioVersion} (have ${have.join(', ')})`,
    );
  }
  return release;
}

/**
 * The facts of the line whose conformance data `release` is. Looked up by the data's release
 * rather than parsed, because a line without a final tag keeps a release candidate's data.
 *
 * @throws Error when no line names the release
 */
export function conformanceReleaseFacts(
  release: string,
  releaseFacts: IstioReleaseFacts = ISTIO_RELEASE_FACTS,
): IstioMinorFacts {
  const line = releaseFacts.lines.find(l => l.conformanceRelease === release);
  if (!line) {
    throw new Error(`no Istio line keeps its conformance data as ${release}`);
  }
  return line;
}

/**
 * A spec version of the line whose conformance data `release` is: the release itself, or the
 * line's first patch where the data is a release candidate (which no spec may name).
 */
export function specVersionOfConformanceRelease(
  release: string,
  releaseFacts: IstioReleaseFacts = ISTIO_RELEASE_FACTS,
): string {
  return releaseFacts.lineOf(release)
    ? release
    : `1.${conformanceReleaseFacts(release, releaseFacts).minor}.0`;
}

/** Where each Istio chart's values.yaml sits in an Istio release's source tree. */
export const ISTIO_CHART_VALUES_FILES: Record<string, string> = {
  base: 'base/values.yaml',
  istiod: 'istio-control/istio-discovery/values.yaml',
  'istiod-remote': 'istiod-remote/values.yaml',
  gateway: 'gateway/values.yaml',
  cni: 'istio-cni/values.yaml',
  ztunnel: 'ztunnel/values.yaml',
};

/** Charts whose values only some conformance releases keep (1.31.0-rc.0); elsewhere unchecked. */
const CHARTS_NOT_IN_EVERY_RELEASE = new Set(['cni', 'ztunnel']);

/** The in-cluster operator's last CRD is kept with the last release that has the operator. */
const OPERATOR_CRD_RELEASE = '1.23.6';

/**
 * The values.yaml of an Istio chart in a conformance release; undefined for charts without one
 * in the data or not shipped by that release.
 */
export function istioChartValuesFile(
  dir: string,
  release: string,
  facts: IstioMinorFacts,
  chart: string,
): string | undefined {
  const file = ISTIO_CHART_VALUES_FILES[chart];
  if (!file || (chart === 'istiod-remote' && !facts.istiodRemoteChart)) {
    return undefined;
  }
  const valuesFile = path.join(
    dir,
    'istio',
    release,
    'manifests',
    'charts',
    file,
  );
  return CHARTS_NOT_IN_EVERY_RELEASE.has(chart) && !fs.existsSync(valuesFile)
    ? undefined
    : valuesFile;
}

/** Files of one conformance Istio release (with that release's facts) that the suite reads. */
export function istioFiles(
  dir: string,
  release: string,
  facts: IstioMinorFacts,
) {
  const charts = path.join(dir, 'istio', release, 'manifests', 'charts');
  const valuesFile = (chart: string) =>
    istioChartValuesFile(dir, release, facts, chart);
  return {
    crds: path.join(charts, 'base', facts.baseChartCrdFile),
    valuesFiles: {
      base: valuesFile('base'),
      istiod: valuesFile('istiod'),
      // Releases without the remote chart render remotes with istiod.
      'istiod-remote': valuesFile('istiod-remote') ?? valuesFile('istiod'),
      cni: valuesFile('cni'),
      ztunnel: valuesFile('ztunnel'),
    } as Record<string, string | undefined>,
    gatewaySchema: path.join(charts, 'gateway', 'values.schema.json'),
    operatorCrd: facts.operatorController
      ? path.join(
          dir,
          'istio',
          OPERATOR_CRD_RELEASE,
          'manifests',
          'charts',
          'istio-operator',
          'crds',
          'crd-operator.yaml',
        )
      : undefined,
  };
}

/** CRDs of the observability stack, one release each. */
export function addonCrdFiles(dir: string): string[] {
  return [
    'prometheus-operator/v0.93.0/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml',
    'prometheus-operator/v0.93.0/example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml',
    'opentelemetry-operator/v0.158.0/config/crd/bases/opentelemetry.io_opentelemetrycollectors.yaml',
    'jaeger-operator/v1.65.0/config/crd/bases/jaegertracing.io_jaegers.yaml',
    'kiali/kiali-operator/v2.29.0/crd-docs/crd/kiali.io_kialis.yaml',
  ].map(file => path.join(dir, file));
}

/** The Tempo single-binary chart values for a chart version: 1.x from grafana, 2.x from the community repo. */
export function tempoValuesFile(dir: string, chartVersion: string): string {
  return chartVersion.startsWith('1.')
    ? path.join(
        dir,
        'tempo/grafana-helm-charts/tempo-1.24.4/charts/tempo/values.yaml',
      )
    : path.join(
        dir,
        'tempo/grafana-community-helm-charts/tempo-2.2.4/charts/tempo/values.yaml',
      );
}
