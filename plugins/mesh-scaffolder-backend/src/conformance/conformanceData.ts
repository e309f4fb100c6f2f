import fs from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

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

function minorOf(version: string): [number, number] {
  const [major, minor] = version.split('.').map(Number);
  return [major, minor];
}

/**
 * The conformance Istio release to check a version against: the one with the same minor, else
 * the nearest listed release below it.
 */
export function conformanceIstioVersion(
  dir: string,
  istioVersion: string,
): string {
  const listed = fs
    .readdirSync(path.join(dir, 'istio'))
    .filter(v => /^\d+\.\d+\.\d+$/.test(v))
    .sort((a, b) => minorOf(a)[1] - minorOf(b)[1]);
  const [major, minor] = minorOf(istioVersion);
  const candidates = listed.filter(
    v => minorOf(v)[0] === major && minorOf(v)[1] <= minor,
  );
  const chosen = candidates[candidates.length - 1];
  if (!chosen) {
    throw new Error(
      `no conformance data for Istio ${istioVersion} (have ${listed.join(
        ', ',
      )})`,
    );
  }
  return chosen;
}

/** Files of one conformance Istio release that the suite reads. */
export function istioFiles(dir: string, version: string) {
  const charts = path.join(dir, 'istio', version, 'manifests', 'charts');
  const crdsOld = path.join(charts, 'base', 'crds', 'crd-all.gen.yaml');
  const remote = path.join(charts, 'istiod-remote', 'values.yaml');
  const operatorCrd = path.join(
    dir,
    'istio',
    '1.23.6',
    'manifests',
    'charts',
    'istio-operator',
    'crds',
    'crd-operator.yaml',
  );
  return {
    crds: fs.existsSync(crdsOld)
      ? crdsOld
      : path.join(charts, 'base', 'files', 'crd-all.gen.yaml'),
    baseValues: path.join(charts, 'base', 'values.yaml'),
    istiodValues: path.join(
      charts,
      'istio-control',
      'istio-discovery',
      'values.yaml',
    ),
    istiodRemoteValues: fs.existsSync(remote) ? remote : undefined,
    gatewaySchema: path.join(charts, 'gateway', 'values.schema.json'),
    // The in-cluster operator and its CRD exist up to 1.23; the last CRD is kept under 1.23.6.
    operatorCrd: minorOf(version)[1] <= 23 ? operatorCrd : undefined,
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
