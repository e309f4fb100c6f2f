import { defaultTargetPath } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BUNDLE_INDEX_FILE,
  BundleHelmRelease,
  serializeBundleIndex,
} from '../../bundle/bundleIndex';
import type { BundleIndexEntry } from '../../bundle/meshBundle';

const allComponents = ['istio', 'observability', 'policy'];

/** The files of a small hand-made cluster tree, per component, as the renderer lays them out. */
export function clusterTree(
  cluster: string,
  components = allComponents,
): Record<string, string> {
  const root = defaultTargetPath(cluster);
  // Every object file listed, as mesh:bundle:validate requires of a tree the pull request proposes.
  const resources = clusterIndex(cluster, components).map(row =>
    row.file.slice(root.length + 1),
  );
  const files: Record<string, string> = {
    [`${root}/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources
      .map(file => `  - ${file}`)
      .join('\n')}\n`,
    [`${root}/README.md`]: `# Mesh for ${cluster}\n`,
  };
  if (components.includes('istio')) {
    files[
      `${root}/istio/values-istiod.yaml`
    ] = `global:\n  meshID: mesh1\n  multiCluster:\n    clusterName: ${cluster}\n`;
    files[`${root}/istio/peer-authentication.yaml`] =
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT\n';
  }
  if (components.includes('observability')) {
    files[`${root}/observability/pod-monitor.yaml`] =
      'apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: envoy-stats\n  namespace: istio-system\nspec:\n  selector:\n    matchLabels:\n      security.istio.io/tlsMode: istio\n  podMetricsEndpoints:\n    - path: /stats/prometheus\n';
    files[`${root}/observability/telemetry.yaml`] =
      'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: mesh-default\n  namespace: istio-system\n';
  }
  if (components.includes('policy')) {
    files[`${root}/policy/network-policy.yaml`] =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-istiod\n  namespace: istio-system\n';
  }
  return files;
}

/** The Helm release rows of `clusterTree`'s index. */
function clusterHelmReleases(
  cluster: string,
  components: string[],
): BundleHelmRelease[] {
  if (!components.includes('istio')) return [];
  return [
    {
      cluster,
      component: 'istio',
      release: 'istiod',
      chart: 'istiod',
      repository: 'https://charts.example.test/istio',
      version: '1.30.3',
      namespace: 'istio-system',
      valuesFile: `${defaultTargetPath(cluster)}/istio/values-istiod.yaml`,
    },
  ];
}

/** The object rows of `clusterTree`'s index. */
export function clusterIndex(
  cluster: string,
  components = allComponents,
): BundleIndexEntry[] {
  const root = defaultTargetPath(cluster);
  const rows: Array<Omit<BundleIndexEntry, 'cluster'>> = [
    {
      component: 'istio',
      file: `${root}/istio/peer-authentication.yaml`,
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      name: 'default',
      namespace: 'istio-system',
    },
    {
      component: 'observability',
      file: `${root}/observability/pod-monitor.yaml`,
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      name: 'envoy-stats',
      namespace: 'istio-system',
    },
    {
      component: 'observability',
      file: `${root}/observability/telemetry.yaml`,
      apiVersion: 'telemetry.istio.io/v1',
      kind: 'Telemetry',
      name: 'mesh-default',
      namespace: 'istio-system',
    },
    {
      component: 'policy',
      file: `${root}/policy/network-policy.yaml`,
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      name: 'allow-istiod',
      namespace: 'istio-system',
    },
  ];
  return rows
    .filter(r => components.includes(r.component))
    .map(r => ({ cluster, ...r }));
}

/** Writes a bundle for one cluster into a fresh temporary folder and returns the folder. */
export function writeBundleFixture(
  cluster: string,
  components?: string[],
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-gitops-bundle-'));
  writeBundleInto(dir, cluster, components);
  return dir;
}

/** Replaces the bundle in `dir` with one for `cluster`. */
export function writeBundleInto(
  dir: string,
  cluster: string,
  components = allComponents,
): void {
  const treesDir = path.posix.dirname(defaultTargetPath(cluster));
  fs.rmSync(path.join(dir, treesDir), { recursive: true, force: true });
  for (const [file, content] of Object.entries(
    clusterTree(cluster, components),
  )) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  fs.writeFileSync(
    path.join(dir, BUNDLE_INDEX_FILE),
    serializeBundleIndex({
      clusters: [cluster],
      objects: clusterIndex(cluster, components),
      helmReleases: clusterHelmReleases(cluster, components),
    }),
  );
}
