import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseRenderedYaml } from '../render/parseRenderedYaml';
import {
  BUNDLE_INDEX_FILE,
  BundleHelmRelease,
  BundleIndex,
  parseBundleIndex,
} from './bundleIndex';
import { clusterTreeDir, isInTree } from './clusterTreeDir';
import { listTreeFiles } from './listTreeFiles';
import type {
  BundleFile,
  BundleHelmValues,
  BundleIndexEntry,
  BundleObject,
  KubernetesObject,
  MeshBundle,
} from './meshBundle';

/** A bundle is a few dozen files per cluster; far more means the folder is something else. */
const maxBundleFiles = 5000;

export interface ReadBundleOptions {
  /** Keep only this cluster: its objects, values and index rows, and the files of its tree. */
  cluster?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKubernetesObject(value: unknown): value is KubernetesObject {
  return (
    isRecord(value) &&
    typeof value.apiVersion === 'string' &&
    typeof value.kind === 'string' &&
    isRecord(value.metadata) &&
    typeof value.metadata.name === 'string'
  );
}

function describeObject(o: {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}): string {
  return `${o.apiVersion} ${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${
    o.name
  }`;
}

function rowOf(object: KubernetesObject) {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    namespace: object.metadata.namespace,
  };
}

async function readFiles(dir: string): Promise<BundleFile[]> {
  const root = path.resolve(dir);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new InputError(`${dir} is not a folder holding a rendered bundle`);
  }
  const files: BundleFile[] = [];
  for (const file of await listTreeFiles(root, { maxFiles: maxBundleFiles })) {
    files.push({
      path: file,
      content: await fs.readFile(resolveSafeChildPath(root, file), 'utf8'),
    });
  }
  return files;
}

function parseYaml(file: string, text: string): unknown[] {
  try {
    return parseRenderedYaml(text, file);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

/** The file an index row names; `field` is the row's field path, for the error. */
function fileText(
  contents: Map<string, string>,
  file: string,
  field: string,
): string {
  const text = contents.get(file);
  if (text === undefined) {
    throw new InputError(
      `${BUNDLE_INDEX_FILE}: ${field}: the bundle holds no file ${file}; re-render the bundle`,
    );
  }
  return text;
}

function objectDocuments(file: string, text: string): KubernetesObject[] {
  return parseYaml(file, text).map((value, i) => {
    if (!isKubernetesObject(value)) {
      throw new InputError(
        `${file}: document ${
          i + 1
        } is not a Kubernetes object (apiVersion, kind and metadata.name)`,
      );
    }
    return value;
  });
}

/**
 * The objects the index lists, in index order. The index and the files must agree both ways: a
 * listed object missing from its file, or an object its file holds but the index does not list,
 * means the bundle was edited by hand or truncated, and it is refused rather than half-read.
 */
function readObjects(
  rows: BundleIndexEntry[],
  contents: Map<string, string>,
): BundleObject[] {
  const unclaimed = new Map<string, KubernetesObject[]>();
  rows.forEach((row, i) => {
    if (!unclaimed.has(row.file)) {
      const text = fileText(contents, row.file, `objects[${i}].file`);
      unclaimed.set(row.file, objectDocuments(row.file, text));
    }
  });
  const objects = rows.map((row, i): BundleObject => {
    const documents = unclaimed.get(row.file)!;
    const at = documents.findIndex(
      o => describeObject(rowOf(o)) === describeObject(row),
    );
    if (at === -1) {
      throw new InputError(
        `${BUNDLE_INDEX_FILE}: objects[${i}] lists ${describeObject(row)} in ${
          row.file
        }, which does not hold it; re-render the bundle`,
      );
    }
    const [object] = documents.splice(at, 1);
    return {
      cluster: row.cluster,
      file: row.file,
      component: row.component,
      object,
    };
  });
  for (const [file, documents] of unclaimed) {
    if (documents.length > 0) {
      throw new InputError(
        `${file} holds ${describeObject(
          rowOf(documents[0]),
        )}, which ${BUNDLE_INDEX_FILE} does not list; re-render the bundle`,
      );
    }
  }
  return objects;
}

function readHelmValues(
  row: BundleHelmRelease,
  i: number,
  contents: Map<string, string>,
): BundleHelmValues {
  const file = row.valuesFile;
  const text = fileText(contents, file, `helmReleases[${i}].valuesFile`);
  const documents = parseYaml(file, text);
  const values = documents[0] ?? {};
  if (documents.length > 1 || !isRecord(values)) {
    throw new InputError(`${file}: a Helm values file holds a single mapping`);
  }
  return {
    cluster: row.cluster,
    file,
    component: row.component,
    chart: row.chart,
    chartVersion: row.version,
    release: row.release,
    namespace: row.namespace,
    values,
  };
}

function checkClusters(index: BundleIndex): void {
  const known = new Set(index.clusters);
  const rows = [
    ...index.objects.map((row, i) => ({ row, field: `objects[${i}]` })),
    ...index.helmReleases.map((row, i) => ({
      row,
      field: `helmReleases[${i}]`,
    })),
  ];
  for (const { row, field } of rows) {
    if (!known.has(row.cluster)) {
      throw new InputError(
        `${BUNDLE_INDEX_FILE}: ${field}.cluster: "${
          row.cluster
        }" is not one of the bundle's clusters (${index.clusters.join(', ')})`,
      );
    }
  }
}

function onlyCluster(bundle: MeshBundle, cluster: string): MeshBundle {
  if (!bundle.clusters.includes(cluster)) {
    throw new InputError(
      `The bundle has no cluster "${cluster}"; its clusters: ${
        bundle.clusters.join(', ') || 'none'
      }`,
    );
  }
  const tree = clusterTreeDir(bundle, cluster);
  return {
    clusters: [cluster],
    objects: bundle.objects.filter(o => o.cluster === cluster),
    helmValues: bundle.helmValues.filter(v => v.cluster === cluster),
    files: bundle.files.filter(f => isInTree(tree, f.path)),
    index: bundle.index.filter(e => e.cluster === cluster),
  };
}

/**
 * Reads a bundle written by `writeBundle` back into the MeshBundle it was written from: every
 * file, the objects and Helm values that `bundle-index.json` lists (with chart, version, release
 * and namespace from its Helm release rows), and the index rows. With `cluster`, only that
 * cluster's part, its files being those of its tree.
 *
 * @throws InputError when the folder holds no index, the index does not fit its schema (naming
 *   the field path), a file is not valid YAML, or the files and the index disagree
 */
export async function readBundle(
  dir: string,
  options: ReadBundleOptions = {},
): Promise<MeshBundle> {
  const files = await readFiles(dir);
  const contents = new Map(files.map(f => [f.path, f.content]));
  const indexText = contents.get(BUNDLE_INDEX_FILE);
  if (indexText === undefined) {
    throw new InputError(
      `${dir} holds no ${BUNDLE_INDEX_FILE}; render a bundle into it first (mesh:bundle:render or mesh-bundle render)`,
    );
  }
  const index = parseBundleIndex(indexText);
  checkClusters(index);
  const bundle: MeshBundle = {
    clusters: index.clusters,
    objects: readObjects(index.objects, contents),
    helmValues: index.helmReleases.map((row, i) =>
      readHelmValues(row, i, contents),
    ),
    files,
    index: index.objects,
  };
  return options.cluster === undefined
    ? bundle
    : onlyCluster(bundle, options.cluster);
}
