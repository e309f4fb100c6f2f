import { defaultTargetPath } from '@mesh-templates/plugin-mesh-common';
import path from 'node:path';
import type { MeshBundle } from './meshBundle';

const kustomizationFile = 'kustomization.yaml';

function parentDir(file: string): string {
  const parent = path.posix.dirname(file);
  return parent === '.' ? '' : parent;
}

function commonDir(files: string[]): string {
  const [first, ...rest] = files.map(file => parentDir(file).split('/'));
  let length = first.length;
  for (const dir of rest) {
    let i = 0;
    while (i < length && dir[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length).join('/');
}

/** Whether `file` (relative to the bundle root) lies in the tree folder `dir`. */
export function isInTree(dir: string, file: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

/**
 * The folder of one cluster's tree inside a bundle, relative to its root. The index does not
 * name it, so it is the folder holding all of the cluster's objects and values files, widened to
 * the nearest folder with a kustomization.yaml (a tree with one component has all its files in
 * one sub-folder). A cluster without files gets the default target path.
 */
export function clusterTreeDir(
  bundle: Pick<MeshBundle, 'objects' | 'helmValues' | 'files'>,
  cluster: string,
): string {
  const files = [...bundle.objects, ...bundle.helmValues]
    .filter(entry => entry.cluster === cluster)
    .map(entry => entry.file);
  if (files.length === 0) {
    return defaultTargetPath(cluster);
  }
  const kustomized = new Set(
    bundle.files
      .filter(f => path.posix.basename(f.path) === kustomizationFile)
      .map(f => parentDir(f.path)),
  );
  const common = commonDir(files);
  for (let dir = common; dir !== ''; dir = parentDir(dir)) {
    if (kustomized.has(dir)) return dir;
  }
  return common;
}
