import type { BundleProblem, MeshBundle } from '../../bundle/meshBundle';
import { controlPlanes, joinPath } from '../istioInstallations';
import { stringAt } from '../valuesAt';
import { BUNDLE_INDEX_FILE } from '../../bundle/bundleIndex';

/**
 * Every cluster of a mesh needs its own `global.multiCluster.clusterName`: istiod keys endpoints
 * and remote secrets by it, so two clusters with one name shadow each other's services.
 */
export function uniqueClusterNames(bundle: MeshBundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const seenTrees = new Set<string>();
  for (const cluster of bundle.clusters) {
    if (seenTrees.has(cluster)) {
      problems.push({
        file: BUNDLE_INDEX_FILE,
        subject: 'bundle',
        path: 'clusters',
        message: `cluster "${cluster}" is listed twice`,
      });
    }
    seenTrees.add(cluster);
  }
  const owner = new Map<string, { cluster: string; file: string }>();
  for (const plane of controlPlanes(bundle)) {
    const name = stringAt(plane.values, [
      'global',
      'multiCluster',
      'clusterName',
    ]);
    if (!name) continue;
    const first = owner.get(name);
    if (first && first.cluster !== plane.cluster) {
      problems.push({
        file: plane.file,
        subject: plane.subject,
        path: joinPath(plane.prefix, 'global.multiCluster.clusterName'),
        message: `clusterName "${name}" is already used by cluster tree "${first.cluster}" (${first.file}); every cluster in a mesh needs a unique name`,
      });
    } else if (!first) {
      owner.set(name, { cluster: plane.cluster, file: plane.file });
    }
  }
  return problems;
}
