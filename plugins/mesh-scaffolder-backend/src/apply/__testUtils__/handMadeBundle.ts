import { defaultTargetPath } from '@mesh-templates/plugin-mesh-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'yaml';
import {
  BUNDLE_INDEX_FILE,
  serializeBundleIndex,
} from '../../bundle/bundleIndex';
import { BundleIndexEntry, KubernetesObject } from '../../bundle/meshBundle';

/**
 * Writes a minimal bundle (one file per object in each cluster's default tree, and the index in
 * the shape mesh:bundle:render writes) for tests that need objects the renderer does not make.
 */
export async function writeHandMadeBundle(
  dir: string,
  objectsByCluster: Record<string, KubernetesObject[]>,
): Promise<void> {
  const index: BundleIndexEntry[] = [];
  for (const [cluster, objects] of Object.entries(objectsByCluster)) {
    for (const [i, object] of objects.entries()) {
      const file = `${defaultTargetPath(cluster)}/${String(i).padStart(
        3,
        '0',
      )}-${object.kind.toLowerCase()}.yaml`;
      await fs.mkdir(path.join(dir, path.dirname(file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), yaml.stringify(object));
      index.push({
        cluster,
        component: 'istio',
        file,
        apiVersion: object.apiVersion,
        kind: object.kind,
        name: object.metadata.name,
        ...(object.metadata.namespace && {
          namespace: object.metadata.namespace,
        }),
      });
    }
  }
  await fs.writeFile(
    path.join(dir, BUNDLE_INDEX_FILE),
    serializeBundleIndex({
      clusters: Object.keys(objectsByCluster),
      objects: index,
      helmReleases: [],
    }),
  );
}

export const deployment = (
  name: string,
  namespace: string,
): KubernetesObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name, image: `example.invalid/${name}:1` }] },
    },
  },
});

export const helmRelease = (
  name: string,
  namespace: string,
): KubernetesObject => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name, namespace },
  spec: {
    interval: '10m',
    chart: {
      spec: {
        chart: name,
        sourceRef: { kind: 'HelmRepository', name: 'istio' },
      },
    },
  },
});

export const namespace = (name: string): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});
